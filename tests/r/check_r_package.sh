#!/usr/bin/env bash
# ctest r_package: `R CMD build` then `R CMD check --no-manual` of bindings/r against the
# libcsikit_c of this build tree (CSIKIT_BUILD_DIR -> build/pkgconfig/csikit_c-uninstalled.pc).
# The testthat suite compares with the CLI on ECSI (CSIKIT_CLI, CSIKIT_SHARED_DATA) and must not
# skip that (CSIKIT_R_REQUIRE_REFERENCE=1). Fails on any ERROR or WARNING of the check; NOTEs are
# printed. Exit 77 (skipped) without R.
# usage: check_r_package.sh SOURCE_DIR BUILD_DIR SHARED_DATA CLI WORK_DIR
set -euo pipefail
src=$1 build=$2 shared=$3 cli=$4 work=$5
command -v R >/dev/null || { echo "R is not installed: skipped"; exit 77; }
Rscript -e 'if (!requireNamespace("testthat", quietly = TRUE) || !requireNamespace("jsonlite", quietly = TRUE)) quit(status = 1)' \
  || { echo "r-cran-testthat / r-cran-jsonlite are not installed: skipped"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
cp -r "$src/bindings/r" "$work/csikit"       # never build in the source tree (objects, Makevars)
rm -f "$work/csikit/src/"*.o "$work/csikit/src/"*.so "$work/csikit/src/Makevars"
export CSIKIT_BUILD_DIR=$build CSIKIT_SHARED_DATA=$shared CSIKIT_CLI=$cli
# the CLI comparison may only be skipped in a build without the CLI or without ../shared/data
if [ -n "$cli" ] && [ -f "$shared/ecsi/mobi.csv" ]; then export CSIKIT_R_REQUIRE_REFERENCE=1; fi
export _R_CHECK_FORCE_SUGGESTS_=false R_LIBS_USER=$work/lib MAKEFLAGS=-j1
mkdir -p "$R_LIBS_USER"
cd "$work"
R CMD build --no-build-vignettes --no-manual csikit > build.log 2>&1 || { cat build.log; exit 1; }
tarball=$(ls csikit_*.tar.gz)
R CMD check --no-manual --no-build-vignettes "$tarball" > check.log 2>&1 || true
log=csikit.Rcheck/00check.log
[ -f "$log" ] || { cat check.log; exit 1; }
grep -E "^\* checking .*(NOTE|WARNING|ERROR)$" "$log" || true
if grep -qE "^Status: .*(ERROR|WARNING)" "$log" || ! grep -q "^Status:" "$log"; then
  cat "$log"
  for f in csikit.Rcheck/tests/*.Rout.fail; do [ -f "$f" ] && tail -40 "$f"; done
  exit 1
fi
grep "^Status:" "$log"
grep -h "^\[ FAIL" csikit.Rcheck/tests/testthat.Rout || true
