#!/usr/bin/env python3
"""Writes the labelled-file fixtures of the reader tests (docs/data.md), all from one table:

  shop.csv        the answers as codes (the CSV route), region as its label text
  shop.sav        SPSS: value labels, user-missing 97/98/99 (and a range on `wait`), variable
                  labels, measure levels, the weight variable `wt` (WEIGHT BY)
  shop.zsav       the same, zlib-compressed
  shop.dta        Stata: value labels; 97/98/99 as plain codes, a Stata .a on one cell of `q1`
  shop_wjx.xlsx   问卷星's Excel layout: 序号, 提交答卷时间 (a date), 所用时间, then the items as codes
  shop_labels.xlsx  the same with one item (q2) downloaded as label text ("非常满意")
  shop.json       the hand-written schema these files are read with

Usage: make_fixtures.py [OUTPUT_DIR] (default: this folder). Needs pyreadstat, openpyxl, pandas.
The data are deterministic (a fixed generator), so the files are the same on every run.
"""
import datetime
import json
import pathlib
import random
import sys

import pandas as pd
import pyreadstat
from openpyxl import Workbook

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent)
out.mkdir(parents=True, exist_ok=True)
rng = random.Random(20261202)
N = 60
ITEMS = ["q1", "q2", "q3", "q4", "wait"]
TEXT = {"q1": "营业厅环境整洁", "q2": "员工服务态度", "q3": "办理速度", "q4": "收费合理", "wait": "等候时间过长"}
FIVE = {1: "非常不满意", 2: "不太满意", 3: "一般", 4: "比较满意", 5: "非常满意"}
MISSING = {97: "不适用", 98: "不知道", 99: "拒答"}
REGION = {1: "北京", 2: "上海", 3: "广州"}

rows = []
for i in range(N):
    base = rng.choice([2, 3, 4, 4, 5])
    r = {k: max(1, min(5, base + rng.choice([-1, 0, 0, 1]))) for k in ITEMS}
    r["recommend"] = max(0, min(10, 2 * base + rng.choice([-1, 0, 1])))
    r["region"] = rng.choice([1, 2, 3])
    r["wt"] = rng.choice([0.5, 1.0, 1.5, 2.0])
    rows.append(r)
# Missing answers: codes, and empty cells (system-missing).
rows[3]["q1"] = 98
rows[7]["q2"] = 99
rows[11]["q3"] = 97
rows[15]["q4"] = None
rows[19]["wait"] = 98
rows[23]["recommend"] = 99
rows[5]["q3"] = 98

df = pd.DataFrame(rows)[ITEMS + ["recommend", "region", "wt"]]
for c in ITEMS + ["recommend", "region"]:
    df[c] = df[c].astype("float64")

# CSV: codes, region as label text, empty cells for missing.
csv = df.copy()
csv["region"] = csv["region"].map(REGION)
with open(out / "shop.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write(",".join(csv.columns) + "\n")
    for _, r in csv.iterrows():
        cells = []
        for c in csv.columns:
            v = r[c]
            if isinstance(v, str):
                cells.append(v)
            elif pd.isna(v):
                cells.append("")
            elif float(v).is_integer():
                cells.append(str(int(v)))
            else:
                cells.append(repr(float(v)))
        f.write(",".join(cells) + "\n")

labels = {**{k: TEXT[k] for k in ITEMS}, "recommend": "您向朋友推荐本行的可能性", "region": "地区", "wt": "权重"}
value_labels = {k: {**FIVE, **MISSING} for k in ITEMS}
value_labels["recommend"] = {0: "完全不可能", 10: "极有可能", 99: "拒答"}
value_labels["region"] = REGION
missing_ranges = {k: [97, 98, 99] for k in ["q1", "q2", "q3", "q4"]}
missing_ranges["wait"] = [{"lo": 97, "hi": 99}]
missing_ranges["recommend"] = [99]
measures = {**{k: "ordinal" for k in ITEMS}, "recommend": "scale", "region": "nominal", "wt": "scale"}
for name, compress in (("shop.sav", False), ("shop.zsav", True)):
    pyreadstat.write_sav(df, str(out / name), column_labels=labels, variable_value_labels=value_labels,
                         missing_ranges=missing_ranges, variable_measure=measures, compress=compress,
                         file_label="网点满意度调查")
    # pyreadstat writes no WEIGHT BY: set it in the file header, whose int32 at byte 76 is the
    # 1-based case slot of the weight variable (every variable here is numeric: one slot each).
    data = bytearray((out / name).read_bytes())
    data[76:80] = (list(df.columns).index("wt") + 1).to_bytes(4, "little")
    (out / name).write_bytes(bytes(data))

dta = df.copy()
dta["q1"] = dta["q1"].astype(object)
dta.loc[9, "q1"] = "a"  # a Stata extended missing value, .a
pyreadstat.write_dta(dta, str(out / "shop.dta"), column_labels=labels,
                     variable_value_labels={k: {int(a): b for a, b in v.items()} for k, v in value_labels.items()},
                     missing_user_values={"q1": ["a"]}, file_label="shop")

def write_xlsx(path, text_q2):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["序号", "提交答卷时间", "所用时间"] + ITEMS + ["recommend", "region", "wt"])
    start = datetime.datetime(2024, 3, 1, 9, 0, 0)
    for i, (_, r) in enumerate(csv.iterrows()):
        line = [i + 1, start + datetime.timedelta(minutes=7 * i), f"{60 + i}秒"]
        for c in ITEMS + ["recommend", "region", "wt"]:
            v = r[c]
            if isinstance(v, str):
                line.append(v)
            elif pd.isna(v):
                line.append(None)
            elif text_q2 and c == "q2" and int(v) in FIVE:
                line.append(FIVE[int(v)])  # 问卷星 "按选项文本下载": the label text
            else:
                line.append(int(v) if float(v).is_integer() else float(v))
        ws.append(line)
    ws2 = wb.create_sheet("说明")
    ws2.append(["note"])
    ws2.append(["this sheet is not the data"])
    wb.save(path)


write_xlsx(out / "shop_wjx.xlsx", False)
write_xlsx(out / "shop_labels.xlsx", True)

schema = {
    "name": "网点满意度调查",
    "languages": ["zh"],
    "scales": [
        {"id": "five", "min": 1, "max": 5,
         "values": [{"value": v, "label": {"zh": l}} for v, l in FIVE.items()],
         "missing": [{"code": 97, "kind": "not_applicable", "label": {"zh": "不适用"}},
                     {"code": 98, "kind": "dont_know", "label": {"zh": "不知道"}},
                     {"code": 99, "kind": "refused", "label": {"zh": "拒答"}}]},
        {"id": "nps", "min": 0, "max": 10,
         "values": [{"value": 0, "label": {"zh": "完全不可能"}}, {"value": 10, "label": {"zh": "极有可能"}}],
         "missing": [{"code": 99, "kind": "refused", "label": {"zh": "拒答"}}]},
    ],
    "items": [{"id": k, "text": {"zh": TEXT[k]}, "scale": "five"} for k in ITEMS]
             + [{"id": "recommend", "text": {"zh": "您向朋友推荐本行的可能性"}, "scale": "nps"}],
    "weight_column": "wt",
    "segment_columns": ["region"],
    "nps_item": "recommend",
}
(out / "shop.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print("wrote fixtures to", out)
