#!/usr/bin/env bash
# csikit accumulate + csikit analyze --state: two batches added one by one give the state of the
# whole file bit for bit (exact mode), merged states give it too, and the estimate from the state
# prints what `analyze --data` prints (listwise: every table, the index intervals included).
# Mismatched, corrupt and unsuitable states exit 2 naming what is wrong.
# usage: test_accumulate.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$shared/ecsi/schema.json
data=$shared/ecsi/mobi.csv
head -n 101 "$data" > "$tmp/a.csv"                               # header + rows 0..99
{ head -n 1 "$data"; tail -n +102 "$data"; } > "$tmp/b.csv"       # header + rows 100..

check "whole file" "$cli" accumulate --schema "$schema" --state "$tmp/whole.csm" --data "$data"
check "first batch" "$cli" accumulate --schema "$schema" --state "$tmp/inc.csm" --data "$tmp/a.csv"
check "second batch" "$cli" accumulate --schema "$schema" --state "$tmp/inc.csm" --data "$tmp/b.csv"
check "batches = whole" cmp -s "$tmp/whole.csm" "$tmp/inc.csm"
check "state b" "$cli" accumulate --schema "$schema" --state "$tmp/b.csm" --data "$tmp/b.csv"
check "state a" "$cli" accumulate --schema "$schema" --state "$tmp/a.csm" --data "$tmp/a.csv"
check "merge in the other order" "$cli" accumulate --schema "$schema" --state "$tmp/merged.csm" --merge "$tmp/b.csm" --merge "$tmp/a.csm"
check "merged = whole" cmp -s "$tmp/whole.csm" "$tmp/merged.csm"

"$cli" accumulate --schema "$schema" --state "$tmp/whole.csm" --json > "$tmp/summary.json" || fail "summary json"
expect_text "$tmp/summary.json" '"respondents": 250' '"mode": "exact"' '"id": "CUSL3"'

"$cli" analyze --schema "$schema" --state "$tmp/merged.csm" > "$tmp/state.txt" || fail "analyze --state"
"$cli" analyze --schema "$schema" --data "$data" > "$tmp/data.txt" || fail "analyze --data"
grep -v 'estimated from a moment state' "$tmp/state.txt" | sed -e '/./,$!d' > "$tmp/state_tables.txt"
sed -e '/./,$!d' "$tmp/data.txt" > "$tmp/data_tables.txt"
# the same tables; the state adds only its note (and the blank line before it)
diff <(grep -v '^$' "$tmp/state_tables.txt") <(grep -v '^$' "$tmp/data_tables.txt") > "$tmp/diff.txt" ||
  fail "analyze --state differs from analyze --data: $(head -n 5 "$tmp/diff.txt")"
expect_text "$tmp/state.txt" "estimated from a moment state of 250 respondents" "CUSA   CUSL"
"$cli" analyze --schema "$schema" --data "$data" --stream > "$tmp/stream.txt" || fail "analyze --stream"
check "--stream = --state" cmp -s "$tmp/stream.txt" "$tmp/state.txt"
expect_exit 2 "stream and state" "$cli" analyze --schema "$schema" --state "$tmp/whole.csm" --stream
expect_exit 2 "stream and predict" "$cli" analyze --schema "$schema" --data "$data" --stream --predict
expect_text "$tmp/stream and predict.err" "--predict"
check "report from a state" "$cli" report --schema "$schema" --state "$tmp/merged.csm" --out "$tmp/report"
expect_text "$tmp/report/report.json" '"paths"' '"ipma_indicators"' '"index_model"'

expect_exit 2 "state and data" "$cli" analyze --schema "$schema" --state "$tmp/whole.csm" --data "$data"
expect_text "$tmp/state and data.err" "--state" "--data"
expect_exit 2 "bootstrap from a state" "$cli" analyze --schema "$schema" --state "$tmp/whole.csm" --bootstrap 50
expect_text "$tmp/bootstrap from a state.err" "--bootstrap" "bootstrap-state"
expect_exit 2 "by from a state" "$cli" analyze --schema "$schema" --state "$tmp/whole.csm" --by x
expect_text "$tmp/by from a state.err" "--by" "one state per group"
bank=$src/examples/bank_branch
check "bank state" "$cli" accumulate --schema "$bank/schema.json" --state "$tmp/bank.csm" --data "$bank/responses.csv"
expect_exit 2 "merge of two surveys" "$cli" accumulate --schema "$schema" --state "$tmp/x.csm" --merge "$tmp/whole.csm" --merge "$tmp/bank.csm"
expect_text "$tmp/merge of two surveys.err" "ENV1" "expected the same items"
expect_exit 2 "state of another survey" "$cli" analyze --schema "$schema" --state "$tmp/bank.csm"
expect_exit 2 "weights switch differs" "$cli" accumulate --schema "$schema" --state "$tmp/whole.csm" --data "$tmp/a.csv" --no-weights
expect_text "$tmp/weights switch differs.err" "no-weights"
head -c 100 "$tmp/whole.csm" > "$tmp/cut.csm"
expect_exit 2 "truncated state" "$cli" analyze --schema "$schema" --state "$tmp/cut.csm"
expect_text "$tmp/truncated state.err" "cut.csm" "truncated"
expect_exit 2 "missing state" "$cli" analyze --schema "$schema" --state "$tmp/nothing.csm"
finish
