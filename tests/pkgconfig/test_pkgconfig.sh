#!/usr/bin/env bash
# The installed pkg-config files: examples/c/quickstart.c built with nothing but
# `pkg-config --cflags --libs csikit_c`, and tests/consumer/main.cpp (the C++ library) with
# `pkg-config --cflags --libs --static csikit`, against a staged install; both run.
# usage: test_pkgconfig.sh PREFIX SOURCE_DIR CC CXX SCHEMA DATA OUT_DIR
set -euo pipefail
prefix=$1 src=$2 cc=$3 cxx=$4 schema=$5 data=$6 out=$7
command -v pkg-config >/dev/null || { echo "pkg-config is not installed"; exit 1; }
pcdir=$(dirname "$(find "$prefix" -name csikit_c.pc | head -1)")
[ -f "$pcdir/csikit_c.pc" ] && [ -f "$pcdir/csikit.pc" ] || { echo "no csikit_c.pc/csikit.pc under $prefix"; exit 1; }
export PKG_CONFIG_PATH=$pcdir
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
mkdir -p "$out"

# The files name the staged prefix (written at install time), not the configure-time one.
[ "$(pkg-config --variable=prefix csikit_c)" = "$prefix" ] || { echo "csikit_c.pc: prefix is $(pkg-config --variable=prefix csikit_c), not $prefix"; exit 1; }
libdir=$(pkg-config --variable=libdir csikit_c)
[ -e "$libdir/libcsikit_c.so" ] || { echo "csikit_c.pc: libdir $libdir has no libcsikit_c.so"; exit 1; }
[ "$(pkg-config --modversion csikit_c)" = "$(pkg-config --modversion csikit)" ] || { echo "the two .pc files disagree on the version"; exit 1; }

# C: the flags alone (plus an rpath from the libdir variable, as a user would add).
# shellcheck disable=SC2046
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "$src/examples/c/quickstart.c" -o "$out/quickstart_pc" \
  $(pkg-config --cflags --libs csikit_c) -Wl,-rpath,"$libdir"
(cd "$out" && "$out/quickstart_pc" "$schema" "$data") > "$out/quickstart_pc.txt" 2>/dev/null
grep -Eq 'IMAG +-> CUEX +0\.50' "$out/quickstart_pc.txt" || { cat "$out/quickstart_pc.txt"; echo "quickstart (pkg-config) lacks IMAG -> CUEX = 0.50"; exit 1; }
echo "csikit_c.pc: quickstart.c built with: $(pkg-config --cflags --libs csikit_c)"

# C++: the static library, its Requires (eigen3) and Libs.private.
if pkg-config --exists eigen3; then
  # shellcheck disable=SC2046
  "$cxx" "$src/tests/consumer/main.cpp" -o "$out/consumer_pc" $(pkg-config --cflags csikit) \
    $(pkg-config --libs --static csikit)
  "$out/consumer_pc" "$src/examples/bank_branch/schema.json" | grep -q "items, csikit $(pkg-config --modversion csikit)" \
    || { echo "consumer (pkg-config csikit) failed"; exit 1; }
  echo "csikit.pc: consumer built with: $(pkg-config --cflags csikit) $(pkg-config --libs --static csikit)"
else
  echo "csikit.pc: eigen3.pc not found, the C++ check is skipped"
fi
