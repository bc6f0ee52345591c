#!/usr/bin/env bash
# CLI test of `csikit score`: the bank example gives every section and valid JSON; bad input
# exits 2 with a message naming the problem. Usage: test_score.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$src/examples/bank_branch/schema.json
data=$src/examples/bank_branch/responses.csv

# --- the bank example: tables ---------------------------------------------------------------
expect_exit 0 tables -- "$cli" score --schema "$schema" --data "$data" --by channel
for section in "Sample" "respondents   600" "Index and dimensions (0-100)" "CSI" "ENV" \
               "Satisfaction rate (overall index >= 70)" "Items" "ENV1" "top-box" "NPS (NPS" \
               "adjusted-Wald 95% CI" "Wave over wave: 2025H1 -> 2025H2" "satisfaction rate" \
               "p < .05" "By channel" "(all)" "n_eff"; do
    expect_text "$tmp/tables.out" "$section"
done
[ -s "$tmp/tables.err" ] && fail "tables: unexpected stderr: $(head -3 "$tmp/tables.err")"

# --- JSON on stdout and in a file, other options -------------------------------------------
expect_exit 0 json -- "$cli" score --schema "$schema" --data "$data" --json --out "$tmp/report.json" \
    --rescale proportional --aggregate mean --threshold 80 --level 0.9 --by age_band
python3 -m json.tool "$tmp/json.out" >/dev/null || fail "json: stdout is not valid JSON"
python3 -m json.tool "$tmp/report.json" >/dev/null || fail "json: --out file is not valid JSON"
cmp -s "$tmp/json.out" "$tmp/report.json" || fail "json: --out file differs from stdout"
python3 - "$tmp/json.out" <<'PY' || fail "json: report content"
import json, sys
r = json.load(open(sys.argv[1]))
o = r["options"]
assert o["rescale"] == "proportional" and o["aggregate"] == "mean", o
assert o["threshold"] == 80 and abs(o["level"] - 0.9) < 1e-12, o
assert r["sample"]["respondents"] == 600
assert sorted(r["sample"]["by_wave"]) == ["2025H1", "2025H2"]
root = r["overall"]["nodes"][0]
assert root["id"] == "CSI" and 0 < root["score"]["mean"] < 100
lo, hi = root["score"]["ci"]
assert lo < root["score"]["mean"] < hi
assert len(r["by_wave"]) == 2 and len(r["by_segment"]) >= 2
assert r["overall"]["nps"]["n"] > 0
kinds = {c["kind"] for c in r["changes"]}
assert kinds == {"node_score", "satisfaction_rate", "nps", "item_score", "item_top_box"}, kinds
# proportional: a 5-point item score is 20 x its mean
item = r["overall"]["items"][0]
assert abs(item["score"]["mean"] - 20 * item["mean"]["mean"]) < 1e-9
PY

# --- bad input: exit 2 with one line naming the problem ------------------------------------
expect_exit 2 nodata -- "$cli" score --schema "$schema"
expect_text "$tmp/nodata.err" "--data"
expect_exit 2 badby -- "$cli" score --schema "$schema" --data "$data" --by region
expect_text "$tmp/badby.err" "region"
expect_exit 2 badrescale -- "$cli" score --schema "$schema" --data "$data" --rescale log
expect_text "$tmp/badrescale.err" "--rescale"
expect_exit 2 badlevel -- "$cli" score --schema "$schema" --data "$data" --level 95
expect_text "$tmp/badlevel.err" "--level"
expect_exit 2 unknownopt -- "$cli" score --schema "$schema" --data "$data" --colour
expect_text "$tmp/unknownopt.err" "--colour"
expect_exit 2 nofile -- "$cli" score --schema "$schema" --data "$tmp/none.csv"
expect_text "$tmp/nofile.err" "none.csv"
# A value outside the scale: error by default, missing with --out-of-scale missing.
awk -F, 'BEGIN { OFS = "," } NR == 2 { $6 = 7 } { print }' "$data" >"$tmp/bad.csv"
expect_exit 2 outofscale -- "$cli" score --schema "$schema" --data "$tmp/bad.csv"
expect_exit 0 outofscale_missing -- "$cli" score --schema "$schema" --data "$tmp/bad.csv" --out-of-scale missing --json
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['sample']['read']['out_of_scale'] == 1" \
    "$tmp/outofscale_missing.out" || fail "outofscale_missing: out_of_scale count"

finish
