#!/usr/bin/env bash
# `csikit analyze` on the ECSI mobile data: estimates against cSEM (1e-8) and plspm (2e-6),
# a bootstrap that does not depend on the thread count, report.json on disk, bad input.
# Usage: test_analyze.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
data=$shared/ecsi

# 1. Point estimates against the references, one run per inner scheme.
for scheme in path centroid factorial; do
    "$cli" analyze --schema "$data/schema.json" --data "$data/mobi.csv" --scheme $scheme \
        --tolerance 1e-12 --json > "$tmp/$scheme.json" 2> "$tmp/$scheme.err"
    check "analyze --scheme $scheme exits 0" test $? -eq 0
done
check "estimates match cSEM (1e-8) and plspm (2e-6)" python3 - "$tmp" "$data/reference" <<'PY'
import csv, json, sys
tmp, ref = sys.argv[1], sys.argv[2]
bad = []
def near(what, got, want, tol):
    if got is None or abs(got - want) > tol:
        bad.append(f"{what}: got {got}, expected {want} (tolerance {tol})")
def rows(name):
    with open(f"{ref}/{name}", newline="") as f:
        return list(csv.DictReader(f))
for scheme in ("path", "centroid", "factorial"):
    rep = json.load(open(f"{tmp}/{scheme}.json"))
    assert rep["settings"]["scheme"] == scheme and rep["settings"]["converged"]
    paths = {(p["from"], p["to"]): p["estimate"] for p in rep["paths"]}
    ind = {i["id"]: i for i in rep["indicators"]}
    r2 = {c["id"]: c for c in rep["constructs"]}
    if len(paths) != 12 or len(ind) != 24 or len(r2) != 7:
        bad.append(f"{scheme}: {len(paths)} paths, {len(ind)} indicators, {len(r2)} constructs (expected 12, 24, 7)")
    if scheme == "path":  # cSEM: path scheme, tolerance 1e-10
        cs = json.load(open(f"{ref}/cSEM_path_tol1e-10.json"))
        for p in cs["paths"]:
            near(f"cSEM path {p['from']}->{p['to']}", paths.get((p["from"], p["to"])), p["coef"], 1e-8)
        for w in cs["weights"]:
            near(f"cSEM weight {w['item']}", ind[w["item"]]["weight"], w["weight"], 1e-8)
        for l in cs["loadings"]:
            near(f"cSEM loading {l['item']}", ind[l["item"]]["loading"], l["loading"], 1e-8)
        for r in cs["rsquared"]:
            near(f"cSEM R2 {r['construct']}", r2[r["construct"]]["r2"], r["R2"], 1e-8)
            near(f"cSEM adjusted R2 {r['construct']}", r2[r["construct"]]["r2_adjusted"], r["R2_adj"], 1e-8)
    for p in rows(f"plspm_{scheme}_paths.csv"):
        near(f"plspm {scheme} path {p['from']}->{p['to']}", paths.get((p["from"], p["to"])), float(p["coef"]), 2e-6)
    for o in rows(f"plspm_{scheme}_outer_model.csv"):
        near(f"plspm {scheme} weight {o['name']}", ind[o["name"]]["weight"], float(o["weight"]), 2e-6)
        near(f"plspm {scheme} loading {o['name']}", ind[o["name"]]["loading"], float(o["loading"]), 2e-6)
    for s in rows(f"plspm_{scheme}_inner_summary.csv"):
        if s["Type"] == "Endogenous":
            near(f"plspm {scheme} R2 {s['LV']}", r2[s["LV"]]["r2"], float(s["R2"]), 2e-6)
        near(f"plspm {scheme} AVE {s['LV']}", r2[s["LV"]]["ave"], float(s["AVE"]), 2e-6)
if bad: print("\n".join(bad[:20]))
sys.exit(1 if bad else 0)
PY

# 2. The bootstrap depends on the seed, not on the thread count; the report lands in --out.
for t in 1 2; do
    "$cli" analyze --schema "$data/schema.json" --data "$data/mobi.csv" --tolerance 1e-12 \
        --bootstrap 200 --seed 7 --threads $t --json --out "$tmp/out$t/nested" > "$tmp/boot$t.json" 2> "$tmp/boot$t.err"
    check "analyze --bootstrap 200 --threads $t exits 0" test $? -eq 0
    check "--out writes report.json (threads $t)" cmp -s "$tmp/boot$t.json" "$tmp/out$t/nested/report.json"
    check "--out writes report.html beside it (threads $t)" grep -q 'id="sec-model"' "$tmp/out$t/nested/report.html"
done
check "--json prints no progress bar" test ! -s "$tmp/boot1.err"
check "bootstrap identical with 1 and 2 threads" python3 - "$tmp/boot1.json" "$tmp/boot2.json" <<'PY'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["settings"]["threads"] == 1 and b["settings"]["threads"] == 2
boot = a["bootstrap"]
assert boot["resamples"] == 200 and boot["failed"] == 0 and boot["succeeded"] == 200, boot
assert a["bootstrap"] == b["bootstrap"], "bootstrap sections differ"
for section in ("paths", "indicators", "constructs", "effects"):
    assert a[section] == b[section], f"{section} differ between thread counts"
# The bootstrap fields are there and sane: SE > 0, the percentile interval holds the estimate.
for p in a["paths"]:
    assert p["se"] > 0 and p["ci_low"] < p["estimate"] < p["ci_high"], p
    assert p["bca_low"] < p["bca_high"] and math.isclose(p["t"], p["estimate"] / p["se"]), p
    assert 0 <= p["p"] <= 1, p
print("ok")
PY

# 3. Tables on stdout without --json; no report file unless --out.
( cd "$tmp" && "$cli" analyze --schema "$data/schema.json" --data "$data/mobi.csv" > "$tmp/tables.txt" 2>&1 )
check "tables run exits 0" test $? -eq 0
check "tables name paths, reliability, HTMT, R2" bash -c "grep -q 'CUSA   CUSL' '$tmp/tables.txt' && grep -q 'rho_A' '$tmp/tables.txt' && grep -q HTMT '$tmp/tables.txt' && grep -q 'adjusted R2' '$tmp/tables.txt'"
check "no report.json or report.html without --out" bash -c "test ! -e '$tmp/report.json' && test ! -e '$tmp/report.html'"

# 3b. --missing: every treatment is accepted and recorded (mobi has no missing answers, so the
# estimates agree and no respondent is left out or warned about).
for m in listwise mean pairwise; do
    "$cli" analyze --schema "$data/schema.json" --data "$data/mobi.csv" --missing $m --json > "$tmp/missing_$m.json" 2> "$tmp/missing_$m.err"
    check "analyze --missing $m exits 0" test $? -eq 0
done
check "--missing recorded; nothing left out, no warning" python3 - "$tmp" <<'PY'
import json, sys
docs = {m: json.load(open(f"{sys.argv[1]}/missing_{m}.json")) for m in ("listwise", "mean", "pairwise")}
for m, d in docs.items():
    assert d["settings"]["missing"] == m, (m, d["settings"]["missing"])
    assert d["sample"]["used"] == 250 and d["sample"]["missing"] == 0 and d["sample"]["missing_share"] == 0, d["sample"]
    assert d["sample"]["warning"] is None and d["notes"] == [], m
    assert d["scores"] is None  # no --scores
paths = {m: {(p["from"], p["to"]): p["estimate"] for p in d["paths"]} for m, d in docs.items()}
for m in ("mean", "pairwise"):
    assert all(abs(paths[m][k] - paths["listwise"][k]) < 1e-12 for k in paths["listwise"]), m
print("ok")
PY

# 4. Bad input: exit 2 with a message naming the option.
expect2() { expect_usage_error "$1" "$2" "$cli" analyze "${@:3}"; }  # expect2 NAME TEXT ARGS...
expect2 "unknown scheme" "--scheme" --schema "$data/schema.json" --data "$data/mobi.csv" --scheme bogus
expect2 "unknown mode" "--mode" --schema "$data/schema.json" --data "$data/mobi.csv" --mode cb
expect2 "unknown missing treatment" "--missing" --schema "$data/schema.json" --data "$data/mobi.csv" --missing drop
expect2 "missing --data" "--data" --schema "$data/schema.json"
expect2 "one resample" "--bootstrap" --schema "$data/schema.json" --data "$data/mobi.csv" --bootstrap 1
expect2 "unknown option" "--bogus" --schema "$data/schema.json" --data "$data/mobi.csv" --bogus 3
expect2 "confidence outside (0, 1)" "--confidence" --schema "$data/schema.json" --data "$data/mobi.csv" --confidence 1.5
expect2 "--level differs from --confidence" "--level: differs from --confidence" --schema "$data/schema.json" --data "$data/mobi.csv" --confidence 0.9 --level 0.95
expect2 "missing data file" "nope.csv" --schema "$data/schema.json" --data "$tmp/nope.csv"
finish
