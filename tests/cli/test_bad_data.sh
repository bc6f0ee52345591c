#!/usr/bin/env bash
# `csikit validate --schema S --data D` on every bad CSV fixture: exit code 2, and stderr names
# the file, the line and the column (or the item) of the problem.
# Usage: bash test_bad_data.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
dir=$src/tests/data/csv
schema=$dir/schema.json

# expect_error FILE TEXT...: validate exits 2 and stderr holds every TEXT.
expect_error() {
    local file=$1; shift
    expect_exit 2 "$file" "$cli" validate --schema "$schema" --data "$dir/$file" &&
        expect_text "$tmp/$file.err" "$@" && echo "ok   $file"
}

# The good file passes.
expect_exit 0 valid.csv "$cli" validate --schema "$schema" --data "$dir/valid.csv" && echo "ok   valid.csv"

expect_error empty.csv "empty.csv:1: empty file"
expect_error header_only.csv "header_only.csv:2: no data rows"
expect_error wrong_delimiter.csv "wrong_delimiter.csv:1: only one column found; is the delimiter right?"
expect_error duplicate_column.csv 'duplicate_column.csv:1: column "Q1": appears twice, as column 2 and column 4'
expect_error missing_column.csv 'missing_column.csv:1: item "Q2": no column "Q2" in the header'
expect_error non_numeric.csv 'non_numeric.csv:3: column "Q1": 1 cell holds text that is neither a number nor a label of scale "five": "good"'
expect_error out_of_scale.csv 'out_of_scale.csv:4: column "Q2": value 7 is outside the scale 1..5'
expect_error not_utf8.csv 'not_utf8.csv:3: column "region": invalid UTF-8: byte 0xFC at byte 13 of the line'
expect_error ragged.csv "ragged.csv:3: row has 6 fields (expected 7"
expect_error unterminated_quote.csv 'unterminated_quote.csv:3: column "region": quoted field is never closed'
expect_error bad_weight.csv 'bad_weight.csv:3: column "w": weight -2 is negative' \
                            'bad_weight.csv:4: column "w": missing weight'
expect_error no_such_file.csv "no_such_file.csv: cannot open file"

finish
