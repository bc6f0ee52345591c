#!/usr/bin/env bash
# CLI test of `csikit crosstab` (issue 14 item 3) on the bank branch example: the weighted column
# shares of satisfied:SAT1 by channel per wave and the unweighted chi-square of SAT1 by channel
# recomputed here from the CSV, the tables carry the same numbers as --json, and bad input exits
# 2 naming where and what. Usage: test_crosstab.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$src/examples/bank_branch/schema.json
data=$src/examples/bank_branch/responses.csv

expect_exit 0 sat -- "$cli" crosstab --schema "$schema" --data "$data" --rows satisfied:SAT1 --cols channel --layer wave --json
python3 - "$tmp/sat.out" "$data" <<'PY' || fail "satisfied:SAT1 by channel per wave"
import csv, json, sys
r = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert r["kind"] == "satisfied" and r["weighted"] and r["satisfied_rule"] == "score >= 70", r["satisfied_rule"]
cols = [c["value"] for c in r["columns"]]
assert cols == sorted({x["channel"] for x in rows}), cols
assert [c["letter"] for c in r["columns"]] == ["A", "B", "C", "D", "E"]
missing = sum(1 for x in rows if x["SAT1"] in ("", "8", "9"))
assert r["excluded"]["answer"] == missing and r["counted"] == len(rows) - missing, r["excluded"]
for t in r["tables"]:
    for j, c in enumerate(cols):
        group = [x for x in rows if x["wave"] == t["layer_value"] and x["channel"] == c and x["SAT1"] not in ("", "8", "9")]
        w = sum(float(x["weight"]) for x in group)
        sat = sum(float(x["weight"]) for x in group if int(x["SAT1"]) >= 4)  # 25 (x - 1) >= 70
        assert abs(t["cells"][0][j]["col_share"] - sat / w) < 1e-12, (t["layer_value"], c)
        assert t["cells"][0][j]["count"] == sum(1 for x in group if int(x["SAT1"]) >= 4)
    assert t["test"]["rao_scott"] and t["test"]["computed"]
PY

expect_exit 0 chi -- "$cli" crosstab --schema "$schema" --data "$data" --rows SAT1 --cols channel --unweighted --json
python3 - "$tmp/chi.out" "$data" <<'PY' || fail "SAT1 by channel: chi-square"
import csv, json, math, sys
r = json.load(open(sys.argv[1]))
rows = [x for x in csv.DictReader(open(sys.argv[2], encoding="utf-8")) if x["SAT1"] not in ("", "8", "9")]
cols = sorted({x["channel"] for x in rows})
pts = sorted({x["SAT1"] for x in rows})
n = len(rows)
obs = {(p, c): sum(1 for x in rows if x["SAT1"] == p and x["channel"] == c) for p in pts for c in cols}
rs = {p: sum(obs[p, c] for c in cols) for p in pts}
cs = {c: sum(obs[p, c] for p in pts) for c in cols}
x2 = sum((obs[p, c] - rs[p] * cs[c] / n) ** 2 / (rs[p] * cs[c] / n) for p in pts for c in cols)
t = r["tables"][0]["test"]
assert not r["weighted"] and not t["rao_scott"]
assert abs(t["pearson"] - x2) < 1e-9 * x2, (t["pearson"], x2)
assert t["df"] == (len(pts) - 1) * (len(cols) - 1)
assert abs(t["cramers_v"] - math.sqrt(x2 / n / (min(len(pts), len(cols)) - 1))) < 1e-12
assert [row[0]["count"] for row in r["tables"][0]["cells"]] == [obs[p, cols[0]] for p in ["1", "2", "3", "4", "5"]]
PY

# the tables: letters beside shares, the test line, the same numbers as --json
expect_exit 0 tables -- "$cli" crosstab --schema "$schema" --data "$data" --rows SAT1 --cols channel --lang en
expect_text "$tmp/tables.out" "column shares %" "counter (A)" "very satisfied" "chi-square" "Rao-Scott second-order" "Cramer's V"
expect_exit 0 means -- "$cli" crosstab --schema "$schema" --data "$data" --rows CSI --cols wave
expect_text "$tmp/means.out" "score 0-100" "interval" "2025H1 (A)"
expect_exit 0 counts -- "$cli" crosstab --schema "$schema" --data "$data" --rows age_band --cols channel --stat counts
expect_text "$tmp/counts.out" "Total" "chi-square"

# --- bad input: exit 2 naming where and what ------------------------------------------------
expect_usage_error "unknown column" 'cols: unknown column "branch"' \
    "$cli" crosstab --schema "$schema" --data "$data" --rows SAT1 --cols branch
expect_usage_error "unknown variable" 'rows: unknown variable "NOPE"' \
    "$cli" crosstab --schema "$schema" --data "$data" --rows NOPE --cols channel
expect_usage_error "same column twice" "used twice" \
    "$cli" crosstab --schema "$schema" --data "$data" --rows SAT1 --cols channel --layer channel
expect_usage_error "mean of a category" "--stat: mean needs an item or a hierarchy node" \
    "$cli" crosstab --schema "$schema" --data "$data" --rows age_band --cols channel --stat mean
expect_usage_error "missing --cols" "--cols" \
    "$cli" crosstab --schema "$schema" --data "$data" --rows SAT1
# fewer than 2 categories on an axis: a data file whose channel has one value
python3 - "$data" "$tmp/one.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader()
    for x in rows:
        x["channel"] = "counter"
        w.writerow(x)
PY
expect_usage_error "one category" 'cols: column "channel" has 1 values among the respondents counted (expected at least 2)' \
    "$cli" crosstab --schema "$schema" --data "$tmp/one.csv" --rows SAT1 --cols channel
finish
