#!/usr/bin/env bash
# `csikit mga`: per-group estimates equal cSEM's (1e-8) through the JSON; the tables show the
# paths side by side with their tests and MICOM's verdicts; same seed, same JSON whatever the
# threads; bad input (unknown column, one group, a tiny group, bad options) exits 2 naming it.
# Usage: test_mga.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"

schema="$src/tests/data/mga/satisfaction_schema.json"
data="$shared/satisfaction/satisfaction.csv"
ref="$shared/satisfaction/reference/cSEM_satisfaction_mga_gender_group_estimates.csv"

"$cli" mga --schema "$schema" --data "$data" --group gender --permutations 0 --tolerance 1e-10 --json > "$tmp/est.json" 2> "$tmp/est.err"
check "mga --json exits 0" test $? -eq 0
check "per-group paths, weights, loadings, R2 match cSEM 0.6.1 to 1e-8" python3 - "$tmp/est.json" "$ref" <<'PY'
import csv, json, sys
doc = json.load(open(sys.argv[1]))
groups = {g["value"]: g["fit"] for g in doc["groups"]}
worst, n = 0.0, 0
for row in csv.DictReader(open(sys.argv[2])):
    fit = groups[row["group"]]
    if row["block"] == "path":
        got = next(p["estimate"] for p in fit["paths"] if p["from"] == row["from"] and p["to"] == row["to"])
    elif row["block"] in ("weight", "loading"):
        got = next(i[row["block"]] for i in fit["indicators"] if i["id"] == row["from"])
    elif row["block"] == "r2":
        got = next(c["r2"] for c in fit["constructs"] if c["id"] == row["to"])
    else:
        continue
    worst = max(worst, abs(got - float(row["estimate"])))
    n += 1
assert n >= 100 and worst < 1e-8, (n, worst)
PY

"$cli" mga --schema "$schema" --data "$data" --group gender --permutations 200 --bootstrap 100 --seed 5 > "$tmp/t.out" 2> "$tmp/t.err"
check "mga tables exit 0" test $? -eq 0
check "paths side by side with the tests" grep -q "IMAG -> LOY .*0.471.*0.082" "$tmp/t.out"
check "differences table has the permutation, PLS-MGA and Welch columns" grep -q "p perm  p PLS-MGA  t param  p param  t Welch" "$tmp/t.out"
check "MICOM verdicts" grep -q "VAL .* none" "$tmp/t.out"

"$cli" mga --schema "$schema" --data "$data" --group gender --permutations 50 --bootstrap 20 --seed 9 --threads 1 --json > "$tmp/a.json"
"$cli" mga --schema "$schema" --data "$data" --group gender --permutations 50 --bootstrap 20 --seed 9 --threads 2 --json > "$tmp/b.json"
check "same seed, same numbers whatever the thread count" python3 - "$tmp/a.json" "$tmp/b.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for d in (a, b):
    d["settings"].pop("threads")
assert a == b
PY

"$cli" mga --schema "$schema" --data "$data" --group gender --permutations 50 --bootstrap 20 --out "$tmp/rep" --lang en > /dev/null 2>&1
check "mga --out writes mga.json and mga.html" test -s "$tmp/rep/mga.json" -a -s "$tmp/rep/mga.html"
check "the HTML group section: paths side by side, differences, MICOM" python3 - "$tmp/rep/mga.html" <<'PY'
import sys
h = open(sys.argv[1], encoding="utf-8").read()
for s in ('id="sec-groups"', "Paths and R\u00b2 per group", "Differences between groups", "Measurement invariance (MICOM)",
          "IMAG -&gt; LOY", "female (n = 148)"):
    assert s in h, s
PY

# analyze --by prints the per-group paths side by side with the permutation test.
bank="$src/examples/bank_branch"
"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --target SAT --by channel > "$tmp/by.out" 2> "$tmp/by.err"
check "analyze --by exits 0" test $? -eq 0
check "analyze --by prints the per-group paths with the permutation test" grep -q "Paths by channel: each group re-estimated" "$tmp/by.out"
check "analyze --by: every pair, Holm-adjusted, omnibus" grep -q "counter - mobile" "$tmp/by.out"

expect_exit2() {
    local name=$1 pattern=$2; shift 2
    "$cli" mga "$@" > "$tmp/bad.out" 2> "$tmp/bad.err"
    local rc=$?
    if [ $rc -ne 2 ]; then fail "$name: exit $rc (expected 2)"; return; fi
    if ! grep -q -- "$pattern" "$tmp/bad.err"; then fail "$name: stderr lacks [$pattern]: $(cat "$tmp/bad.err")"; return; fi
    echo "ok   $name"
}
expect_exit2 "unknown group column" 'unknown group column "region"' --schema "$schema" --data "$data" --group region
expect_exit2 "missing --group" "--group" --schema "$schema" --data "$data"
expect_exit2 "bad --adjust" "--adjust" --schema "$schema" --data "$data" --group gender --adjust fdr
expect_exit2 "bad --bootstrap 1" "--bootstrap" --schema "$schema" --data "$data" --group gender --bootstrap 1
expect_exit2 "pairwise refused" "--missing" --schema "$schema" --data "$data" --group gender --missing pairwise
# One group only, and a group smaller than a block.
python3 - "$data" "$tmp" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
with open(sys.argv[2] + "/one.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(rows[0]); [w.writerow(r[:-1] + ["female"]) for r in rows[1:]]
males = 0
with open(sys.argv[2] + "/tiny.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(rows[0])
    for r in rows[1:]:
        if r[-1] == "male":
            males += 1
            if males > 3: r = r[:-1] + ["female"]
        w.writerow(r)
PY
expect_exit2 "fewer than two groups" "at least two groups" --schema "$schema" --data "$tmp/one.csv" --group gender
expect_exit2 "a group smaller than a block" 'gender = male' --schema "$schema" --data "$tmp/tiny.csv" --group gender --permutations 0

finish
