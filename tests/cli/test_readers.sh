#!/usr/bin/env bash
# readers: SPSS/Stata/Excel files on every --data command, `csikit import`, hostile workbooks.
. "$(dirname "$0")/lib.sh" "$@"
d=$src/tests/data/readers

# score from .sav, .zsav, .dta and .xlsx equals score from the equivalent CSV (source aside).
# (A drafted schema names its scales itself, "scale_1_5": the "scale" ids are left out too.)
# strip_source FILE [KEY...]: the JSON without those keys either.
strip_source() {
    python3 - "$@" <<'PY'
import json, sys
drop = {"source", "settings", "scale", *sys.argv[2:]}
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k not in drop}
    return [strip(v) for v in x] if isinstance(x, list) else x
print(json.dumps(strip(json.load(open(sys.argv[1]))), sort_keys=True))
PY
}
expect_exit 0 score_csv -- "$cli" score --schema "$d/shop.json" --data "$d/shop.csv" --by region --json
strip_source "$tmp/score_csv.out" >"$tmp/csv.json"
for f in shop.sav shop.zsav shop_wjx.xlsx shop_labels.xlsx; do
    expect_exit 0 "score_$f" -- "$cli" score --schema "$d/shop.json" --data "$d/$f" --by region --json
    strip_source "$tmp/score_$f.out" >"$tmp/$f.json"
    check "score $f = score csv" cmp -s "$tmp/csv.json" "$tmp/$f.json"
done
expect_exit 0 validate_sav -- "$cli" validate --schema "$d/shop.json" --data "$d/shop.sav"
expect_text "$tmp/validate_sav.out" "respondents  60 (weighted"

# import: the drafted schema validates and gives the same scores as the hand-written one.
expect_exit 0 import_sav -- "$cli" import "$d/shop.sav" --schema-out "$tmp/draft_sav.json" --lang zh
expect_text "$tmp/import_sav.out" "权重         wt" "分组列       region" "请核对："
expect_exit 0 validate_draft -- "$cli" validate --schema "$tmp/draft_sav.json" --data "$d/shop.sav"
expect_exit 0 score_draft_sav -- "$cli" score --schema "$tmp/draft_sav.json" --data "$d/shop.sav" --by region --json
strip_source "$tmp/score_draft_sav.out" >"$tmp/draft_sav_score.json"
check "draft from .sav scores as the hand-written schema" cmp -s "$tmp/csv.json" "$tmp/draft_sav_score.json"
expect_exit 0 import_xlsx -- "$cli" import "$d/shop_wjx.xlsx" --schema-out "$tmp/draft_x.json" --json
expect_text "$tmp/import_xlsx.out" '"metadata_columns": [' '"序号"' '"提交答卷时间"' '"所用时间"'
expect_exit 0 score_draft_x -- "$cli" score --schema "$tmp/draft_x.json" --data "$d/shop_wjx.xlsx" --by region --json
# An .xlsx has no labels: the draft's numbers are the hand-written schema's, its labels and
# missing kinds are what the notes ask the analyst to add.
strip_source "$tmp/score_draft_x.out" label codes_by_kind >"$tmp/draft_x_score.json"
strip_source "$tmp/score_csv.out" label codes_by_kind >"$tmp/csv_nolabels.json"
check "draft from .xlsx scores as the hand-written schema" cmp -s "$tmp/csv_nolabels.json" "$tmp/draft_x_score.json"
expect_exit 0 import_csv -- "$cli" import "$d/shop.csv" --schema-out "$tmp/draft_c.json"
expect_text "$tmp/import_csv.out" "value 98 stands apart from 1..5"
expect_exit 0 import_labels -- "$cli" import "$d/shop_labels.xlsx" --schema-out "$tmp/draft_l.json"
expect_text "$tmp/import_labels.out" "q2: holds answers as text"
expect_exit 2 import_no_out -- "$cli" import "$d/shop.sav"
expect_exit 2 import_bad_lang -- "$cli" import "$d/shop.sav" --schema-out "$tmp/x.json" --lang fr
expect_exit 2 sheet_unknown -- "$cli" import "$d/shop_wjx.xlsx" --schema-out "$tmp/x.json" --sheet nope
expect_text "$tmp/sheet_unknown.err" 'no sheet "nope" in the workbook (expected one of "Sheet1", "说明")'

# --tables-out: one CSV per table in a folder, one sheet per table in .xlsx, numbers in full.
ecsi=$shared/ecsi
expect_exit 0 tables_csv -- "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --tables-out "$tmp/tables/" --json
for t in paths indicators htmt fornell_larcker f2 impacts indices sample info; do
    check "table $t.csv" test -s "$tmp/tables/$t.csv"
done
expect_exit 0 tables_xlsx -- "$cli" analyze --schema "$ecsi/schema.json" --data "$ecsi/mobi.csv" --tables-out "$tmp/tables.xlsx"
check "tables: full precision, same numbers as the JSON" python3 - "$tmp/tables_csv.out" "$tmp/tables/paths.csv" "$tmp/tables.xlsx" <<'PY'
import csv, json, sys, openpyxl
j = json.load(open(sys.argv[1]))
want = [(p["from"], p["to"], p["estimate"]) for p in j["paths"]]
rows = list(csv.DictReader(open(sys.argv[2])))
assert [(r["from"], r["to"], float(r["estimate"])) for r in rows] == want, "csv"
ws = openpyxl.load_workbook(sys.argv[3])["paths"]
got = [tuple(c.value for c in r) for r in ws.iter_rows(min_row=2)]
# libxlsxwriter (as Debian builds it) writes 16 significant digits: equal to 1e-15 relative.
assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in want], "xlsx names"
assert all(abs(c - w) <= 1e-15 * abs(w) for (_, _, c), (_, _, w) in zip(got, want)), "xlsx numbers"
PY
expect_exit 0 tables_score -- "$cli" score --schema "$d/shop.json" --data "$d/shop.sav" --by region --tables-out "$tmp/score.xlsx"
check "score tables" test -s "$tmp/score.xlsx"
expect_exit 2 tables_bad -- "$cli" score --schema "$d/shop.json" --data "$d/shop.sav" --tables-out /proc/nope/x.xlsx

# Hostile workbooks: refused with an error naming the limit, in bounded memory.
python3 - "$tmp" <<'PY'
import sys, zipfile
t = sys.argv[1]
def book(name, sheet_xml, big=None):
    with zipfile.ZipFile(f"{t}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        if big:
            with z.open("xl/worksheets/sheet1.xml", "w") as f:
                f.write(b"<worksheet><sheetData>")
                chunk = b" " * (1 << 20)
                for _ in range(big):
                    f.write(chunk)
                f.write(b"</sheetData></worksheet>")
        else:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
book("bomb.xlsx", None, big=300)  # 300 MiB of spaces: about 300 KB compressed
book("deep.xlsx", "<worksheet><sheetData>" + "<x>" * 100000 + "</x>" * 100000 + "</sheetData></worksheet>")
cells = "".join(f'<c><v>{i}</v></c>' for i in range(20000))
book("wide.xlsx", f'<worksheet><sheetData><row r="1">{cells}</row></sheetData></worksheet>')
book("far.xlsx", '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>')
PY
expect_exit 2 bomb -- "$cli" score --schema "$d/shop.json" --data "$tmp/bomb.xlsx"
expect_text "$tmp/bomb.err" "max_xlsx_part_bytes"
expect_exit 2 deep -- "$cli" score --schema "$d/shop.json" --data "$tmp/deep.xlsx"
expect_text "$tmp/deep.err" "max_xlsx_xml_depth"
expect_exit 2 wide -- "$cli" score --schema "$d/shop.json" --data "$tmp/wide.xlsx"
expect_text "$tmp/wide.err" "max_xlsx_columns"
expect_exit 2 far -- "$cli" import "$tmp/far.xlsx" --schema-out "$tmp/x.json"
printf '$FL2 broken' >"$tmp/broken.sav"
expect_exit 2 broken_sav -- "$cli" score --schema "$d/shop.json" --data "$tmp/broken.sav"
expect_text "$tmp/broken_sav.err" "cannot read the SPSS file"
finish
