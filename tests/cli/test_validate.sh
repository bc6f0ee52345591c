#!/usr/bin/env bash
# csikit validate: the bundled bank-branch example is valid and reproducible, and broken
# schemas give exit status 2 with a message naming the file and the place of the problem.
# Usage: test_validate.sh CSIKIT_BINARY SOURCE_DIR SHARED_DATA_DIR
set -u
. "$(dirname "$0")/lib.sh" "$@"
bank=$src/examples/bank_branch
bad=$src/tests/data/schema

# expect_ok NAME ARGS...: validate exits 0; stdout kept in $tmp/NAME.out
expect_ok() { expect_exit 0 "$1" "$cli" validate "${@:2}"; }

# expect_error NAME SCHEMA MESSAGE: validate exits 2 with MESSAGE (a fixed string) on stderr
expect_error() { expect_usage_error "$1" "$3" "$cli" validate --schema "$2"; }

# (a) the bank example and its data are valid, and the summary says what they hold
expect_ok bank --schema "$bank/schema.json" --data "$bank/responses.csv"
for want in "items        24" "constructs   8" "paths        7" "hierarchy    depth 3 (7 inner nodes, 18 leaves)" \
            "respondents  600 (weighted" "waves        2025H1: 300, 2025H2: 300" "valid"; do
    grep -qF -- "$want" "$tmp/bank.out" || fail "bank summary lacks: $want"
done
expect_ok ecsi --schema "$shared/ecsi/schema.json"
grep -qF "constructs   7" "$tmp/ecsi.out" || fail "ECSI summary lacks: constructs   7"

# (b) the generator reproduces responses.csv byte for byte
if python3 "$bank/generate.py" --out "$tmp/responses.csv"; then
    cmp -s "$tmp/responses.csv" "$bank/responses.csv" || fail "generate.py does not reproduce responses.csv"
else
    fail "generate.py failed"
fi

# (c) broken schemas: exit 2, file and place named
expect_error "broken JSON" "$bad/broken_json.json" "broken_json.json:5: column 3: malformed JSON"
expect_error "unknown item" "$bad/unknown_item.json" \
    'unknown_item.json: constructs[0].items[1]: unknown item "CUSA9"'
expect_error "unknown scale" "$bad/unknown_scale.json" \
    'unknown_scale.json: items[1].scale: unknown scale "tne" (expected one of ten)'
expect_error "unknown construct in a path" "$bad/unknown_construct.json" \
    'unknown_construct.json: paths[0].from: unknown construct "IMAG"'
expect_error "duplicate scale ids" "$bad/duplicate_ids.json" \
    'duplicate_ids.json: scales[1].id: duplicate scale id "five" (first at scales[0].id)'
expect_error "duplicate item ids" "$bad/duplicate_ids.json" \
    'duplicate_ids.json: items[1].id: duplicate item id "Q1" (first at items[0].id)'
expect_error "duplicate construct ids" "$bad/duplicate_ids.json" \
    'duplicate_ids.json: constructs[1].id: duplicate construct id "C" (first at constructs[0].id)'
expect_error "empty file" "$bad/empty.json" "empty.json: empty file (expected a JSON object)"
expect_error "not UTF-8" "$bad/not_utf8.json" "not_utf8.json:1: column 14: invalid UTF-8 byte 0xE9"
expect_error "missing file" "$bad/no_such_file.json" "no_such_file.json: cannot open the file"

# every problem is listed, one line each
"$cli" validate --schema "$bad/duplicate_ids.json" 2>"$tmp/err" >/dev/null
[ "$(wc -l <"$tmp/err")" -eq 4 ] || { fail "duplicate_ids.json: expected 4 problem lines"; cat "$tmp/err" >&2; }

# usage errors
status=0; "$cli" validate >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -qF -- "--schema: is required" "$tmp/err" || fail "missing --schema not reported"
status=0; "$cli" validate --schema "$bank/schema.json" --dta x >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -qF -- "--dta: unknown option" "$tmp/err" || fail "unknown option not reported"

finish
