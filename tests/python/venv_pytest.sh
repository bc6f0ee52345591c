#!/usr/bin/env bash
# Runs the pytest suite against the INSTALLED wheel (venv_install.sh), from a directory outside
# the source tree so `import csikit` can only find the installed one, with a PATH that holds no
# compiler or build tool (the wheel must need none at run time).
# usage: venv_pytest.sh VENV_DIR REPO_DIR SHARED_DATA [CLI]
set -euo pipefail
venv=$(cd "$1" && pwd) repo=$2
export CSIKIT_SHARED_DATA=$3
export CSIKIT_CLI=${4:-}
export MPLBACKEND=Agg
# PATH: the venv, then links to /usr/bin and /bin minus compilers, linkers and build tools.
nocc=$(dirname "$venv")/path-without-compilers
rm -rf "$nocc" && mkdir -p "$nocc"
for d in /usr/local/bin /usr/bin /bin; do
  for f in "$d"/*; do
    b=$(basename "$f")
    case "$b" in
      cc|c++|c89*|c99*|cpp|cpp-*|gcc|gcc-*|g++|g++-*|clang*|ld|ld.*|as|x86_64-*|aarch64-*|cmake|ctest|cpack|ninja|make|gmake|ccache|pkg-config|*-gcc|*-g++) continue ;;
    esac
    [ -e "$nocc/$b" ] || ln -s "$f" "$nocc/$b"
  done
done
export PATH=$venv/bin:$nocc
for tool in cc gcc c++ g++ cmake ninja ld; do
  if command -v "$tool" >/dev/null; then echo "venv_pytest: $tool is still on PATH" >&2; exit 1; fi
done
cd "$venv/.."
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider --import-mode=importlib \
  --rootdir "$repo/tests/python" -c /dev/null "$repo/tests/python"
