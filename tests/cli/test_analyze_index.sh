#!/usr/bin/env bash
# `csikit analyze` with the index model: 0-100 indices with intervals, impacts and IPA for a
# target, per-wave re-estimation with Welch tests (the bank example), the ECSI reference indices
# (cSEM IPMA performance), bootstrapped indices, a preset-bound schema, bad --target / --by.
# Usage: test_analyze_index.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
ecsi=$shared/ecsi
bank=$src/examples/bank_branch

# 1. The bank example: both waves, every construct indexed, an IPA entry per driver of SAT.
"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --by wave \
    > "$tmp/bank.txt" 2> "$tmp/bank.err"
check "bank analyze --target SAT --by wave exits 0" test $? -eq 0
check "bank tables: indices, impacts, IPA, per-wave indices, changes" bash -c "
    grep -q '^0-100 indices' '$tmp/bank.txt' && grep -q '^Impacts on SAT' '$tmp/bank.txt' &&
    grep -q '^IPA of the drivers of SAT' '$tmp/bank.txt' && grep -q '^By wave (wave)' '$tmp/bank.txt' &&
    grep -q '^Change between waves' '$tmp/bank.txt' && grep -q -- '--- wave = 2025H1 ---' '$tmp/bank.txt' &&
    grep -q -- '--- wave = 2025H2 ---' '$tmp/bank.txt' && grep -q '急需改进\|继续保持' '$tmp/bank.txt'"
"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --by wave --json \
    > "$tmp/bank.json" 2> "$tmp/bank.err"
check "bank --json exits 0" test $? -eq 0
check "bank report.json: indices, impacts, IPA for both waves, Welch changes" python3 - "$tmp/bank.json" <<'PY'
import json, math, sys
r = json.load(open(sys.argv[1]))
quadrants = {"concentrate_here", "keep_up", "low_priority", "possible_overkill"}
zh = {"急需改进", "继续保持", "不占优先地位", "锦上添花"}
drivers = {"ENV", "LOB", "TEL", "EFF", "FEE", "SSV"}
def check_part(cons, ipa, impacts, where):
    assert len(cons) == 8, (where, len(cons))
    for c in cons:
        assert 0 < c["index"] < 100, (where, c["id"], c["index"])
        assert c["index_ci_low"] < c["index"] < c["index_ci_high"], (where, c)
        assert c["index_refused"] is False
    assert {p["factor"] for p in ipa} == drivers, (where, ipa)
    for p in ipa:
        assert p["quadrant"] in quadrants and p["quadrant_zh"] in zh, (where, p)
        assert p["importance"] > 0 and 0 < p["performance"] < 100, (where, p)
        assert "gap" not in p and math.isfinite(p["priority"]), p  # no raw I - P across units
    assert sorted(p["rank"] for p in ipa) == list(range(1, len(ipa) + 1)), ipa
    first = min(ipa, key=lambda p: p["rank"])
    assert first["quadrant"] == "concentrate_here" or all(p["quadrant"] != "concentrate_here" for p in ipa), ipa
    sat = {m["driver"]: m for m in impacts if m["target"] == "SAT"}
    assert set(sat) == drivers, (where, sat.keys())
    for m in sat.values():
        assert math.isclose(m["impact"], 5 * m["total_effect_unstd"], rel_tol=1e-12), m
assert r["index_model"]["target"] == "SAT" and r["index_model"]["target_source"] == "option"
check_part(r["constructs"], r["ipa"], r["impacts"], "all")
assert len(r["ipma_indicators"]) == 18, len(r["ipma_indicators"])  # the six dimensions' items
g = r["groups"]
assert g["column"] == "wave" and g["wave"] is True
assert [v["value"] for v in g["values"]] == ["2025H1", "2025H2"], g["values"]
for v in g["values"]:
    assert v["estimated"] and v["respondents"] == 300 and 0 < v["used"] <= 300, v["value"]
    check_part(v["constructs"], v["ipa"], v["impacts"], v["value"])
    assert len(v["paths"]) == 7
ch = {c["construct"]: c for c in r["changes"]}
assert len(ch) == 8, ch.keys()
idx = {v["value"]: {c["id"]: c for c in v["constructs"]} for v in g["values"]}
for k, c in ch.items():
    assert c["from"] == "2025H1" and c["to"] == "2025H2"
    assert math.isclose(c["change"], idx["2025H2"][k]["index_mean"] - idx["2025H1"][k]["index_mean"], abs_tol=1e-9), c
    assert 0 < c["p"] < 1 and c["ci_low"] < c["change"] < c["ci_high"], c
    assert c["significant"] == (c["p"] < 0.05)
# The example's built-in story: efficiency and satisfaction improve in the second half-year.
assert ch["EFF"]["change"] > 0 and ch["EFF"]["significant"], ch["EFF"]
print("ok")
PY

# 2. ECSI mobi: the cSEM IPMA performances, and the same from the preset-bound schema.
"$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --json --target CUSA > "$tmp/ecsi.json" 2> "$tmp/ecsi.err"
check "ECSI analyze --json --target CUSA exits 0" test $? -eq 0
check "ECSI indices match cSEM (0.005) and the IPA has the 4 drivers" python3 - "$tmp/ecsi.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
want = {"CUSA": 72.45, "IMAG": 73.53, "CUEX": 72.47, "PERQ": 74.98, "PERV": 62.35, "CUSCO": 67.42, "CUSL": 70.91}
got = {c["id"]: c["index"] for c in r["constructs"]}
bad = [f"{k}: got {got.get(k)}, expected {v}" for k, v in want.items() if got.get(k) is None or abs(got[k] - v) > 0.005]
assert not bad, bad
assert sorted(p["factor"] for p in r["ipa"]) == ["CUEX", "IMAG", "PERQ", "PERV"], r["ipa"]
assert r["index_model"]["ipa_crosshair"]["rule"] == "data_mean"
print("ok")
PY
python3 - "$ecsi/schema.json" "$tmp/ecsi_preset.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ren = {"IMAG": "IMAG", "CUEX": "EXPE", "PERQ": "QUAL", "PERV": "VAL", "CUSA": "SAT", "CUSCO": "COMP", "CUSL": "LOY"}
s["model"] = {"preset": "ecsi", "constructs": {ren[c["id"]]: c["items"] for c in s.pop("constructs")}}
del s["paths"]
json.dump(s, open(sys.argv[2], "w"), indent=1)
PY
"$cli" analyze --schema "$tmp/ecsi_preset.json" --data "$ecsi/mobi.csv" --json > "$tmp/ecsi_preset_report.json" 2> "$tmp/ecsi_preset.err"
check "preset-bound ECSI schema exits 0 without --target" test $? -eq 0
check "preset-bound ECSI: target SAT from the preset, the same indices and paths" python3 - "$tmp/ecsi.json" "$tmp/ecsi_preset_report.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ren = {"IMAG": "IMAG", "CUEX": "EXPE", "PERQ": "QUAL", "PERV": "VAL", "CUSA": "SAT", "CUSCO": "COMP", "CUSL": "LOY"}
assert b["index_model"]["target"] == "SAT" and b["index_model"]["target_source"] == "preset" and b["index_model"]["preset"] == "ecsi"
ia = {ren[c["id"]]: c["index"] for c in a["constructs"]}
ib = {c["id"]: c["index"] for c in b["constructs"]}
assert all(abs(ia[k] - ib[k]) < 1e-9 for k in ia), (ia, ib)
pa = {(ren[p["from"]], ren[p["to"]]): p["estimate"] for p in a["paths"]}
pb = {(p["from"], p["to"]): p["estimate"] for p in b["paths"]}
assert pa.keys() == pb.keys() and all(abs(pa[k] - pb[k]) < 1e-9 for k in pa)
assert {c["id"]: c["label"] for c in b["constructs"]}["SAT"] == "Customer satisfaction"
print("ok")
PY

# 3. Bootstrapped indices: a percentile interval per construct around the index.
"$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --json --target CUSA --bootstrap 100 --seed 3 --threads 2 \
    > "$tmp/boot.json" 2> "$tmp/boot.err"
check "ECSI --bootstrap 100 exits 0" test $? -eq 0
check "bootstrap interval for every index" python3 - "$tmp/boot.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for c in r["constructs"]:
    assert c["index_boot_ci_low"] < c["index"] < c["index_boot_ci_high"], c
    assert 0 < c["index_boot_se"] < 5, c
print("ok")
PY

# 4. No target and no preset: the analysis still runs, the IPA is skipped with a note.
"$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" > "$tmp/notarget.txt" 2>&1
check "no target: exit 0" test $? -eq 0
check "no target: a note instead of the IPA" bash -c "grep -q 'note: IPA skipped: no target construct (name one with --target: IMAG, CUEX' '$tmp/notarget.txt' && ! grep -q '^IPA of' '$tmp/notarget.txt'"

# 4b. The bank example without --target: SAT, the construct holding overall_item SAT1. Listwise
# deletion (the default) leaves out 315 of 600 respondents: a WARNING in the tables, the JSON and
# the page, suggesting --missing mean.
"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --out "$tmp/bank_lw" --lang en > "$tmp/bank_lw.txt" 2> "$tmp/bank_lw.err"
check "bank listwise: exit 0" test $? -eq 0
check "bank listwise: WARNING with the count and --missing mean, in the sample block and at the end" bash -c "
    test \$(grep -c '^ *WARNING: 315 of 600 respondents (52.5%) were left out of the model because of missing answers.*consider --missing mean' '$tmp/bank_lw.txt') -eq 2 &&
    grep -q '285 (listwise; 315 left out by missing answers)' '$tmp/bank_lw.txt' && grep -q '^IPA of the drivers of SAT' '$tmp/bank_lw.txt' &&
    grep -q '^report: $tmp/bank_lw/report.html' '$tmp/bank_lw.txt' && grep -q '^report: $tmp/bank_lw/report.json' '$tmp/bank_lw.txt'"
check "bank listwise: report.json says it (sample.warning, notes) and names the target's source" python3 - "$tmp/bank_lw/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["sample"]
assert s["respondents"] == 600 and s["used"] == 285 and s["missing"] == 315 and s["missing_share"] == 0.525, s
assert s["warning"].startswith("315 of 600 respondents (52.5%)") and "--missing mean" in s["warning"], s["warning"]
assert r["notes"] == [s["warning"]], r["notes"]
assert r["index_model"]["target"] == "SAT" and r["index_model"]["target_source"] == "overall_item", r["index_model"]
assert {p["factor"] for p in r["ipa"]} == {"ENV", "LOB", "TEL", "EFF", "FEE", "SSV"}
assert r["scores"] is None
assert [i["construct"] for i in r["indices"]] == [c["id"] for c in r["constructs"]]
assert all(i["index"] == c["index"] and i["n"] == 285 for i, c in zip(r["indices"], r["constructs"]))
print("ok")
PY
check "bank listwise: report.html leads with the warning, has the model and the IPA" bash -c "
    grep -q 'id=\"missing-warning\"' '$tmp/bank_lw/report.html' && grep -q 'Consider --missing mean' '$tmp/bank_lw/report.html' &&
    grep -q 'id=\"sec-model\"' '$tmp/bank_lw/report.html' && grep -q 'Drivers of SAT (constructs)' '$tmp/bank_lw/report.html' &&
    ! grep -q 'id=\"sec-items\"' '$tmp/bank_lw/report.html'"

"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --missing mean --out "$tmp/bank_mean" > "$tmp/bank_mean.txt" 2>&1
check "bank --missing mean: exit 0" test $? -eq 0
check "bank --missing mean: everyone used, no warning, Chinese page by default" bash -c "
    ! grep -q WARNING '$tmp/bank_mean.txt' && grep -q '600 (mean)' '$tmp/bank_mean.txt' &&
    ! grep -q 'missing-warning' '$tmp/bank_mean/report.html' && grep -q '<html lang=\"zh-CN\">' '$tmp/bank_mean/report.html' &&
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[\"sample\"][\"used\"] == 600 and r[\"sample\"][\"warning\"] is None and r[\"notes\"] == [] and r[\"settings\"][\"missing\"] == \"mean\"' '$tmp/bank_mean/report.json'"

# 4c. One pipeline: csikit report is csikit analyze --out --scores; the same report.json.
"$cli" report --schema "$bank/schema.json" --data "$bank/responses.csv" --out "$tmp/rep" --missing mean --by wave \
    --bootstrap 30 --seed 5 --threads 1 > "$tmp/rep.txt" 2>&1
check "report --missing mean --by wave --bootstrap: exit 0" test $? -eq 0
"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --out "$tmp/ana" --scores --missing mean --by wave \
    --bootstrap 30 --seed 5 --threads 2 > "$tmp/ana.txt" 2>&1
check "analyze --scores: exit 0" test $? -eq 0
check "report and analyze --scores write the same report.json (thread count aside)" python3 - "$tmp/rep/report.json" "$tmp/ana/report.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["settings"].pop("threads") == 1 and b["settings"].pop("threads") == 2
assert a == b, [k for k in a if a[k] != b.get(k)]
assert a["settings"]["missing"] == "mean" and a["sample"]["used"] == 600 and a["sample"]["warning"] is None
assert a["scores"]["overall"]["nodes"] and a["groups"]["column"] == "wave" and len(a["changes"]) == 8
assert a["bootstrap"]["resamples"] == 30 and all(c["index_boot_se"] > 0 for c in a["constructs"])
print("ok")
PY
"$cli" report --schema "$bank/schema.json" --data "$bank/responses.csv" --out "$tmp/rep_pw" --missing pairwise > "$tmp/rep_pw.txt" 2>&1
check "report --missing pairwise: exit 0" test $? -eq 0
check "report --missing pairwise: recorded, nobody left out, no warning" bash -c "
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[\"settings\"][\"missing\"] == \"pairwise\" and r[\"sample\"][\"used\"] == 600 and r[\"scores\"] is not None' '$tmp/rep_pw/report.json' &&
    ! grep -q WARNING '$tmp/rep_pw.txt'"
check "report prints the files written, not the tables" bash -c "grep -q '^report: $tmp/rep/report.html' '$tmp/rep.txt' && ! grep -q '^Paths' '$tmp/rep.txt'"
check "analyze --scores prints the tables" grep -q '^Paths' "$tmp/ana.txt"
for d in rep ana; do
    for sec in sec-items sec-segments sec-model sec-ipa; do
        check "$d/report.html has $sec" grep -q "id=\"$sec\"" "$tmp/$d/report.html"
    done
    check "$d/report.html has the per-wave maps" grep -q 'Drivers of SAT (constructs, wave = 2025H2)\|SAT的驱动因素（潜变量层面，wave = 2025H2）' "$tmp/$d/report.html"
done

# 5. Bad input: exit 2, a message naming the option and what is allowed.
expect2() { expect_usage_error "$1" "$2" "$cli" analyze "${@:3}"; }  # expect2 NAME TEXT ARGS...
expect2 "unknown --target" '--target: unknown construct "SATT" (expected one of ENV, LOB, TEL, EFF, FEE, SSV, SAT, LOY)' \
    --schema "$bank/schema.json" --data "$bank/responses.csv" --target SATT
expect2 "unknown --by" '--by: unknown column "region" (expected one of wave (wave), age_band, channel)' \
    --schema "$bank/schema.json" --data "$bank/responses.csv" --by region
expect2 "unknown --crosshair" '--crosshair' --schema "$bank/schema.json" --data "$bank/responses.csv" --crosshair mode
expect2 "unknown --missing" '--missing: unknown treatment "drop" (expected listwise, mean or pairwise)' \
    --schema "$bank/schema.json" --data "$bank/responses.csv" --missing drop
"$cli" report --schema "$bank/schema.json" --data "$bank/responses.csv" --out "$tmp/bad_report" --target SATT > "$tmp/bad.out" 2> "$tmp/bad.err"
rc=$?
check "report --target SATT exits 2" test $rc -eq 2
check "report --target SATT names --target" grep -q -- '--target: unknown construct "SATT"' "$tmp/bad.err"
finish
