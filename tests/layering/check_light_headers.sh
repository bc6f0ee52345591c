#!/usr/bin/env bash
# The light public headers preprocess without Eigen (docs/design.md): a consumer that only
# loads schemas, scores or plans samples does not compile Eigen.
# Usage: check_light_headers.sh CXX SOURCE_DIR
set -euo pipefail
cxx=$1 src=$2
fail=0
for h in error version fwd format text limits schema presets model stats sampling; do
  f=$src/include/csikit/$h.hpp
  [ -f "$f" ] || continue
  if "$cxx" -std=c++20 -E -I"$src/include" -I/usr/include/eigen3 "$f" 2>/dev/null | grep -q "Eigen"; then
    echo "check_light_headers: include/csikit/$h.hpp reaches Eigen"; fail=1
  fi
done
[ $fail -eq 0 ] && echo "check_light_headers: no Eigen in the light headers"
exit $fail
