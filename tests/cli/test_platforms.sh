#!/usr/bin/env bash
# Survey files as they come (issue 12): a GBK CSV, a UTF-16 TSV and Qualtrics, SurveyMonkey and
# wjx exports read to the same responses as the plain UTF-8 CSV (tests/data/platforms, written by
# make_fixtures.py) and give the same `score --json`; a GBK file without --encoding is one
# message naming the encoding; a workbook given as CSV is named; a repeating code gets its hint.
# Usage: bash test_platforms.sh <csikit binary> <source dir> <shared data dir>
set -u
. "$(dirname "$0")/lib.sh" "$@"
dir=$src/tests/data/platforms

# score_of NAME SCHEMA DATA [options...]: the score JSON, with the data path taken out.
score_of() {
    local name=$1 schema=$2 data=$3; shift 3
    expect_exit 0 "$name" "$cli" score --schema "$schema" --data "$data" --json "$@" || return 1
    sed -e "s#$data##g" "$tmp/$name.out" >"$tmp/$name.json"
}

score_of base "$dir/schema.json" "$dir/base.csv"
score_of gbk "$dir/schema.json" "$dir/gbk.csv" --encoding gbk
score_of gb18030 "$dir/schema.json" "$dir/gbk.csv" --encoding gb18030
score_of utf16 "$dir/schema.json" "$dir/utf16.tsv"
score_of qualtrics "$dir/schema.json" "$dir/qualtrics.csv"
score_of qualtrics3 "$dir/schema.json" "$dir/qualtrics.csv" --header-rows 3
for f in gbk gb18030 utf16 qualtrics qualtrics3; do
    check "$f scores as base.csv" cmp -s "$tmp/base.json" "$tmp/$f.json"
done
# SurveyMonkey and wjx name their columns (and the region) otherwise: compare the items' part.
score_of monkey "$dir/surveymonkey_schema.json" "$dir/surveymonkey.csv"
score_of wjx "$dir/wjx_schema.json" "$dir/wjx.csv"
overall() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([d["sample"], d["overall"]], sort_keys=True))' "$1" ||
        echo "no JSON in $1"
}
base_overall=$(overall "$tmp/base.json")
check "base.csv has items" test "${#base_overall}" -gt 100
check_equal "surveymonkey scores as base.csv" "$base_overall" "$(overall "$tmp/monkey.json")"
check_equal "wjx scores as base.csv" "$base_overall" "$(overall "$tmp/wjx.json")"

# validate prints the layout read.
expect_exit 0 validate_q "$cli" validate --schema "$dir/schema.json" --data "$dir/qualtrics.csv" &&
    check "validate names the layout" grep -q "read as      qualtrics, 3 header rows, UTF-8" "$tmp/validate_q.out"

# A GBK file without --encoding: one message, with the encoding to give.
expect_exit 2 gbk_plain "$cli" validate --schema "$dir/schema.json" --data "$dir/gbk.csv" &&
    expect_text "$tmp/gbk_plain.err" "gbk.csv:1: column 1: invalid UTF-8" "it looks like GBK/GB18030" "--encoding gbk" &&
    check_equal "one line for the GBK file" 1 "$(wc -l <"$tmp/gbk_plain.err")"
expect_exit 2 bad_encoding "$cli" validate --schema "$dir/schema.json" --data "$dir/base.csv" --encoding ebcdic &&
    expect_text "$tmp/bad_encoding.err" 'unknown encoding "ebcdic"' && echo "ok   unknown encoding"
expect_exit 2 bad_rows "$cli" score --schema "$dir/schema.json" --data "$dir/base.csv" --header-rows 0 &&
    expect_text "$tmp/bad_rows.err" "--header-rows" && echo "ok   --header-rows 0 refused"

# `import` reads a CSV as --data is read. GBK: refused without --encoding, and with it the draft
# equals the draft of the same text in UTF-8 (converted here by iconv); Qualtrics: its three
# header rows are detected, and the drafted schema scores the export as base.csv.
expect_exit 2 import_gbk_plain "$cli" import "$dir/gbk.csv" --schema-out "$tmp/draft_gbk0.json" &&
    expect_text "$tmp/import_gbk_plain.err" "it looks like GBK/GB18030" "--encoding gbk" && echo "ok   import: GBK named"
mkdir -p "$tmp/utf8"
iconv -f GBK -t UTF-8 "$dir/gbk.csv" >"$tmp/utf8/gbk.csv"
expect_exit 0 import_gbk "$cli" import "$dir/gbk.csv" --encoding gbk --schema-out "$tmp/draft_gbk.json"
expect_exit 0 import_gbk_utf8 "$cli" import "$tmp/utf8/gbk.csv" --schema-out "$tmp/draft_gbk_utf8.json"
check "import: GBK drafts as its UTF-8 text" cmp -s "$tmp/draft_gbk.json" "$tmp/draft_gbk_utf8.json"
expect_text "$tmp/draft_gbk.json" '"region"' '"Q3"'
expect_exit 0 import_q "$cli" import "$dir/qualtrics.csv" --schema-out "$tmp/draft_q.json" &&
    expect_text "$tmp/import_q.out" "(CSV (qualtrics), 12 respondents)" "kept as metadata, not items: StartDate, EndDate, Status"
expect_text "$tmp/draft_q.json" "How satisfied are you with the staff?"
score_of score_qdraft_base "$tmp/draft_q.json" "$dir/base.csv"
score_of score_qdraft_q "$tmp/draft_q.json" "$dir/qualtrics.csv"
check "the Qualtrics draft scores its export as base.csv" cmp -s "$tmp/score_qdraft_base.json" "$tmp/score_qdraft_q.json"
expect_exit 0 import_q1 "$cli" import "$dir/qualtrics.csv" --header-rows 1 --schema-out "$tmp/draft_q1.json" &&
    expect_text "$tmp/import_q1.out" "(CSV, 14 respondents)" && echo "ok   import: --header-rows forces the rows"

# A broken workbook handed over as CSV: told by its first bytes, it goes to the Excel reader
# (whatever its name), which says what it expected.
printf 'PK\003\004\024\000\000\000[Content_Types].xml' >"$tmp/book.csv"
expect_exit 2 xlsx "$cli" validate --schema "$dir/schema.json" --data "$tmp/book.csv" &&
    expect_text "$tmp/xlsx.err" "not a readable zip archive" "Excel .xlsx workbook" && echo "ok   xlsx named"

# 99 in 12% of the rows: the hint names the code, its share and the schema key.
{
    echo "Q1,Q2,Q3,region"
    for i in $(seq 1 100); do if [ $((i % 8)) -eq 0 ]; then echo "99,1,1,x"; else echo "4,1,1,x"; fi; done
} >"$tmp/codes.csv"
expect_exit 2 codes "$cli" validate --schema "$dir/schema.json" --data "$tmp/codes.csv" &&
    expect_text "$tmp/codes.err" 'scale "sat5": hint: value 99 repeats ("Q1" 12 of 100 rows (12%))' \
        'add {"code": 99, "kind": "dont_know"}' && echo "ok   missing-code hint"

# A misspelt column: the closest names.
sed -e '1s/Q1/q_1/' "$dir/base.csv" >"$tmp/renamed.csv"
expect_exit 2 renamed "$cli" validate --schema "$dir/schema.json" --data "$tmp/renamed.csv" &&
    expect_text "$tmp/renamed.err" 'no column "Q1" in the header (expected it among the 5 columns; did you mean "q_1"?)' &&
    echo "ok   closest column"

finish
