#!/usr/bin/env bash
# Configures and builds csikit in build/ (Release, Ninja). Quiet unless something fails.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
if command -v ccache >/dev/null; then
  # Paths below the checkout are hashed relative to the build directory, so the Python wheel's
  # build (build-wheel/, the same depth: tests/python/venv_install.sh) finds these objects.
  export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
log=$(mktemp)
if ! { cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" "$@" && \
       cmake --build build --parallel "$(nproc)"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "build.sh: the build failed (full log above)" >&2
  exit 1
fi
rm -f "$log"
