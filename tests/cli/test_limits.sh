#!/usr/bin/env bash
# CLI test of the resource limits (docs/reliability.md, "Limits"): every hostile input below once
# aborted, ran out of memory or took minutes; each now finishes, or stops with exit 2 and a
# message naming its limit. Memory is bounded by an explicit `ulimit -v` (KB) in a subshell.
# Speed is not timed: the quadratic cases run a size that took minutes before (noted at each)
# under a generous `timeout`, so only a return of the quadratic behaviour can fail them.
# Usage: test_limits.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
cli=$1
src=$2
shared=$3
bank_schema=$src/examples/bank_branch/schema.json
bank_data=$src/examples/bank_branch/responses.csv
ecsi_schema=$shared/ecsi/schema.json
ecsi_data=$shared/ecsi/mobi.csv
# A sanitizer build reserves terabytes of shadow memory at start-up, so it cannot run under
# `ulimit -v` at all: these are checks of the Release binary (scripts/sanitize.sh runs the rest).
if grep -aq -e __asan_init -e __tsan_init "$cli" 2>/dev/null; then
    echo "test_limits: skipped for a sanitizer build (ulimit -v and shadow memory do not mix)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_exit CODE NAME VMEM_KB -- command...: runs the command under `ulimit -v VMEM_KB`,
# keeps stdout/stderr in $tmp/NAME.{out,err}.
expect_exit() {
    local code=$1 name=$2 vmem=$3
    shift 4
    (ulimit -v "$vmem" && "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    local got=$?
    [ "$got" -eq "$code" ] || fail "$name: exit $got, expected $code; stderr: $(head -3 "$tmp/$name.err")"
}

expect_text() {  # expect_text FILE TEXT
    grep -qF -- "$2" "$1" || fail "$(basename "$1"): missing \"$2\"; got: $(head -c 400 "$1")"
}

# --- #1: 1000 threads where the system refuses some: fewer threads, the same numbers ----------
# Each thread reserves 8 MB of stack: 6 GB holds some hundreds. Before: SIGABRT (exit 134).
expect_exit 0 threads_1000 6000000 -- "$cli" analyze --schema "$ecsi_schema" --data "$ecsi_data" \
    --bootstrap 2000 --threads 1000 --json
expect_exit 0 threads_2 6000000 -- "$cli" analyze --schema "$ecsi_schema" --data "$ecsi_data" \
    --bootstrap 2000 --threads 2 --json
grep -v '"threads"' "$tmp/threads_1000.out" >"$tmp/t1000" && grep -v '"threads"' "$tmp/threads_2.out" >"$tmp/t2"
cmp -s "$tmp/t1000" "$tmp/t2" || fail "threads: 1000 asked threads give other numbers than 2"
expect_text "$tmp/threads_1000.out" '"resamples": 2000'

# --- #11: unbounded reads --------------------------------------------------------------------
expect_exit 2 schema_dev_zero 1000000 -- "$cli" validate --schema /dev/zero
expect_text "$tmp/schema_dev_zero.err" "larger than the limit of 256 MiB for a schema (max_schema_bytes"

# 50 MB of blank lines after valid data: before, lines x items x 8 bytes (10 GB) were reserved.
{ cat "$bank_data"; head -c 50000000 /dev/zero | tr '\0' '\n'; } >"$tmp/blank.csv"
expect_exit 0 blank_lines 400000 -- "$cli" score --schema "$bank_schema" --data "$tmp/blank.csv" --json
expect_text "$tmp/blank_lines.out" '"respondents": 600'
rm -f "$tmp/blank.csv"

# A line of 2 * 10^9 delimiters through a pipe: reading stops at the record limit (256 MiB), so
# 1 GB of address space suffices; held whole it would need 2 GB (and the fields 80 GB).
{ head -1 "$bank_data"; head -c 2000000000 /dev/zero | tr '\0' ','; } |
    (ulimit -v 1000000 && "$cli" score --schema "$bank_schema" --data -) >/dev/null 2>"$tmp/long_pipe.err"
expect_text "$tmp/long_pipe.err" "<stdin>:2: the record starting here is longer than the limit of 256 MiB (max_record_bytes"
# The same from a file (300 MB): the same message, with the file and line.
{ head -1 "$bank_data"; head -c 300000000 /dev/zero | tr '\0' ','; } >"$tmp/wide_line.csv"
expect_exit 2 long_record 1000000 -- "$cli" score --schema "$bank_schema" --data "$tmp/wide_line.csv"
expect_text "$tmp/long_record.err" "wide_line.csv:2: the record starting here is longer than the limit of 256 MiB (max_record_bytes"
rm -f "$tmp/wide_line.csv"

# A row of 1,100,000 fields (within the record limit): the column limit, with a line number.
{ head -2 "$bank_data"; head -c 1100000 /dev/zero | tr '\0' ','; echo; } >"$tmp/wide_row.csv"
expect_exit 2 many_fields 1000000 -- "$cli" score --schema "$bank_schema" --data "$tmp/wide_row.csv"
expect_text "$tmp/many_fields.err" "wide_row.csv:3: row has more than 1048576 fields"
{ head -c 1100000 /dev/zero | tr '\0' ','; echo; } >"$tmp/wide_head.csv"
expect_exit 2 many_columns 1000000 -- "$cli" score --schema "$bank_schema" --data "$tmp/wide_head.csv"
expect_text "$tmp/many_columns.err" "the header has more than 1048576 columns, the limit (max_columns"

# A 140 MB quoted cell in the segment column "channel", through a pipe: the cell limit names
# line and column.
{ head -2 "$bank_data"; sed -n 3p "$bank_data" | cut -d, -f1-3 | tr -d '\n'; printf ',"'
  head -c 140000000 /dev/zero | tr '\0' 'x'; printf '",'; sed -n 3p "$bank_data" | cut -d, -f5-; } |
    (ulimit -v 1000000 && "$cli" score --schema "$bank_schema" --data -) >/dev/null 2>"$tmp/big_cell.err"
expect_text "$tmp/big_cell.err" '<stdin>:3: column "channel": cell of 140000002 bytes is longer than the limit of 128 MiB (max_cell_bytes'

# --- #12: pipes, FIFOs and standard input read like files ------------------------------------
expect_exit 0 from_file 1000000 -- "$cli" score --schema "$bank_schema" --data "$bank_data" --json
(ulimit -v 1000000 && cat "$bank_data" | "$cli" score --schema "$bank_schema" --data - --json) >"$tmp/from_dash.out" 2>&1 ||
    fail "--data -: exit $?: $(head -3 "$tmp/from_dash.out")"
(ulimit -v 1000000 && "$cli" score --schema "$bank_schema" --data /dev/stdin --json <"$bank_data") >"$tmp/from_stdin.out" 2>&1 ||
    fail "--data /dev/stdin: exit $?: $(head -3 "$tmp/from_stdin.out")"
mkfifo "$tmp/fifo"
timeout 120 cat "$bank_data" >"$tmp/fifo" &  # never hangs if the reader fails to start
(ulimit -v 1000000 && "$cli" score --schema "$bank_schema" --data "$tmp/fifo" --json) >"$tmp/from_fifo.out" 2>&1 ||
    fail "--data FIFO: exit $?: $(head -3 "$tmp/from_fifo.out")"
wait
for f in from_stdin from_fifo; do
    cmp -s "$tmp/from_file.out" "$tmp/$f.out" || fail "$f: not the same report as the file"
done
# Only the source name differs for "-" (it is "<stdin>").
sed 's#<stdin>#'"$bank_data"'#g' "$tmp/from_dash.out" | cmp -s "$tmp/from_file.out" - || fail "--data -: not the same report as the file"

# --- #14, #15: sizes checked before allocating -------------------------------------------------
expect_exit 2 bootstrap_1e7 2000000 -- "$cli" analyze --schema "$ecsi_schema" --data "$ecsi_data" --bootstrap 10000000
# the CLI range is the core limit (max_resamples, limits.hpp)
expect_text "$tmp/bootstrap_1e7.err" "10000000 is outside 0..100000"
for n in 100000000 1000000000000; do
    expect_exit 2 "simulate_$n" 1000000 -- "$cli" simulate --model ecsi --n "$n" --out "$tmp/sim"
    expect_text "$tmp/simulate_$n.err" "$n is outside 2..10000000"  # max_simulated_respondents
done
expect_exit 2 simulate_answers 1000000 -- "$cli" simulate --model ecsi --n 5000000 --out "$tmp/sim"
expect_text "$tmp/simulate_answers.err" "is above the limit of 50000000 simulated answers"

# --- #13: a segment column of 20,000 values -------------------------------------------------
# Before: score --by 32 s, 7.8 GB and 1.3 GB of JSON; report > 90 s (quadratic). Now 50 + 1
# groups; 2 GB and 300 s are far more than the linear run needs (under a second here).
awk -F, 'BEGIN{OFS=","} NR==1{print; next} {for (k = 0; k < 34; k++) {$1 = "R" NR "_" k; $4 = "c" NR "_" k; print}}' \
    "$bank_data" >"$tmp/segments.csv"
expect_exit 0 segments_score 2000000 -- timeout 300 "$cli" score --schema "$bank_schema" --data "$tmp/segments.csv" \
    --by channel --json
[ "$(grep -c '"column": "channel"' "$tmp/segments_score.out")" -eq 51 ] || fail "segments: expected 50 groups and (other)"
expect_text "$tmp/segments_score.out" '"value": "(other)"'
expect_text "$tmp/segments_score.out" 'the segment column \"channel\" has 20400 values: the 50 largest are shown, the other 20350 are pooled as \"(other)\"'
expect_exit 0 segments_report 2000000 -- timeout 300 "$cli" report --schema "$bank_schema" --data "$tmp/segments.csv" \
    --out "$tmp/segments_report"
[ -s "$tmp/segments_report/report.json" ] || fail "segments: no report.json"

# --- #7: empty segment values are counted; analyze and report take --out-of-scale ------------
awk -F, 'BEGIN{OFS=","} NR > 1 && NR <= 11 {$4 = ""} {print}' "$bank_data" >"$tmp/empty_segment.csv"
expect_exit 0 empty_segment 1000000 -- "$cli" score --schema "$bank_schema" --data "$tmp/empty_segment.csv" --by channel
expect_text "$tmp/empty_segment.out" '10 respondents have no value in the segment column "channel" and are left out of its segment tables'
expect_exit 0 empty_segment_report 1000000 -- "$cli" report --schema "$bank_schema" --data "$tmp/empty_segment.csv" \
    --out "$tmp/empty_report"
expect_text "$tmp/empty_report/report.json" '10 respondents have no value in the segment column'
awk -F, 'BEGIN{OFS=","} NR == 2 {$6 = 7} {print}' "$bank_data" >"$tmp/out_of_scale.csv"
for cmd in analyze report; do
    expect_exit 0 "oos_$cmd" 1000000 -- "$cli" "$cmd" --schema "$bank_schema" --data "$tmp/out_of_scale.csv" \
        --out-of-scale missing --out "$tmp/oos_$cmd"
    expect_exit 2 "oos_${cmd}_error" 1000000 -- "$cli" "$cmd" --schema "$bank_schema" --data "$tmp/out_of_scale.csv" \
        --out "$tmp/oos_${cmd}_e"
    expect_text "$tmp/oos_${cmd}_error.err" "value 7 is outside the scale"
done

# --- #10: schema loading is linear -----------------------------------------------------------
# Before: 10^5 items validated in 16 s, 10^5 scales in 107 s, a node of 10^5 children in 113 s
# (quadratic); 3 x 10^5 items would take minutes. Now each takes about a second.
python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
n = 300000
items = ",".join('{"id":"I%d","scale":"s%d"}' % (i, i) for i in range(n))
scales = ",".join('{"id":"s%d","min":1,"max":5}' % i for i in range(n))
leaves = ",".join('{"item":"I%d"}' % i for i in range(n))
with open(d + "/big_schema.json", "w") as f:
    f.write('{"name":"big","scales":[%s],"items":[%s],"hierarchy":{"id":"CSI","children":[%s]}}' % (scales, items, leaves))
EOF
expect_exit 0 big_schema 3000000 -- timeout 120 "$cli" validate --schema "$tmp/big_schema.json"
rm -f "$tmp/big_schema.json"

# --- #18: the hierarchy depth limit is named ---------------------------------------------------
python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
def schema(levels):
    node = '{"item":"I1"}'
    for k in range(levels):
        node = '{"id":"N%d","children":[%s]}' % (k, node)
    return '{"name":"deep","scales":[{"id":"s","min":1,"max":5}],"items":[{"id":"I1","scale":"s"}],"hierarchy":%s}' % node
open(d + "/deep99.json", "w").write(schema(99))
open(d + "/deep100.json", "w").write(schema(100))
EOF
expect_exit 0 depth_99 1000000 -- "$cli" validate --schema "$tmp/deep99.json"
expect_exit 2 depth_100 1000000 -- "$cli" validate --schema "$tmp/deep100.json"
expect_text "$tmp/depth_100.err" "nested deeper than 200 levels, the limit (max_schema_depth"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all limits tests passed"
