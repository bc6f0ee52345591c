#!/usr/bin/env bash
# `csikit simulate`: presets and a schema file as population models; the written schema and
# answers pass `csikit validate` and `csikit analyze`; with a large n the PLSc estimates land
# near the population paths; the same seed gives the same files; bad options exit 2.
# Usage: test_simulate.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"

# 1. Every preset: simulate -> validate -> analyze (target from the preset).
for m in acsi ecsi ccsi; do
    "$cli" simulate --model $m --n 400 --seed 2 --missing-rate 0.02 --out "$tmp/$m" > "$tmp/$m.out" 2> "$tmp/$m.err"
    check "simulate --model $m exits 0" test $? -eq 0
    check "simulate --model $m writes schema, responses, population" test -s "$tmp/$m/schema.json" -a -s "$tmp/$m/responses.csv" -a -s "$tmp/$m/population.json"
    "$cli" validate --schema "$tmp/$m/schema.json" --data "$tmp/$m/responses.csv" > "$tmp/$m.val" 2>&1
    check "validate $m exits 0" test $? -eq 0
    "$cli" analyze --schema "$tmp/$m/schema.json" --data "$tmp/$m/responses.csv" --json > "$tmp/$m.json" 2> "$tmp/$m.aerr"
    check "analyze $m exits 0" test $? -eq 0
done
check "the schemas bind the presets; analyze takes the target from them" python3 - "$tmp" <<'PY'
import csv, json, sys
tmp = sys.argv[1]
for m, n_cons, n_paths in (("acsi", 6, 9), ("ecsi", 7, 12), ("ccsi", 6, 12)):
    s = json.load(open(f"{tmp}/{m}/schema.json"))
    assert s["model"]["preset"] == m and "constructs" not in s, m
    assert all(len(v) == 3 for v in s["model"]["constructs"].values()), m
    rows = list(csv.DictReader(open(f"{tmp}/{m}/responses.csv")))
    assert len(rows) == 400, (m, len(rows))
    cells = [v for r in rows for v in r.values()]
    empty = sum(1 for v in cells if v == "")
    assert 0.005 < empty / len(cells) < 0.04, (m, empty / len(cells))   # --missing-rate 0.02
    assert all(v == "" or 1 <= int(v) <= 10 for v in cells), m          # default 10 points
    r = json.load(open(f"{tmp}/{m}.json"))
    assert len(r["constructs"]) == n_cons and len(r["paths"]) == n_paths, m
    assert r["index_model"]["target"] == "SAT" and r["index_model"]["target_source"] == "preset", m
    assert all(0 < c["index"] < 100 for c in r["constructs"]), m
    assert len(r["ipa"]) >= 3, m
    pop = json.load(open(f"{tmp}/{m}/population.json"))
    assert len(pop["paths"]) == n_paths and all(0.7 <= l["loading"] <= 0.85 for l in pop["loadings"]), m
print("ok")
PY

# 2. Large n: PLSc recovers the population paths (PLS itself is attenuated by measurement error).
"$cli" simulate --model ecsi --n 20000 --seed 5 --out "$tmp/big" > /dev/null 2>&1
check "simulate n = 20000 exits 0" test $? -eq 0
"$cli" analyze --schema "$tmp/big/schema.json" --data "$tmp/big/responses.csv" --mode plsc --json > "$tmp/big.json" 2> "$tmp/big.err"
check "analyze --mode plsc on n = 20000 exits 0" test $? -eq 0
check "estimated paths within 0.05 of the population" python3 - "$tmp/big/population.json" "$tmp/big.json" <<'PY'
import json, sys
pop = json.load(open(sys.argv[1]))
rep = json.load(open(sys.argv[2]))
est = {(p["from"], p["to"]): p["estimate"] for p in rep["paths"]}
bad = [f'{p["from"]}->{p["to"]}: {est[(p["from"], p["to"])]:.3f} vs {p["coefficient"]}'
       for p in pop["paths"] if abs(est[(p["from"], p["to"])] - p["coefficient"]) > 0.05]
assert len(est) == 12 and not bad, bad
assert any(p["coefficient"] < 0 for p in pop["paths"])  # SAT -> COMP
print("ok")
PY

# 3. The same seed gives the same files; another seed other answers.
"$cli" simulate --model ccsi --n 400 --seed 2 --missing-rate 0.02 --out "$tmp/again" > /dev/null 2>&1
check "same seed, same responses" cmp -s "$tmp/ccsi/responses.csv" "$tmp/again/responses.csv"
"$cli" simulate --model ccsi --n 400 --seed 3 --missing-rate 0.02 --out "$tmp/other" > /dev/null 2>&1
check "another seed, other responses" bash -c "! cmp -s '$tmp/ccsi/responses.csv' '$tmp/other/responses.csv'"

# 4. A schema file as the model (the bank example: segments, weights, wave, a 5-point scale).
"$cli" simulate --model "$src/examples/bank_branch/schema.json" --n 600 --seed 4 --scale-points 5 --out "$tmp/bank" > /dev/null 2>&1
check "simulate from a schema file exits 0" test $? -eq 0
"$cli" analyze --schema "$tmp/bank/schema.json" --data "$tmp/bank/responses.csv" --target SAT --by wave --json > "$tmp/bank.json" 2> "$tmp/bank.err"
check "analyze the simulated bank data by wave exits 0" test $? -eq 0
check "simulated bank: two waves, 8 indices" python3 - "$tmp/bank.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert [v["value"] for v in r["groups"]["values"]] == ["W1", "W2"]
assert len(r["constructs"]) == 8 and len(r["changes"]) == 8
print("ok")
PY
"$cli" simulate --model ecsi --n 100 --drop-complaints --out "$tmp/nocomp" > /dev/null 2>&1
check "--drop-complaints exits 0" test $? -eq 0
check "--drop-complaints: no COMP in the schema" python3 -c "
import json, sys; s = json.load(open('$tmp/nocomp/schema.json')); assert 'COMP' not in s['model']['constructs'] and s['model']['drop_complaints'] is True"

# 5. Bad options: exit 2 naming the option.
expect2() { expect_usage_error "$1" "$2" "$cli" simulate "${@:3}"; }  # expect2 NAME TEXT ARGS...
expect2 "unknown model" '--model: "nsci" is neither a preset nor a schema file' --model nsci --n 10 --out "$tmp/x"
expect2 "missing --out" '--out' --model ecsi --n 10
expect2 "n too small" '--n' --model ecsi --n 1 --out "$tmp/x"
expect2 "bad missing rate" '--missing-rate' --model ecsi --n 10 --missing-rate 1.5 --out "$tmp/x"
expect2 "bad scale points" '--scale-points' --model ecsi --n 10 --scale-points 1 --out "$tmp/x"
finish
