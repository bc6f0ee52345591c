#!/usr/bin/env bash
# Sanitizer builds and runs (docs/reliability.md):
#   build-asan  AddressSanitizer + UndefinedBehaviorSanitizer: the library and every doctest suite
#               and CLI test under ctest (not the consumer/install tests, the C ABI or benchmarks);
#   build-tsan  ThreadSanitizer: the threaded suites (bootstrap, concurrency).
# RelWithDebInfo at -O1 -g; any report fails the run (halt_on_error). Builds only test targets.
# Usage: scripts/sanitize.sh [asan|tsan|all]   (default all). Jobs: CSIKIT_JOBS (default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
jobs=${CSIKIT_JOBS:-$(nproc)}
root=$PWD

common=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g"
        -DCSIKIT_BUILD_BENCHMARKS=OFF -DCSIKIT_BUILD_CAPI=OFF -DCSIKIT_BUILD_PYTHON=OFF)

configure_and_build() {  # dir, sanitizer list, targets...
  local dir=$1 san=$2; shift 2
  local log; log=$(mktemp)
  if ! { cmake -S . -B "$dir" "${common[@]}" -DCSIKIT_SANITIZE="$san" && \
         cmake --build "$dir" --parallel "$jobs" --target "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "sanitize.sh: the $san build failed (log above)" >&2
    exit 1
  fi
  rm -f "$log"
}

suppressions=$root/scripts/ubsan.supp
[ -f "$suppressions" ] || suppressions=/dev/null
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$suppressions
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

if [ "$what" = asan ] || [ "$what" = all ]; then
  # The default target: the library, the CLI, every tests/cpp/test_<area>.cpp executable and
  # the example programs the tests run (benchmarks, C ABI and Python are switched off above).
  targets=(all)
  echo "sanitize.sh: ASan+UBSan build"
  configure_and_build build-asan address,undefined "${targets[@]}"
  # Sanitized code is slower: the stress suites run a fifth of their repetitions.
  CSIKIT_STRESS_SCALE=0.2 ctest --test-dir build-asan --output-on-failure --timeout 1800 -j "$jobs" \
    -E '^(consumer_|c_|ffi_|python_)'
fi

if [ "$what" = tsan ] || [ "$what" = all ]; then
  targets=(test_concurrency)
  [ -f tests/cpp/test_bootstrap.cpp ] && targets+=(test_bootstrap)
  echo "sanitize.sh: TSan build (${targets[*]})"
  configure_and_build build-tsan thread "${targets[@]}"
  regex="^($(IFS='|'; echo "${targets[*]}"))\$"
  CSIKIT_STRESS_SCALE=0.2 ctest --test-dir build-tsan --output-on-failure --timeout 1800 -R "$regex"
fi
echo "sanitize.sh: all sanitizer runs passed"
