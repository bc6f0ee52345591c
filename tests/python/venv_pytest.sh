#!/usr/bin/env bash
# Runs the pytest suite against the INSTALLED package, from a directory outside the source
# tree so `import csikit` can only find the installed one.
# usage: venv_pytest.sh VENV_DIR REPO_DIR SHARED_DATA [CLI]
set -euo pipefail
venv=$(cd "$1" && pwd) repo=$2
export CSIKIT_SHARED_DATA=$3
export CSIKIT_CLI=${4:-}
export MPLBACKEND=Agg
cd "$venv/.."
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider --import-mode=importlib \
  --rootdir "$repo/tests/python" -c /dev/null "$repo/tests/python"
