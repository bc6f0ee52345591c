#!/usr/bin/env bash
# Streaming CSV throughput (issue 13): csikit's streaming reader (through `csikit validate`,
# which streams any file above 64 MiB and parses every cell with read_responses' rules) beside
# pyarrow's multi-threaded CSV reader (read_csv, and open_csv streaming batches) on the same
# file, in the same run. Prints wall and CPU seconds, peak memory (/usr/bin/time %M) and MB/s.
# Then a path model estimated from the streamed moments (analyze --stream) beside the in-memory
# analyze on the same file.
# Usage: benchmarks/streaming/run.sh CSIKIT_BINARY ROWS [WORKDIR]
#   e.g. benchmarks/streaming/run.sh /work/bld-stream/csikit 10000000 /work/tmp-stream
# Below 64 MiB (10^6 rows is 50 MB) validate reads the file whole, not streamed.
# The file (ROWS x 24 items on 1..10, one cell in 37 empty) is generated in WORKDIR and deleted.
set -eu
cli=$1
rows=$2
work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
schema=$here/schema24.json
mkdir -p "$work"
csv=$work/stream_$rows.csv
python3 - "$csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
period = 370  # the rows repeat: 37 (empty cells) x 10 (values)
lines = []
for i in range(period):
    lines.append(",".join("" if (i + j) % 37 == 0 else str((i * 7 + j * 3) % 10 + 1) for j in range(24)) + "\n")
block = "".join(lines)
with open(path, "w") as f:
    f.write(",".join(f"x{j}" for j in range(24)) + "\n")
    big = block * 1000
    done = 0
    while done + period * 1000 <= rows:
        f.write(big)
        done += period * 1000
    while done < rows:
        take = min(period, rows - done)
        f.write("".join(lines[:take]))
        done += take
PY
size=$(stat -c %s "$csv")
mb=$(python3 -c "print(f'{$size / 1e6:.0f}')")
echo "file: $rows rows x 24 items, $mb MB; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {  # NAME COMMAND...: wall, user+sys CPU, peak RSS, MB/s
    local name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null
    read -r wall user sys rss <"$work/time.txt"
    python3 -c "w=$wall; c=$user+$sys; print(f'  {\"$name\":<28} wall {w:7.2f} s  cpu {c:7.2f} s  peak {$rss/1024:7.1f} MB  {$size/1e6/w:7.1f} MB/s')"
}
measure "csikit (streaming)" "$cli" validate --schema "$schema" --data "$csv"
# read_csv holds the whole table (~37 GB at 10^8 rows): only up to 10^7 rows.
[ "$rows" -le 10000000 ] && measure "pyarrow read_csv" python3 -c "import pyarrow.csv as c; t = c.read_csv('$csv'); print(t.num_rows)"
measure "pyarrow open_csv (batches)" python3 -c "
import pyarrow.csv as c
r = c.open_csv('$csv', read_options=c.ReadOptions(block_size=4 << 20))
n = sum(b.num_rows for b in r)
print(n)"
# The path model (4 constructs of 6 items): estimated from the streamed moments (analyze --stream)
# and, up to 10^7 rows, from the file read whole (analyze).
model=$here/schema24_model.json
measure "csikit analyze --stream" "$cli" analyze --schema "$model" --data "$csv" --stream
[ "$rows" -le 10000000 ] && measure "csikit analyze (in memory)" "$cli" analyze --schema "$model" --data "$csv"
# `csikit score` (items, the four-dimension index, satisfaction rate) from the stream and read
# whole: the same printed tables
scored=$here/schema24_hierarchy.json
measure "csikit score --stream" "$cli" score --schema "$scored" --data "$csv" --stream
if [ "$rows" -le 10000000 ]; then
  measure "csikit score (in memory)" "$cli" score --schema "$scored" --data "$csv"
  "$cli" score --schema "$scored" --data "$csv" --stream > "$work/score_stream.txt"
  "$cli" score --schema "$scored" --data "$csv" > "$work/score_whole.txt"
  cmp -s "$work/score_stream.txt" "$work/score_whole.txt" && echo "  score tables: identical" || echo "  score tables: DIFFER"
fi
rm -f "$csv"
