#!/usr/bin/env python3
"""Writes the platform and encoding fixtures of tests/data/platforms from one table of answers,
so that every file holds the same responses (tests/cli/test_platforms.sh, test_encodings.cpp,
tests/python/test_arrow.py). Layouts follow each platform's documented export shape
(docs/data.md, "Platform exports"); the question texts and values are our own.

    python3 make_fixtures.py   # rewrites the files next to it
"""
import json
import pathlib

here = pathlib.Path(__file__).parent

# id, Q1, Q2, Q3, region; None = no answer, 98 = don't know
rows = [
    (1, 5, 4, 3, "华东"), (2, 4, None, 98, "华北"), (3, 5, 2, 1, "华东"), (4, 3, 3, 3, "华南"),
    (5, 2, 1, 2, "华北"), (6, 1, 5, 4, "华南"), (7, 4, 4, 5, "华东"), (8, 98, 3, 2, "华北"),
    (9, 5, 5, 5, "华南"), (10, 3, 2, None, "华东"), (11, 4, 3, 4, "华北"), (12, 2, 4, 3, "华南"),
]
zh = {5: "非常满意", 4: "比较满意", 3: "一般", 2: "不太满意", 1: "很不满意", 98: "不知道"}
en = {5: "Very satisfied", 4: "Satisfied", 3: "Neutral", 2: "Dissatisfied", 1: "Very dissatisfied",
      98: "Don't know"}


def cell(v, labels=None):
    if v is None:
        return ""
    return labels[v] if labels else str(v)


def q(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s


def write(name, lines, encoding="utf-8", bom=b""):
    (here / name).write_bytes(bom + ("\r\n".join(lines) + "\r\n").encode(encoding))


# The plain UTF-8 CSV every other file must equal.
write("base.csv", ["id,Q1,Q2,Q3,region"] + [f"{i},{cell(a)},{cell(b)},{cell(c)},{r}" for i, a, b, c, r in rows])

# The same in GBK, as a Chinese Excel saves it, with Q1 as label text (非常满意 ...).
write("gbk.csv", ["编号,Q1,Q2,Q3,region"] + [f"{i},{cell(a, zh)},{cell(b)},{cell(c)},{r}" for i, a, b, c, r in rows],
      encoding="gbk")

# UTF-16LE with a byte-order mark, tab-separated (as Qualtrics' TSV export and Excel's
# "Unicode text" are).
write("utf16.tsv", ["id\tQ1\tQ2\tQ3\tregion"] +
      [f"{i}\t{cell(a)}\t{cell(b)}\t{cell(c)}\t{r}" for i, a, b, c, r in rows], encoding="utf-16-le", bom=b"\xff\xfe")

# Qualtrics: row 1 the column ids, row 2 the question text, row 3 ImportId JSON; metadata
# columns first; Q1 exported as choice text, the rest as numeric values.
meta = ["StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
        "ResponseId"]
meta_text = ["Start Date", "End Date", "Response Type", "Progress", "Duration (in seconds)", "Finished",
             "Recorded Date", "Response ID"]
meta_ids = ['{"ImportId":"startDate","timeZone":"America/Denver"}', '{"ImportId":"endDate","timeZone":"America/Denver"}',
            '{"ImportId":"status"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}', '{"ImportId":"finished"}',
            '{"ImportId":"recordedDate","timeZone":"America/Denver"}', '{"ImportId":"_recordId"}']
head = meta + ["Q1", "Q2", "Q3", "region"]
text = meta_text + ["Overall, how satisfied are you with us?", "How satisfied are you with the staff?",
                    "How satisfied are you with the waiting time?", "Your region"]
ids = meta_ids + ['{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3"}', '{"ImportId":"QID4_TEXT"}']
body = []
for i, a, b, c, r in rows:
    m = [f"2026-03-0{1 + i % 9} 10:00:00", f"2026-03-0{1 + i % 9} 10:0{i % 10}:00", "IP Address", "100",
         str(60 + i), "True", f"2026-03-0{1 + i % 9} 10:0{i % 10}:01", f"R_{i:015d}"]
    body.append(",".join(q(x) for x in m + [cell(a, en), cell(b), cell(c), r]))
write("qualtrics.csv", [",".join(q(x) for x in head), ",".join(q(x) for x in text), ",".join(q(x) for x in ids)] + body)

# SurveyMonkey: row 1 the question (blank over a matrix question's further columns), row 2
# the sub-labels ("Response" for a single answer, the matrix rows' labels).
sm1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
       "Last Name", "Custom Data 1", "Overall, how satisfied are you with us?", "How satisfied are you with:", "",
       "Your region"]
sm2 = [""] * 9 + ["Response", "The staff", "The waiting time", "Open-Ended Response"]
body = []
for i, a, b, c, r in rows:
    m = [str(11400000000 + i), "400000001", "03/01/2026 10:00:00 AM", "03/01/2026 10:05:00 AM", "192.0.2.1", "", "",
         "", ""]
    body.append(",".join(q(x) for x in m + [cell(a, en), cell(b, en), cell(c, en), r]))
write("surveymonkey.csv", [",".join(q(x) for x in sm1), ",".join(q(x) for x in sm2)] + body)

# wjx (问卷星) "按选项文本" CSV: 序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP first, then
# "N、question" columns holding the option text; (跳过) for a skipped question.
wj = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您对我们的总体满意度",
      "2、您对员工的满意度", "3、您对等候时间的满意度", "4、您所在的地区"]
body = []
for i, a, b, c, r in rows:
    m = [str(i), f"2026/3/{i} 10:00:00", f"{60 + i}秒", "手机提交", "直接访问", "192.0.2.1(上海-上海)"]
    body.append(",".join(m + [zh[a] if a else "(跳过)", zh[b] if b else "(跳过)", zh[c] if c else "(跳过)", r]))
write("wjx.csv", [",".join(wj)] + body)

scale = {"id": "sat5", "min": 1, "max": 5,
         "values": [{"value": v, "label": {"zh": zh[v], "en": en[v]}} for v in (5, 4, 3, 2, 1)],
         "missing": [{"code": 98, "kind": "dont_know", "label": {"zh": zh[98], "en": en[98]}}]}


def schema(columns, region):
    return {"name": "platform fixtures", "languages": ["zh", "en"], "scales": [scale],
            "items": [{"id": f"Q{k}", "scale": "sat5", **({"column": columns[k - 1]} if columns else {})}
                      for k in (1, 2, 3)],
            "segment_columns": [region]}


(here / "schema.json").write_text(json.dumps(schema(None, "region"), ensure_ascii=False, indent=1) + "\n")
(here / "surveymonkey_schema.json").write_text(json.dumps(schema(
    ["Overall, how satisfied are you with us?", "How satisfied are you with: - The staff",
     "How satisfied are you with: - The waiting time"], "Your region"), ensure_ascii=False, indent=1) + "\n")
(here / "wjx_schema.json").write_text(json.dumps(schema(wj[6:9], wj[9]), ensure_ascii=False, indent=1) + "\n")
