#!/usr/bin/env bash
# ctest ffi_go / ffi_rust: examples/go (cgo, standard library only) and examples/rust (no
# crates) built against a staged install with nothing but its csikit_c.pc, then run on ECSI.
# Offline: GOPROXY=off / GOTOOLCHAIN=local, cargo --offline. Exit 77 (skipped) without the
# toolchain. usage: test_example_lang.sh go|rust PREFIX SOURCE_DIR SCHEMA DATA WORK_DIR
set -euo pipefail
lang=$1 prefix=$2 src=$3 schema=$4 data=$5 work=$6
pcdir=$(dirname "$(find "$prefix" -name csikit_c.pc | head -1)")
export PKG_CONFIG_PATH=$pcdir
libdir=$(pkg-config --variable=libdir csikit_c)
mkdir -p "$work"
case $lang in
  go)
    command -v go >/dev/null || { echo "go is not installed: skipped"; exit 77; }
    export GOPROXY=off GOTOOLCHAIN=local GOFLAGS=-mod=mod GOCACHE=$work/gocache GOPATH=$work/gopath
    export CGO_ENABLED=1 CGO_LDFLAGS="-Wl,-rpath,$libdir"
    (cd "$src/examples/go" && go build -o "$work/quickstart_go" .)
    exe=$work/quickstart_go ;;
  rust)
    command -v cargo >/dev/null || { echo "cargo is not installed: skipped"; exit 77; }
    export CARGO_TARGET_DIR=$work/target CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
    cargo build --offline --quiet --release --manifest-path "$src/examples/rust/Cargo.toml"
    exe=$work/target/release/csikit-quickstart ;;
  *) echo "unknown language $lang"; exit 2 ;;
esac
out=$("$exe" "$schema" "$data")
printf '%s\n' "$out"
grep -Eq 'IMAG +-> CUEX +0\.505' <<<"$out" || { echo "$lang example: no IMAG -> CUEX 0.505"; exit 1; }
grep -Eq 'bootstrap IMAG -> CUEX: se 0\.0[0-9]+, 95% CI \[0\.[0-9]+, 0\.[0-9]+\]' <<<"$out" || { echo "$lang example: no bootstrap line"; exit 1; }
grep -q 'error as expected: .*malformed JSON.*(parse)' <<<"$out" || { echo "$lang example: the error was not reported"; exit 1; }
