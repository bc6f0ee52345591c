#!/usr/bin/env bash
# The shared C library must export csikit_* functions only (nothing from the C++ core, Eigen,
# nlohmann/json or libstdc++), and every function declared in csikit.h.
# usage: check_symbols.sh LIBRARY HEADER
set -euo pipefail
lib=$1 header=$2
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u)
foreign=$(grep -v '^csikit_' <<<"$exported" || true)
if [ -n "$foreign" ]; then
  echo "check_symbols: $lib exports symbols outside csikit_* (expected none):" >&2
  echo "$foreign" | head -20 >&2
  exit 1
fi
declared=$(grep -oE '^CSIKIT_API [^(]*\bcsikit_[a-z0-9_]+\(' "$header" | grep -oE 'csikit_[a-z0-9_]+' | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
if [ -n "$missing" ]; then
  echo "check_symbols: declared in $(basename "$header") but not exported (expected every one):" >&2
  echo "$missing" >&2
  exit 1
fi
echo "check_symbols: $(wc -l <<<"$exported") csikit_* symbols exported, nothing else"
