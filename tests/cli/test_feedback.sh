#!/usr/bin/env bash
# CLI test of `csikit feedback` (issue 14 item 7, docs/feedback.md) on the feedback example: the
# tables and the JSON; every share recomputed here from the CSV itself (the weights, the 0/1
# columns, the index as the mean of the three items' 0-100 scores); the example's known truth
# (delivery first among the dissatisfied); the verbatims (lowest scores first, HTML-escaped in
# the report, left out with --no-verbatims, capped); bad input exits 2 naming where and what.
# Usage: test_feedback.sh CSIKIT SOURCE_DIR SHARED_DATA
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$src/examples/feedback/schema.json
data=$src/examples/feedback/responses.csv

expect_exit 0 table -- "$cli" feedback --schema "$schema" --data "$data" --by channel
expect_text "$tmp/table.out" "Multi-response item complaint" "% of respondents" "% of mentions" "By channel" \
    "By wave" "Most named by the dissatisfied on CSI" "Verbatims of the lowest scores"
expect_exit 0 json -- "$cli" feedback --schema "$schema" --data "$data" --by channel --json --max-verbatims 5 \
    --html "$tmp/feedback.html"
python3 - "$tmp/json.out" "$data" <<'PY' || fail "json: feedback figures against the CSV"
import csv, json, sys
r = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
cats = ["price", "delivery", "staff", "app"]
def answered(x): return any(x["complaint_" + c] != "" for c in cats)
def score(x): return sum((float(x[i]) - 1) / 4 * 100 for i in ("PRICE", "SPEED", "STAFF")) / 3
def shares(group):
    g = [x for x in group if answered(x)]
    W = sum(float(x["weight"]) for x in g)
    named = {c: sum(float(x["weight"]) for x in g if x["complaint_" + c] == "1") for c in cats}
    M = sum(named.values())
    return len(g), {c: (named[c] / W, named[c] / M) for c in cats}
assert r["analysis"] == "feedback" and r["on"] == "CSI" and r["satisfied_rule"] == "score >= 70", r["on"]
item = r["items"][0]
n, want = shares(rows)
assert item["overall"]["respondents"] == n, (item["overall"]["respondents"], n)
for c in item["overall"]["categories"]:
    sr, sm = want[c["id"]]
    assert abs(c["share_of_respondents"] - sr) < 1e-12 and abs(c["share_of_mentions"] - sm) < 1e-12, c
for key, column in (("by_segment", "channel"), ("by_wave", "wave")):
    groups = sorted({x[column] for x in rows})
    assert [t["group"] for t in item[key]] == groups, key
    for t in item[key]:
        n, want = shares([x for x in rows if x[column] == t["group"]])
        assert t["respondents"] == n
        for c in t["categories"]:
            assert abs(c["share_of_respondents"] - want[c["id"]][0]) < 1e-12, (key, t["group"], c)
unhappy = [x for x in rows if score(x) < 70 - 1e-9]
assert r["dissatisfied"]["respondents"] == len(unhappy)
n, want = shares(unhappy)
top = item["dissatisfied"]["categories"]
assert [c["id"] for c in top] == sorted(cats, key=lambda c: -want[c][0]), top
for c in top:
    assert abs(c["share_of_respondents"] - want[c["id"]][0]) < 1e-12
assert top[0]["id"] == "delivery", top  # the example's truth
# Verbatims: the 5 lowest scores with a comment, lowest first.
texts = sorted(((score(x), i) for i, x in enumerate(rows) if x["comment"].strip()), key=lambda t: t[0])
assert r["verbatims_available"] == len(texts)
v = r["verbatims"]
assert len(v) == 5 and [round(x["score"], 9) for x in v] == [round(t[0], 9) for t in texts[:5]], v
assert all(x["line"] >= 2 and rows[x["line"] - 2]["comment"] == x["text"] for x in v)
PY
expect_text "$tmp/feedback.html" 'id="sec-feedback"' 'What went wrong?' 'Verbatims of the lowest scores'
# The comments' HTML characters are escaped, never raw.
check "html escaped" grep -qF '&lt;again&gt;' "$tmp/feedback.html"
check "no raw markup" bash -c "! grep -qF '<again>' '$tmp/feedback.html'"

# --no-verbatims: none in the JSON, none in the report.
expect_exit 0 quiet -- "$cli" feedback --schema "$schema" --data "$data" --no-verbatims --json --html "$tmp/quiet.html"
check "no verbatims" python3 -c "import json; r=json.load(open('$tmp/quiet.out')); assert r['verbatims']==[] and r['verbatims_available']>0"
check "no verbatims in html" bash -c "! grep -qF 'Verbatims of the lowest' '$tmp/quiet.html'"

# --out writes the same JSON as --json.
expect_exit 0 out -- "$cli" feedback --schema "$schema" --data "$data" --out "$tmp/fb.json" --json
check "out equals json" cmp -s "$tmp/fb.json" "$tmp/out.out"

# Bad input exits 2 and names where and what.
sed '3s/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)[01]/\12/' "$data" >"$tmp/two.csv"
expect_usage_error not_binary 'complaint_price' "$cli" feedback --schema "$schema" --data "$tmp/two.csv"
expect_usage_error not_binary_line ':3: complaint_price' "$cli" feedback --schema "$schema" --data "$tmp/two.csv"
sed 's/"complaint_app"/"complaint_web"/' "$schema" >"$tmp/unknown.json"
expect_usage_error unknown_column 'complaint_web' "$cli" feedback --schema "$tmp/unknown.json" --data "$data"
python3 -c "
import json; s=json.load(open('$schema')); s['multi_response'][0]['categories']=[]
json.dump(s, open('$tmp/empty.json','w'))"
expect_usage_error empty_category 'multi_response[0].categories' "$cli" feedback --schema "$tmp/empty.json" --data "$data"
expect_usage_error max_verbatims '--max-verbatims' "$cli" feedback --schema "$schema" --data "$data" --max-verbatims 201
expect_usage_error unknown_on 'NOPE' "$cli" feedback --schema "$schema" --data "$data" --on NOPE

# csikit report draws the feedback section when the schema declares a multi-response item, and
# the trend section when the data have 3 or more waves (the monthly example has 6; this one 2).
expect_exit 0 report -- "$cli" report --schema "$schema" --data "$data" --lang en --out "$tmp/rep"
expect_text "$tmp/rep/report.html" 'id="sec-feedback"' 'What went wrong?'
check "report: no trend for 2 waves" bash -c "! grep -qF 'id=\"sec-trend\"' '$tmp/rep/report.html'"
check "report.json feedback" python3 -c "import json; r=json.load(open('$tmp/rep/report.json')); assert r['feedback']['analysis']=='feedback' and 'trend' not in r"
monthly=$src/examples/monthly_trend
expect_exit 0 report_trend -- "$cli" report --schema "$monthly/schema.json" --data "$monthly/responses.csv" --lang en --out "$tmp/rep6"
expect_text "$tmp/rep6/report.html" 'id="sec-trend"'
check "report.json trend" python3 -c "import json; r=json.load(open('$tmp/rep6/report.json')); assert len(r['trend']['waves'])==6 and 'feedback' not in r"
finish
