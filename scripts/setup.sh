#!/usr/bin/env bash
# Installs what csikit needs to build and test, from Debian's packages.
# Idempotent: installs only what is missing; quiet on success (prints only on failure).
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config
          libeigen3-dev nlohmann-json3-dev libboost-math-dev doctest-dev libbenchmark-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup.sh: could not install: ${missing[*]}" >&2
    exit 1
  fi
  rm -f "$log"
fi
