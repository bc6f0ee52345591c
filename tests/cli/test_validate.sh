#!/usr/bin/env bash
# csikit validate: the bundled bank-branch example is valid and reproducible, and broken
# schemas give exit status 2 with a message naming the file and the place of the problem.
# Usage: test_validate.sh CSIKIT_BINARY SOURCE_DIR SHARED_DATA_DIR
set -u
csikit=$1
src=$2
shared=$3
bank=$src/examples/bank_branch
bad=$src/tests/data/schema
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_ok NAME ARGS...: exit 0; stdout kept in $tmp/out
expect_ok() {
    local name=$1; shift
    if ! "$csikit" validate "$@" >"$tmp/out" 2>"$tmp/err"; then
        fail "$name: exit status $? (expected 0)"; cat "$tmp/err" >&2
    fi
}

# expect_error NAME SCHEMA MESSAGE: exit 2 and MESSAGE (a fixed string) on stderr
expect_error() {
    local name=$1 schema=$2 message=$3 status=0
    "$csikit" validate --schema "$schema" >"$tmp/out" 2>"$tmp/err" || status=$?
    [ "$status" -eq 2 ] || fail "$name: exit status $status (expected 2)"
    grep -qF -- "$message" "$tmp/err" || { fail "$name: stderr lacks: $message"; cat "$tmp/err" >&2; }
}

# (a) the bank example and its data are valid, and the summary says what they hold
expect_ok "bank schema and data" --schema "$bank/schema.json" --data "$bank/responses.csv"
for want in "items        24" "constructs   8" "paths        7" "hierarchy    depth 3 (7 inner nodes, 18 leaves)" \
            "respondents  600 (weighted" "waves        2025H1: 300, 2025H2: 300" "valid"; do
    grep -qF -- "$want" "$tmp/out" || fail "bank summary lacks: $want"
done
expect_ok "ECSI schema" --schema "$shared/ecsi/schema.json"
grep -qF "constructs   7" "$tmp/out" || fail "ECSI summary lacks: constructs   7"

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
"$csikit" validate --schema "$bad/duplicate_ids.json" 2>"$tmp/err" >/dev/null
[ "$(wc -l <"$tmp/err")" -eq 4 ] || { fail "duplicate_ids.json: expected 4 problem lines"; cat "$tmp/err" >&2; }

# usage errors
status=0; "$csikit" validate >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -qF -- "--schema: is required" "$tmp/err" || fail "missing --schema not reported"
status=0; "$csikit" validate --schema "$bank/schema.json" --dta x >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -qF -- "--dta: unknown option" "$tmp/err" || fail "unknown option not reported"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all validate checks passed"
