#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) in build-fuzz and
# runs each from its seed corpus (tests/corpus/fuzz_<target>/, plus the files that
# tests/corpus/fuzz_<target>.seeds names elsewhere in the checkout) for a bounded time.
# Usage: scripts/fuzz.sh [seconds per target, default 60] [extra libFuzzer flags...]
# A crash leaves its input in build-fuzz/artifacts/<target>/ and fails the script; copy it to
# tests/corpus/regressions/<target>-<what> so test_bad_inputs replays it (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
jobs=${CSIKIT_JOBS:-$(nproc)}

cxx=${CSIKIT_FUZZ_CXX:-}
if [ -z "$cxx" ]; then
  for c in clang++ clang++-16 clang++-15 clang++-14; do
    command -v "$c" >/dev/null && { cxx=$c; break; }
  done
fi
if [ -z "$cxx" ]; then
  echo "fuzz.sh: clang++ not found (install it with: scripts/setup.sh --hardening)" >&2
  exit 1
fi
cc=${cxx/clang++/clang}

log=$(mktemp)
if ! { CC=$cc CXX=$cxx cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" -DCSIKIT_SANITIZE=address,undefined \
         -DCSIKIT_BUILD_FUZZERS=ON -DCSIKIT_BUILD_TESTS=OFF -DCSIKIT_BUILD_BENCHMARKS=OFF \
         -DCSIKIT_BUILD_CLI=OFF -DCSIKIT_BUILD_CAPI=OFF -DCSIKIT_BUILD_PYTHON=OFF && \
       cmake --build build-fuzz --parallel "$jobs"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "fuzz.sh: the fuzzer build failed (log above)" >&2
  exit 1
fi
rm -f "$log"

export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# gather_seeds LIST DIR: copies every file LIST names (a folder: every file in it) into DIR.
gather_seeds() {
  local list=$1 dir=$2 path
  rm -rf "$dir" && mkdir -p "$dir"
  [ -f "$list" ] || return 0
  while read -r path; do
    case $path in ''|'#'*) continue ;; esac
    if [ -d "$path" ]; then
      find "$path" -maxdepth 1 -type f -exec cp {} "$dir"/ \;
    elif [ -f "$path" ]; then
      cp "$path" "$dir"/
    else
      echo "fuzz.sh: $list names $path, which does not exist" >&2
      return 1
    fi
  done <"$list"
}

status=0
# fuzz_stat (the ReadStat reader), fuzz_acc_state (accumulator state bytes) and fuzz_shares (the
# reference shares of `score --reference FILE`) are built but run only on request
# (CSIKIT_FUZZ_TARGETS) until each has passed 10^6 libFuzzer executions clean (docs/reliability.md).
targets=${CSIKIT_FUZZ_TARGETS:-fuzz_schema fuzz_csv fuzz_capi fuzz_model_syntax fuzz_arrow fuzz_xlsx}
# run_target TARGET: one fuzzer for $seconds from its seeds; its log in build-fuzz/TARGET.log.
run_target() {
  local target=$1
  local bin=build-fuzz/fuzz/$target
  [ -x "$bin" ] || return 0
  local seeds=()  # libFuzzer stops at a corpus folder that does not exist
  [ -d "tests/corpus/$target" ] && seeds=("tests/corpus/$target")
  local shared_seeds=build-fuzz/seeds/$target  # copies of the files tests/corpus/$target.seeds names
  local work=build-fuzz/corpus/$target        # the growing corpus; seeds stay untouched
  local artifacts=build-fuzz/artifacts/$target/
  mkdir -p "$work" "$artifacts"
  gather_seeds "tests/corpus/$target.seeds" "$shared_seeds" || return 1
  local dict_file=fuzz/$target.dict
  [ "$target" = fuzz_capi ] && dict_file=fuzz/fuzz_schema.dict  # its input starts with schema JSON
  local dict=()
  [ -f "$dict_file" ] && dict=(-dict="$dict_file")
  if ! "$bin" "$work" "${seeds[@]}" "$shared_seeds" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
         -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" "${extra[@]}" \
         >"build-fuzz/$target.log" 2>&1; then
    tail -n 60 "build-fuzz/$target.log" >&2
    echo "fuzz.sh: $target found a problem; the input is in $artifacts" >&2
    return 1
  fi
  echo "fuzz.sh: $target ran ${seconds}s: $(grep -E '^stat::number_of_executed_units' "build-fuzz/$target.log" | tail -n 1)"
}

# One fuzzer per core at a time (each is single-threaded, and each runs for the same time), in
# batches of $jobs: seconds x ceil(targets / jobs) instead of seconds x targets.
extra=("$@")
batch=()
run_batch() {
  local pid
  for pid in "${batch[@]}"; do wait "$pid" || status=1; done
  batch=()
}
for target in $targets; do
  run_target "$target" &
  batch+=($!)
  [ ${#batch[@]} -ge "$jobs" ] && run_batch
done
run_batch
[ $status -eq 0 ] && echo "fuzz.sh: no crashes, hangs or leaks"
exit $status
