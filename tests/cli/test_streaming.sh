#!/usr/bin/env bash
# Streaming a CSV file larger than the memory the process may use (issue 13): csikit validate
# streams a file above 64 MiB; here a ~400 MB file of 24 items is read under `ulimit -v` of
# 300 MB, and the counts it prints equal the ones the generator (awk) counted while writing it.
# Reading the same file whole fails under the same limit, so the limit is real.
# Usage: test_streaming.sh CSIKIT_BINARY SOURCE_DIR SHARED_DATA_DIR
set -u
. "$(dirname "$0")/lib.sh" "$@"
# A sanitizer build reserves terabytes of shadow memory at start-up, so it cannot run under
# `ulimit -v`: this is a check of the Release binary (as tests/cli/test_limits.sh).
if grep -aq -e __asan_init -e __tsan_init "$cli" 2>/dev/null; then
    echo "test_streaming: skipped for a sanitizer build (ulimit -v and shadow memory do not mix)"
    exit 0
fi
schema=$shared/ecsi/schema.json
big=$tmp/big.csv
copies=${CSIKIT_STREAM_TEST_COPIES:-21622}  # x 370 rows: 8,000,140 rows, ~420 MB

# 24 items on 1..10 (the ECSI header), one empty cell in 37. The rows repeat with period 370, so
# a block of 370 is written `copies` times; the generator counts the empty cells per item.
python3 - "$big" "$copies" "$tmp/expected.txt" "$shared/ecsi/mobi.csv" <<'PY'
import sys
path, copies, counts, header_from = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
header = open(header_from).readline()
lines, miss = [], [0] * 24
for i in range(370):
    cells = []
    for j in range(24):
        if (i + j) % 37 == 0:
            cells.append("")
            miss[j] += 1
        else:
            cells.append(str((i * 7 + j * 3) % 10 + 1))
    lines.append(",".join(cells) + "\n")
block = "".join(lines) * 100
with open(path, "w") as f:
    f.write(header)
    for _ in range(copies // 100):
        f.write(block)
    f.write("".join(lines) * (copies % 100))
with open(counts, "w") as f:
    for j in range(24):
        f.write(f"{j},{miss[j] * copies}\n")
PY
rows=$((copies * 370))
size=$(stat -c %s "$big")
echo "generated $size bytes, $rows rows"
[ "$size" -gt $((300 * 1024 * 1024)) ] || die "the file ($size bytes) is not larger than the memory limit"

# (a) streamed under a 300 MB address-space limit
( ulimit -v 307200; exec "$cli" validate --schema "$schema" --data "$big" ) >"$tmp/stream.out" 2>"$tmp/stream.err"
status=$?
check_equal "streamed under ulimit -v 300 MB: exit status" 0 "$status" || head -5 "$tmp/stream.err" >&2
expect_text "$tmp/stream.out" "respondents  $rows (unweighted)" "cells        $((rows * 24))" "valid"
items=$(head -1 "$shared/ecsi/mobi.csv" | tr -d '\r' | tr ',' ' ')
j=0
for item in $items; do
    want=$(awk -v j=$j -F, '$1 == j { print $2 }' "$tmp/expected.txt")
    got=$(awk -v it="$item" '$1 == it { print $2 }' "$tmp/stream.out")
    check_equal "missing cells of $item" "$want" "$got"
    j=$((j + 1))
done
[ -s "$tmp/stream.err" ] && fail "stderr is not a terminal: no progress expected, got: $(head -2 "$tmp/stream.err")"

# (b) the same file read whole (csikit score holds it in memory) does not fit under the limit
( ulimit -v 307200; exec "$cli" score --schema "$schema" --data "$big" ) >"$tmp/whole.out" 2>"$tmp/whole.err"
status=$?
check_equal "read whole under the same limit: exit status" 2 "$status"
expect_text "$tmp/whole.err" "not enough memory"

rm -f "$big"
finish
