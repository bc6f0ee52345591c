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

# ==== Python packages for the wheel build and the Python tests (bindings) ==================
# pip installs only what `python3` cannot import yet; quiet on success.
py_missing=()
for spec in pytest:pytest numpy:numpy pandas:pandas scikit_build_core:scikit-build-core pybind11:pybind11; do
  python3 -c "import ${spec%%:*}" 2>/dev/null || py_missing+=("${spec#*:}")
done
if [ ${#py_missing[@]} -gt 0 ]; then
  log=$(mktemp)
  if ! python3 -m pip install -q --disable-pip-version-check "${py_missing[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup.sh: could not pip install: ${py_missing[*]}" >&2
    exit 1
  fi
  rm -f "$log"
fi
# ==== end of the Python block ==============================================================

# ==== optional: hardening tools (scripts/setup.sh --hardening) ==============================
# clang and its sanitizer/libFuzzer runtimes for scripts/fuzz.sh; not part of the default setup.
if [ "${1:-}" = "--hardening" ]; then
  hardening=(clang-14 libclang-rt-14-dev)
  missing=()
  for p in "${hardening[@]}"; do
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
fi
# ==== end of the optional hardening block ===================================================

# ==== HTML report browser check (tests/cli/test_html_browser.sh) ==========================
# Debian's chromium renders report.html headless in the test suite, and fonts-noto-cjk lets it
# draw Chinese labels. Optional: the test skips (exit 0) when chromium is missing, so a failed
# install here only warns.
browser_packages=(chromium fonts-noto-cjk)
browser_missing=()
for p in "${browser_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || browser_missing+=("$p")
done
if [ ${#browser_missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${browser_missing[@]}"; } >"$log" 2>&1; then
    echo "setup.sh: could not install ${browser_missing[*]} (the HTML browser test will be skipped)" >&2
  fi
  rm -f "$log"
fi
# ==== end of the HTML report browser block ================================================
