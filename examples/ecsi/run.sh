#!/usr/bin/env bash
# The ECSI mobile-phone model (Tenenhaus et al. 2005) with the csikit CLI: estimate and bootstrap
# it with `csikit analyze`, then write the HTML report with `csikit report`. The data stay where
# they are, in ../shared/data/ecsi beside the checkout (never copied into the repository).
# Usage: run.sh [csikit binary] [output dir]   (defaults: ../../build/csikit, ./out)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
csikit=${1:-$here/../../build/csikit}
out=${2:-$here/out}
ecsi=$here/../../../shared/data/ecsi
[ -f "$ecsi/mobi.csv" ] || { echo "run.sh: $ecsi/mobi.csv not found (expected ../shared/data beside the checkout)" >&2; exit 1; }
mkdir -p "$out"

"$csikit" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --bootstrap 500 --seed 1 --threads 2 \
  --out "$out" | tee "$out/analyze.txt"
"$csikit" report --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --out "$out/html" --lang en --target CUSA \
  --bootstrap 500 --seed 1 --threads 2

# The paths of the published model, and the report's sections.
grep -Eq "^ +CUSA +CUSL +0\.48[0-9] " "$out/analyze.txt" || { echo "FAIL: CUSA -> CUSL should be 0.48x (Tenenhaus et al.)" >&2; exit 1; }
[ -s "$out/report.json" ] || { echo "FAIL: no report.json" >&2; exit 1; }
for s in sec-model sec-quality sec-indices sec-ipa; do
  grep -q "id=\"$s\"" "$out/html/report.html" || { echo "FAIL: report.html has no $s" >&2; exit 1; }
done
echo "ok: $out/report.json, $out/html/report.html"
