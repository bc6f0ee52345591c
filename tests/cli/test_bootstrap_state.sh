#!/usr/bin/env bash
# csikit bootstrap-state: two batches added one by one (the second with --first-row) give the
# state of the whole file, bit for bit; merged states give it too; mismatched or corrupt states
# exit 2 naming what is wrong.
# usage: test_bootstrap_state.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
schema=$shared/ecsi/schema.json
data=$shared/ecsi/mobi.csv
head -n 101 "$data" > "$tmp/a.csv"                               # header + rows 0..99
{ head -n 1 "$data"; tail -n +102 "$data"; } > "$tmp/b.csv"       # header + rows 100..

check "whole file" "$cli" bootstrap-state --schema "$schema" --state "$tmp/whole.csb" --data "$data" --resamples 40 --seed 5
check "first batch" "$cli" bootstrap-state --schema "$schema" --state "$tmp/inc.csb" --data "$tmp/a.csv" --resamples 40 --seed 5
check "second batch" "$cli" bootstrap-state --schema "$schema" --state "$tmp/inc.csb" --data "$tmp/b.csv" --first-row 100
check "batches = whole" cmp -s "$tmp/whole.csb" "$tmp/inc.csb"
"$cli" bootstrap-state --schema "$schema" --state "$tmp/whole.csb" --estimate > "$tmp/whole.txt" || fail "estimate whole"
"$cli" bootstrap-state --schema "$schema" --state "$tmp/inc.csb" --estimate > "$tmp/inc.txt" || fail "estimate batches"
check "same bootstrap table" cmp -s "$tmp/whole.txt" "$tmp/inc.txt"
expect_text "$tmp/whole.txt" "Poisson bootstrap: 40 of 40 replicates, seed 5" "CUSA -> CUSL"

check "state a" "$cli" bootstrap-state --schema "$schema" --state "$tmp/sa.csb" --data "$tmp/a.csv" --resamples 40 --seed 5
check "state b" "$cli" bootstrap-state --schema "$schema" --state "$tmp/sb.csb" --data "$tmp/b.csv" --resamples 40 --seed 5 --first-row 100
check "merge" "$cli" bootstrap-state --schema "$schema" --state "$tmp/merged.csb" --merge "$tmp/sa.csb" --merge "$tmp/sb.csb"
"$cli" bootstrap-state --schema "$schema" --state "$tmp/merged.csb" --estimate > "$tmp/merged.txt" || fail "estimate merged"
check "merged = whole" cmp -s "$tmp/whole.txt" "$tmp/merged.txt"
"$cli" bootstrap-state --schema "$schema" --state "$tmp/merged.csb" --estimate --json > "$tmp/merged.json" || fail "json"
expect_text "$tmp/merged.json" '"bootstrap"' '"paths"'

check "state other seed" "$cli" bootstrap-state --schema "$schema" --state "$tmp/s6.csb" --data "$tmp/b.csv" --resamples 40 --seed 6
expect_exit 2 "merge other seed" "$cli" bootstrap-state --schema "$schema" --state "$tmp/bad.csb" --merge "$tmp/sa.csb" --merge "$tmp/s6.csb"
expect_text "$tmp/merge other seed.err" "seed 6"
expect_exit 2 "add with other seed" "$cli" bootstrap-state --schema "$schema" --state "$tmp/sa.csb" --data "$tmp/b.csv" --seed 9
expect_text "$tmp/add with other seed.err" "seed 5"
printf 'garbage' > "$tmp/garbage.csb"
expect_exit 2 "garbage state" "$cli" bootstrap-state --schema "$schema" --state "$tmp/garbage.csb" --estimate
expect_text "$tmp/garbage state.err" "garbage.csb" "CSIKPBS"
expect_exit 2 "too few resamples" "$cli" bootstrap-state --schema "$schema" --state "$tmp/x.csb" --data "$data" --resamples 1
finish
