#!/usr/bin/env bash
# CLI test of `csikit score --adjust-for` (issue 14 item 5): a constructed pure-composition case
# (within-region scores equal in both waves, the mix moves from 80% to 40% "a") gives an adjusted
# change of 0 and the hand figures; on the weighted bank branch example the adjusted SAT1 score
# per wave equals sum_s pi_s mean_ws recomputed here from the CSV; the tables print the JSON's
# numbers; the HTML report carries the adjusted table and the crosstab section (letters and
# test line from the same struct as `csikit crosstab --json`); bad input exits 2 naming it.
# Usage: test_standardize.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"

cat >"$tmp/schema.json" <<'JSON'
{"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}], "items": [{"id": "Q", "scale": "five"}],
 "segment_columns": ["region"], "wave_column": "wave"}
JSON
python3 - "$tmp/data.csv" <<'PY'
import sys
rows = ["wave,region,Q"]
def add(w, r, count, hi, lo):
    rows.extend(f"{w},{r},{lo if k % 2 else hi}" for k in range(count))
add(1, "a", 8, 5, 4); add(1, "b", 2, 2, 3); add(2, "a", 4, 5, 4); add(2, "b", 6, 2, 3)
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
s=$tmp/schema.json
d=$tmp/data.csv

expect_exit 0 comp -- "$cli" score --schema "$s" --data "$d" --adjust-for region --json
python3 - "$tmp/comp.out" <<'PY' || fail "pure composition: adjusted change 0"
import json, sys
r = json.load(open(sys.argv[1]))["standardized"]
assert r["by"] == "wave" and r["adjust_for"] == "region" and r["reference"] == "pooled", r
assert [s["reference_share"] for s in r["strata"]] == [0.6, 0.4]
f = {(x["id"], x["group"]): x for x in r["figures"]}
# raw 0.8 * 87.5 + 0.2 * 37.5 = 77.5 and 0.4 * 87.5 + 0.6 * 37.5 = 57.5; adjusted 67.5 both
assert abs(f["Q", "1"]["raw"]["mean"] - 77.5) < 1e-9 and abs(f["Q", "2"]["raw"]["mean"] - 57.5) < 1e-9
assert abs(f["Q", "1"]["adjusted"]["mean"] - 67.5) < 1e-9 and abs(f["Q", "2"]["adjusted"]["mean"] - 67.5) < 1e-9
c = r["changes"][0]
assert (c["id"], c["from"], c["to"]) == ("Q", "1", "2")
assert abs(c["raw"]["difference"] + 20) < 1e-9 and abs(c["adjusted"]["difference"]) < 1e-9, c
assert c["adjusted"]["ci_lower"] < 0 < c["adjusted"]["ci_upper"]
PY
expect_exit 0 first -- "$cli" score --schema "$s" --data "$d" --adjust-for region --reference first --json
python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['standardized']
assert abs(r['figures'][1]['adjusted']['mean'] - 77.5) < 1e-9 and abs(r['changes'][0]['adjusted']['difference']) < 1e-9
" "$tmp/first.out" || fail "first-wave mix"
printf 'region,share\na,0.5\nb,0.5\n' >"$tmp/half.csv"
expect_exit 0 given -- "$cli" score --schema "$s" --data "$d" --adjust-for region --reference "$tmp/half.csv" --json
python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['standardized']
assert r['reference'] == 'given' and abs(r['figures'][0]['adjusted']['mean'] - 62.5) < 1e-9
" "$tmp/given.out" || fail "given shares 0.5 / 0.5: 62.5"
echo '{"a": 0.25, "b": 0.75}' >"$tmp/quarter.json"
expect_exit 0 givenj -- "$cli" score --schema "$s" --data "$d" --adjust-for region --reference "$tmp/quarter.json" --json
python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['standardized']
assert abs(r['figures'][1]['adjusted']['mean'] - (0.25 * 87.5 + 0.75 * 37.5)) < 1e-9
" "$tmp/givenj.out" || fail "given shares as JSON"

# the tables: the same figures as the JSON
expect_exit 0 text -- "$cli" score --schema "$s" --data "$d" --adjust-for region
expect_text "$tmp/text.out" "Composition-adjusted scores by wave (adjusted for region" "60.0%" "40.0%"
python3 - "$tmp/text.out" <<'PY' || fail "text tables"
import sys
lines = open(sys.argv[1]).read().split("Composition-adjusted scores")[1].splitlines()
fig = [l.split() for l in lines if l.split()[:1] == ["Q"] and "->" not in l]
assert fig[0][:5] == ["Q", "1", "10", "77.5", "["] or fig[0][3] == "77.5", fig
assert any(r[3] == "77.5" and "67.5" in r for r in fig) and any(r[3] == "57.5" and "67.5" in r for r in fig), fig
ch = [l for l in lines if "1 -> 2" in l]
import re
assert ch and "-20.0" in ch[0] and re.search(r" -?0\.0 ", ch[0] + " "), ch
PY

# weighted: the bank branch example, SAT1 by wave adjusted for channel, recomputed from the CSV
bank=$src/examples/bank_branch
expect_exit 0 bank -- "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --adjust-for channel --json
python3 - "$tmp/bank.out" "$bank/responses.csv" <<'PY' || fail "bank: adjusted SAT1 = sum pi_s mean_ws"
import csv, json, sys
r = json.load(open(sys.argv[1]))["standardized"]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert r["weighted"] and r["by"] == "wave"
waves = sorted({x["wave"] for x in rows}); chans = sorted({x["channel"] for x in rows})
assert r["groups"] == waves and [s["value"] for s in r["strata"]] == chans
tot = sum(float(x["weight"]) for x in rows)
pi = {c: sum(float(x["weight"]) for x in rows if x["channel"] == c) / tot for c in chans}
for s in r["strata"]:
    assert abs(s["reference_share"] - pi[s["value"]]) < 1e-12
fig = {(f["id"], f["group"]): f for f in r["figures"]}
adj = {}
for w in waves:
    a = 0
    for c in chans:
        cell = [x for x in rows if x["wave"] == w and x["channel"] == c and x["SAT1"] not in ("", "8", "9")]
        sw = sum(float(x["weight"]) for x in cell)
        a += pi[c] * sum(float(x["weight"]) * 25 * (int(x["SAT1"]) - 1) for x in cell) / sw
    adj[w] = a
    assert abs(fig["SAT1", w]["adjusted"]["mean"] - a) < 1e-9, (w, fig["SAT1", w]["adjusted"]["mean"], a)
ch = [c for c in r["changes"] if c["id"] == "SAT1"]
assert len(ch) == len(waves) - 1
for c in ch:
    assert abs(c["adjusted"]["difference"] - (adj[c["to"]] - adj[c["from"]])) < 1e-9
PY

# the HTML report: the adjusted table in the wave section, a crosstab section from the same struct
expect_exit 0 html -- "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --adjust-for channel \
    --lang en --html "$tmp/r.html" --crosstab satisfied:SAT1:channel --crosstab SAT1:age_band:wave
expect_text "$tmp/r.html" 'id="adjusted"' "Composition-adjusted scores (adjusted for channel" 'id="sec-crosstabs"' "Rao-Scott"
expect_exit 0 xt -- "$cli" crosstab --schema "$bank/schema.json" --data "$bank/responses.csv" --rows satisfied:SAT1 --cols channel --json
python3 - "$tmp/r.html" "$tmp/xt.out" <<'PY' || fail "HTML crosstab = crosstab --json"
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
x = json.load(open(sys.argv[2]))
table = html.split('id="sec-crosstabs"')[1].split("</table>")[0]
rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
cells = [re.findall(r'<td class="num">([0-9.]+)%(?: <b class="letters">([A-Z]+)</b>)?</td>', r) for r in rows]
cells = [c for c in cells if c]
t = x["tables"][0]
assert len(cells) == len(t["cells"]), (len(cells), len(t["cells"]))
for got, want in zip(cells, t["cells"]):
    for (share, letters), w in zip(got, want):
        assert abs(float(share) - 100 * w["col_share"]) < 0.051 and letters == w["letters"], (share, letters, w)
stat = t["test"]["statistic"]
assert f"= {stat:.2f}, df" in html, stat
PY
# segments (--by): the adjusted table is a section of its own, the text names the segments
expect_exit 0 seg -- "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --by channel --adjust-for age_band \
    --lang en --html "$tmp/seg.html"
expect_text "$tmp/seg.out" "Composition-adjusted scores by channel (adjusted for age_band"
expect_text "$tmp/seg.html" '<section id="sec-adjusted"' "Composition-adjusted scores (adjusted for age_band"
expect_exit 0 plain -- "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --html "$tmp/p.html"
python3 - "$tmp/bank.out" <<'PY' || fail "each figure once per wave"
import json, sys
r = json.load(open(sys.argv[1]))["standardized"]
ids = [f["id"] for f in r["figures"] if f["group"] == r["groups"][0]]
assert len(ids) == len(set(ids)) and ids[0] == "CSI" and "ENV" in ids and "SAT1" in ids, ids
PY
check "no adjusted table unless asked" bash -c "! grep -q 'id=\"adjusted\"\|sec-crosstabs' '$tmp/p.html'"

# bad input exits 2 naming it
expect_usage_error "unknown column" 'adjust_for: unknown column "nope"' \
    "$cli" score --schema "$s" --data "$d" --adjust-for nope
printf 'a,1\n' >"$tmp/only_a.csv"
expect_usage_error "stratum missing from the reference" 'no reference share for "b" of region' \
    "$cli" score --schema "$s" --data "$d" --adjust-for region --reference "$tmp/only_a.csv"
printf 'a,0.5\nb,0.6\n' >"$tmp/sum.csv"
expect_usage_error "shares not summing to 1" "the reference shares sum to 1.1 (expected 1)" \
    "$cli" score --schema "$s" --data "$d" --adjust-for region --reference "$tmp/sum.csv"
printf 'a,half\n' >"$tmp/nan.csv"
expect_usage_error "share not a number" 'share "half" of "a" is not a number' \
    "$cli" score --schema "$s" --data "$d" --adjust-for region --reference "$tmp/nan.csv"
expect_usage_error "reference neither word nor file" '--reference: "pool" is neither pooled, first nor a readable file' \
    "$cli" score --schema "$s" --data "$d" --adjust-for region --reference pool
expect_usage_error "reference without adjust-for" "--reference: given without --adjust-for" \
    "$cli" score --schema "$s" --data "$d" --reference first
expect_usage_error "adjusting for the compared column" '"wave" is also the column compared' \
    "$cli" score --schema "$s" --data "$d" --adjust-for wave
expect_usage_error "crosstab without html" "--crosstab: given without --html" \
    "$cli" score --schema "$s" --data "$d" --crosstab Q:region
expect_usage_error "crosstab spec" '--crosstab: "Q" is not ROWS:COLS' \
    "$cli" score --schema "$s" --data "$d" --html "$tmp/x.html" --crosstab Q
finish
