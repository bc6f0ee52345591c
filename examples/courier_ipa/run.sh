#!/usr/bin/env bash
# Runs the courier IPA example and checks that every factor lands in the quadrant the source
# (DOMAIN.md) reports, then (given the csikit binary) the same survey through the CLI:
# `csikit ipa` with stated and derived importance, and `csikit report` without a path model.
# Usage: run.sh [courier_ipa binary] [output dir] [csikit binary]
#   default binary: ../../build/examples/example_courier_ipa; default output: ./out
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../build/examples/example_courier_ipa}
out=${2:-$here/out}
mkdir -p "$out"
"$bin" "$here/schema.json" "$here/responses.csv" "$out/report.html" | tee "$out/ipa.txt"

expect() {  # factor, quadrant label
  grep -Eq "^$1 .*  $2 \(" "$out/ipa.txt" || { echo "FAIL: $1 is not in \"$2\"" >&2; exit 1; }
}
expect delivery_time "concentrate here"
expect tracking "concentrate here"
expect safety "keep up the good work"
expect pickup "keep up the good work"
expect staff_attitude "keep up the good work"
expect tariff "low priority"
expect international "low priority"
expect service_range "possible overkill"
expect counter_efficiency "possible overkill"
expect payment_methods "possible overkill"
grep -q "^Fix first (priority order: concentrate here, then z(I) - z(P)): delivery_time " "$out/ipa.txt" || { echo "FAIL: delivery time should come first" >&2; exit 1; }
grep -q 'id="sec-ipa"' "$out/report.html" || { echo "FAIL: the HTML report has no IPA map" >&2; exit 1; }
echo "ok: all ten factors in their DOMAIN.md quadrants"

cli=${3:-}
if [ -n "$cli" ]; then
  "$cli" ipa --schema "$here/schema.json" --data "$here/responses.csv" --diagonal | tee "$out/cli_ipa.txt"
  grep -Eq "^  delivery_time .* concentrate here " "$out/cli_ipa.txt" || { echo "FAIL: csikit ipa: delivery_time" >&2; exit 1; }
  "$cli" ipa --schema "$here/schema.json" --data "$here/responses.csv" --importance rwa --by customer_type \
    | tee "$out/cli_ipa_rwa.txt"
  "$cli" report --schema "$here/schema.json" --data "$here/responses.csv" --out "$out/report_cli"
  grep -q 'id="sec-ipa"' "$out/report_cli/report.html" || { echo "FAIL: csikit report has no IPA map" >&2; exit 1; }
  echo "ok: csikit ipa and csikit report on the courier survey"
fi
