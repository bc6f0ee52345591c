#!/usr/bin/env bash
# CLI test of `csikit ipa` (issue 14 items 1-2): the courier example without a path model gives
# the map from stated and derived importance, the same numbers in the tables and in --json,
# `csikit analyze` and `csikit report` give the IPA instead of failing, and bad input exits 2
# naming where and what. Usage: test_ipa.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$src/examples/courier_ipa/schema.json
data=$src/examples/courier_ipa/responses.csv

# --- stated importance: tables and JSON -----------------------------------------------------
expect_exit 0 tables -- "$cli" ipa --schema "$schema" --data "$data"
expect_text "$tmp/tables.out" "importance stated" "concentrate here" "急需改进" "锦上添花" \
    "Priority order (concentrate here first" "delivery_time"
expect_exit 0 json -- "$cli" ipa --schema "$schema" --data "$data" --json --out "$tmp/ipaout"
cmp -s <(python3 -m json.tool "$tmp/json.out") <(python3 -m json.tool "$tmp/ipaout/ipa.json") || fail "json: --out differs"
python3 - "$tmp/json.out" "$data" <<'PY' || fail "json: stated map"
import csv, json, sys
r = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert r["importance"] == "stated" and r["crosshair"]["rule"] == "data_mean", r["crosshair"]
f = {x["id"]: x for x in r["factors"]}
assert len(f) == 10
for fid, x in f.items():  # 0-100 means computed here from the CSV
    perf = sum(25 * (int(row[fid]) - 1) for row in rows) / len(rows)
    imp = sum(25 * (int(row[fid + "_imp"]) - 1) for row in rows) / len(rows)
    assert abs(x["performance"] - perf) < 1e-9 and abs(x["importance"] - imp) < 1e-9, (fid, x, perf, imp)
ci = sum(x["importance"] for x in f.values()) / 10
cp = sum(x["performance"] for x in f.values()) / 10
assert abs(r["crosshair"]["importance"] - ci) < 1e-9 and abs(r["crosshair"]["performance"] - cp) < 1e-9
want = {"delivery_time": "concentrate_here", "tracking": "concentrate_here", "safety": "keep_up",
        "tariff": "low_priority", "international": "low_priority", "payment_methods": "possible_overkill"}
for k, q in want.items():
    assert f[k]["quadrant"] == q, (k, f[k]["quadrant"])
order = r["priority_order"]
assert set(order[:2]) == {"delivery_time", "tracking"}, order
PY

# --- derived importance, cross-hairs, --by -----------------------------------------------------
for m in correlation beta pratt rwa lmg; do
    expect_exit 0 "derived_$m" -- "$cli" ipa --schema "$schema" --data "$data" --importance "$m" --json
done
python3 - "$tmp/derived_rwa.out" "$tmp/derived_lmg.out" <<'PY' || fail "json: derived"
import json, sys
for path in sys.argv[1:]:
    r = json.load(open(path))
    assert r["outcome"] == "overall" and 0 < r["r2"] < 1, r["r2"]
    s = sum(x["importance"] for x in r["factors"])
    assert abs(s - r["r2"]) < 1e-9, (s, r["r2"])  # shares of R^2
    f = {x["id"]: x["importance"] for x in r["factors"]}
    assert max(f, key=f.get) == "delivery_time", f  # the simulated strongest driver
PY
expect_exit 0 cross -- "$cli" ipa --schema "$schema" --data "$data" --crosshair 50,60 --json
python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['crosshair']; assert c=={'rule':'custom','importance':50,'performance':60}, c" \
    "$tmp/cross.out" || fail "custom cross-hair"
expect_exit 0 midpoint -- "$cli" ipa --schema "$schema" --data "$data" --crosshair midpoint --diagonal
expect_text "$tmp/midpoint.out" "cross-hair scale_midpoint: importance 50.0" "gap I-P"
expect_exit 0 by -- "$cli" ipa --schema "$schema" --data "$data" --by customer_type
expect_text "$tmp/by.out" "customer_type = business" "customer_type = private"

# --- analyze and report on a survey without a path model -------------------------------------
expect_exit 0 analyze -- "$cli" analyze --schema "$schema" --data "$data"
expect_text "$tmp/analyze.out" "Importance-performance analysis" "concentrate here"
grep -q "declares no path model" "$tmp/analyze.err" && fail "analyze: still fails without a path model"
expect_exit 0 report -- "$cli" report --schema "$schema" --data "$data" --out "$tmp/rep"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['survey_ipa']['importance']=='stated'" \
    "$tmp/rep/report.json" || fail "report.json: no survey_ipa"
grep -q 'id="sec-ipa"' "$tmp/rep/report.html" || fail "report.html: no IPA map"

# --- bad input ----------------------------------------------------------------------------
expect_usage_error "unknown importance" "expected stated, correlation" \
    "$cli" ipa --schema "$schema" --data "$data" --importance cheese
expect_usage_error "bad cross-hair" "is not mean, median, midpoint or two numbers" \
    "$cli" ipa --schema "$schema" --data "$data" --crosshair 1,x
expect_usage_error "unknown --by" "not a segment or wave column" \
    "$cli" ipa --schema "$schema" --data "$data" --by region
python3 - "$schema" "$tmp/unpaired.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
s["items"][0]["importance_item"] = "no_such_item"
json.dump(s, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_usage_error "importance item without its pair" "items[0].importance_item: unknown item \"no_such_item\"" \
    "$cli" ipa --schema "$tmp/unpaired.json" --data "$data"
python3 - "$schema" "$tmp/bare.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
for it in s["items"]:
    it.pop("importance_item", None)
s.pop("overall_item")
json.dump(s, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_usage_error "no IPA possible" "the schema allows no IPA" "$cli" ipa --schema "$tmp/bare.json" --data "$data"
finish
