#!/usr/bin/env bash
# ctest fixture: a fresh-enough virtualenv in the build tree with csikit pip-installed from the
# repository, exactly as a user would install it. Quiet on success.
# usage: venv_install.sh PYTHON VENV_DIR REPO_DIR
set -euo pipefail
python=$1 venv=$2 repo=$3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; echo "venv_install: failed: $*" >&2; exit 1; }; }

if [ ! -x "$venv/bin/python" ]; then
  run "$python" -m venv "$venv"
fi
# Build requirements are installed up front so the package builds without isolation (and the
# CMake build directory below is reused from one run to the next).
run "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "scikit-build-core>=0.8" "pybind11>=2.10" numpy pandas pytest matplotlib
run "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation \
    --config-settings=build-dir="$venv/../wheel-build" "$repo"
