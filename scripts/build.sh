#!/usr/bin/env bash
# Configures and builds csikit in build/ (Release, Ninja). Quiet unless something fails.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
if ! { cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" && \
       cmake --build build --parallel "$(nproc)"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "build.sh: the build failed (full log above)" >&2
  exit 1
fi
rm -f "$log"
