#!/usr/bin/env bash
# `csikit predict`: leave-one-out PLSpredict of ECSI matches seminr 2.3.4 and cSEM 0.6.1 (1e-8)
# through the JSON; k-fold runs do not depend on --threads; CVPAT against the benchmarks and a
# second schema; the HTML page; `csikit report --predict`; bad options exit 2 naming the option.
# Usage: test_predict.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"

schema="$shared/ecsi/schema.json"
data="$shared/ecsi/mobi.csv"
ref="$shared/ecsi/reference"

# 1. Leave-one-out against the references.
expect_exit 0 loo_seminr -- "$cli" predict --schema "$schema" --data "$data" --folds loo --json
expect_exit 0 loo_csem_direct -- "$cli" predict --schema "$schema" --data "$data" --folds loo --benchmark csem --json
expect_exit 0 loo_csem_earliest -- "$cli" predict --schema "$schema" --data "$data" --folds loo --benchmark csem \
    --approach earliest --json
check "LOO figures match seminr's and cSEM's to 1e-8" python3 - "$tmp" "$ref" <<'PY'
import csv, json, sys
tmp, ref = sys.argv[1:3]
def table(name):
    return {r["item"]: r for r in csv.DictReader(open(f"{ref}/{name}"))}
cases = [("loo_seminr", "seminr_ecsi_mobi_plspredict_DA_loo_items.csv",
          {"rmse": "PLS_OOS_RMSE", "mae": "PLS_OOS_MAE", "lm_rmse": "LM_OOS_RMSE", "lm_mae": "LM_OOS_MAE",
           "q2_predict": "Q2_predict", "is_rmse": "PLS_IS_RMSE", "lm_is_mae": "LM_IS_MAE"}),
         ("loo_csem_direct", "cSEM_ecsi_mobi_predict_direct_loo_items.csv",
          {"rmse": "PLS_OOS_RMSE", "lm_rmse": "LM_OOS_RMSE", "q2_predict_centered": "Q2_predict_cSEM"}),
         ("loo_csem_earliest", "cSEM_ecsi_mobi_predict_earliest_loo_items.csv",
          {"rmse": "PLS_OOS_RMSE", "mae": "PLS_OOS_MAE", "lm_mae": "LM_OOS_MAE", "q2_predict": "Q2_predict"})]
for out, name, cols in cases:
    doc = json.load(open(f"{tmp}/{out}.out"))
    assert doc["leave_one_out"] and doc["folds"] == 250 and doc["fits"] == 250, out
    t = table(name)
    assert len(doc["items"]) == len(t) == 19, out
    for it in doc["items"]:
        for ours, theirs in cols.items():
            d = abs(it[ours] - float(t[it["item"]][theirs]))
            assert d < 1e-8, (out, it["item"], ours, d)
print("ok")
PY

# 2. The table; k-fold: threads never change the numbers, the seed does.
expect_exit 0 table -- "$cli" predict --schema "$schema" --data "$data" --folds 5 --repeats 2
expect_text "$tmp/table.out" "PLSpredict: 5 folds x 2 repetitions" "CUSA1" "Predictive power" "LM RMSE"
expect_exit 0 t1 -- "$cli" predict --schema "$schema" --data "$data" --folds 10 --repeats 3 --seed 9 --threads 1 --json
expect_exit 0 t2 -- "$cli" predict --schema "$schema" --data "$data" --folds 10 --repeats 3 --seed 9 --threads 2 --json
expect_exit 0 s2 -- "$cli" predict --schema "$schema" --data "$data" --folds 10 --repeats 3 --seed 10 --threads 2 --json
check "threads do not change the JSON (but for the thread count)" python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
a, b, c = (json.load(open(f"{tmp}/{n}.out")) for n in ("t1", "t2", "s2"))
assert a["items"] == b["items"] and a["constructs"] == b["constructs"]
assert a["items"] != c["items"]
print("ok")
PY

# 3. CVPAT against the benchmarks and against a second model (the ECSI model without CUEX -> CUSA).
expect_exit 0 cvpat -- "$cli" predict --schema "$schema" --data "$data" --cvpat --json
python3 - "$schema" "$tmp/small.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["paths"] = [p for p in s["paths"] if not (p["from"] == "CUEX" and p["to"] == "CUSA")]
json.dump(s, open(sys.argv[2], "w"))
PY
expect_exit 0 compare -- "$cli" predict --schema "$schema" --data "$data" --compare "$tmp/small.json" --approach earliest --repeats 1
expect_text "$tmp/compare.out" "CVPAT" "model2"
check "CVPAT: the model beats the indicator average" python3 - "$tmp" <<'PY'
import json, sys
doc = json.load(open(f"{sys.argv[1]}/cvpat.out"))
tests = {t["benchmark"]: t for t in doc["cvpat"]["tests"]}
assert set(tests) == {"IA", "LM"}
assert tests["IA"]["t"] > 2 and tests["IA"]["p"] < 0.05 and tests["IA"]["significant"]
assert tests["LM"]["df"] == 249
print("ok")
PY

# 4. HTML: the prediction page and the full report.
expect_exit 0 html -- "$cli" predict --schema "$schema" --data "$data" --folds 5 --repeats 1 --cvpat --html "$tmp/p.html"
expect_text "$tmp/p.html" 'id="sec-predict"' "<svg" "CVPAT" "Q²_predict"
expect_exit 0 report -- "$cli" report --schema "$schema" --data "$data" --out "$tmp/rep" --predict
expect_text "$tmp/rep/report.html" 'id="sec-predict"'
expect_text "$tmp/rep/report.json" '"prediction"' '"cvpat"'

# 5. Bad options exit 2 and name the option.
expect_exit 2 folds_big -- "$cli" predict --schema "$schema" --data "$data" --folds 251
expect_text "$tmp/folds_big.err" "folds"
expect_exit 2 folds_one -- "$cli" predict --schema "$schema" --data "$data" --folds 1
expect_text "$tmp/folds_one.err" "--folds"
expect_exit 2 approach -- "$cli" predict --schema "$schema" --data "$data" --approach sideways
expect_text "$tmp/approach.err" "--approach"
expect_exit 2 benchmark -- "$cli" predict --schema "$schema" --data "$data" --benchmark none
expect_text "$tmp/benchmark.err" "--benchmark"
expect_exit 2 repeats -- "$cli" predict --schema "$schema" --data "$data" --repeats 0
expect_text "$tmp/repeats.err" "--repeats"
expect_exit 2 unknown -- "$cli" predict --schema "$schema" --data "$data" --bootstrap 10
# An item constant in a training fold: CUSA1 varies in one respondent only.
python3 - "$data" "$tmp/constant.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
c = rows[0].index("CUSA1")
for i, r in enumerate(rows[1:]):
    r[c] = "9" if i == 5 else "7"
csv.writer(open(sys.argv[2], "w", newline="")).writerows(rows)
PY
expect_exit 2 constant -- "$cli" predict --schema "$schema" --data "$tmp/constant.csv" --folds loo
expect_text "$tmp/constant.err" "CUSA1" "fold 6 of repetition 1"
head -3 "$data" > "$tmp/three.csv"
expect_exit 2 few -- "$cli" predict --schema "$schema" --data "$tmp/three.csv" --folds loo
expect_text "$tmp/few.err" "too few"

finish
