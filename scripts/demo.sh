#!/usr/bin/env bash
# From a fresh clone: install dependencies, build, then run the bundled bank-branch survey
# (examples/bank_branch/) through the two main commands:
#   1. csikit score    the readable summary: 0-100 index and dimensions, satisfaction rate, NPS,
#                      wave-over-wave changes, one row per channel;
#   2. csikit analyze  the PLS path model (ECSI-style, target SAT), 0-100 indices, impacts and the
#                      importance-performance map, writing report.json and report.html;
#   3. csikit ipa      the courier survey (examples/courier_ipa/): stated importance, no model.
# Prints the paths of the files written at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
schema=examples/bank_branch/schema.json
data=examples/bank_branch/responses.csv
out=out/bank_branch
mkdir -p "$out"

echo "=== csikit score: scores, rates, NPS, waves, channels ==============================="
build/csikit score --schema "$schema" --data "$data" --by channel --out "$out/score.json"

echo
echo "=== csikit analyze: path model, indices, impacts, IPA ================================"
# Each respondent misses about one of the 24 items, so listwise deletion (the default) would
# leave out about half of them: --missing mean keeps everyone with at least one answer.
build/csikit analyze --schema "$schema" --data "$data" --target SAT --missing mean --out "$out"

echo
echo "=== csikit ipa: the courier survey, no path model (examples/courier_ipa) ============"
build/csikit ipa --schema examples/courier_ipa/schema.json --data examples/courier_ipa/responses.csv \
  --out "$out/courier_ipa"

echo
echo "Files written:"
for f in "$out/score.json" "$out/report.json" "$out/report.html" "$out/courier_ipa/ipa.json"; do
  [ -s "$f" ] || { echo "demo.sh: $f was not written" >&2; exit 1; }
  echo "  $(pwd)/$f"
done
