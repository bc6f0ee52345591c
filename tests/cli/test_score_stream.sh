#!/usr/bin/env bash
# csikit score --stream: the bank example read chunk by chunk into sums prints the tables the
# file read whole prints (every digit), and its JSON carries the same figures (numbers to 1e-12
# relative, everything else identical); what needs the rows is refused with the option named.
# usage: test_score_stream.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
bank=$src/examples/bank_branch

"$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --by channel > "$tmp/whole.txt" || fail "score"
"$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --by channel --stream > "$tmp/stream.txt" || fail "score --stream"
check "the same tables" cmp -s "$tmp/whole.txt" "$tmp/stream.txt"

"$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --json > "$tmp/whole.json" || fail "score --json"
"$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --json --stream --out "$tmp/out.json" > "$tmp/stream.json" \
    || fail "score --stream --json"
check "--out holds the printed JSON" cmp -s "$tmp/stream.json" "$tmp/out.json"
check "the same figures" python3 - "$tmp/whole.json" "$tmp/stream.json" <<'PY'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
count = 0
def same(x, y, path):
    global count
    if isinstance(x, dict):
        assert isinstance(y, dict) and x.keys() == y.keys(), path
        for k in x: same(x[k], y[k], path + "." + k)
    elif isinstance(x, list):
        assert isinstance(y, list) and len(x) == len(y), path
        for i, (u, v) in enumerate(zip(x, y)): same(u, v, f"{path}[{i}]")
    elif isinstance(x, float) and not isinstance(x, bool):
        count += 1
        assert abs(x - y) <= 1e-12 * max(1.0, abs(x), abs(y)), f"{path}: {x} != {y}"
    else:
        assert x == y, f"{path}: {x!r} != {y!r}"
same(a, b, "")
assert count > 1000, count
PY

# analyze/report --stream: the scores section from a second streaming pass, the same report
"$cli" analyze --schema "$bank/schema.json" --data "$bank/responses.csv" --stream --scores --json > "$tmp/analyze.json" \
    || fail "analyze --stream --scores"
check "analyze --stream --scores holds score's figures" python3 - "$tmp/whole.json" "$tmp/analyze.json" <<'PY'
import json, sys
whole = json.load(open(sys.argv[1]))
scores = json.load(open(sys.argv[2]))["scores"]
assert scores["sample"]["respondents"] == whole["sample"]["respondents"]
for a, b in zip(whole["overall"]["items"], scores["overall"]["items"]):
    assert a["id"] == b["id"] and a["mean"]["n"] == b["mean"]["n"]
    assert abs(a["score"]["mean"] - b["score"]["mean"]) <= 1e-12 * abs(a["score"]["mean"])
PY

expect_usage_error html '--html: needs every respondent' \
    "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --stream --html "$tmp/r.html"
expect_usage_error adjust '--adjust-for: needs every respondent' \
    "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --stream --adjust-for age_band
expect_usage_error mean_first 'aggregate: mean-first aggregation is not available on a streamed file' \
    "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --stream --aggregate mean
expect_usage_error unknown_by '--by: "nosuch" is not a segment column' \
    "$cli" score --schema "$bank/schema.json" --data "$bank/responses.csv" --stream --by nosuch
finish
