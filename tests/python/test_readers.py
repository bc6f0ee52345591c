"""readers: SPSS/Stata/Excel files read from Python by path, and csikit.draft_schema.

The fixtures are written by tests/data/readers/make_fixtures.py; one .sav is also written here
with pyreadstat (when installed) to read a file no other test has seen.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import csikit

DIR = Path(__file__).resolve().parents[1] / "data" / "readers"


def _survey():
    return csikit.load_survey(str(DIR / "shop.json"))


@pytest.mark.parametrize("name", ["shop.sav", "shop.zsav", "shop.dta", "shop_wjx.xlsx", "shop_labels.xlsx"])
def test_labelled_files_read_as_the_csv(name):
    s = _survey()
    csv = csikit.read_responses(str(DIR / "shop.csv"), s)
    other = csikit.read_responses(str(DIR / name), s)
    a, b = np.array(csv.values, dtype=float), np.asarray(other.values)
    if name == "shop.dta":  # one cell of q1 is Stata's .a there, 4 in the CSV
        a[9, 0] = np.nan
    np.testing.assert_array_equal(a, b)


def test_draft_schema_from_sav_validates_and_scores_the_same(tmp_path):
    d = csikit.draft_schema(DIR / "shop.sav", language="zh")
    assert d["format"] == "SPSS .sav"
    assert d["schema"]["weight_column"] == "wt"
    assert d["schema"]["segment_columns"] == ["region"]
    kinds = {m["code"]: m["kind"] for m in d["schema"]["scales"][0]["missing"]}
    assert kinds == {97: "not_applicable", 98: "dont_know", 99: "refused"}
    assert any(n["kind"] == "check" for n in d["notes"])
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(d["schema"], ensure_ascii=False), encoding="utf-8")
    drafted = csikit.load_survey(str(path))
    r1 = csikit.read_responses(str(DIR / "shop.sav"), drafted)
    r0 = csikit.read_responses(str(DIR / "shop.csv"), _survey())
    np.testing.assert_array_equal(np.asarray(r1.values), np.asarray(r0.values))


def test_draft_schema_from_xlsx_keeps_wjx_metadata():
    d = csikit.draft_schema(DIR / "shop_wjx.xlsx")
    assert d["metadata_columns"] == ["序号", "提交答卷时间", "所用时间"]
    assert [i["id"] for i in d["schema"]["items"]] == ["q1", "q2", "q3", "q4", "wait", "recommend"]


def test_draft_schema_errors():
    with pytest.raises(csikit.ArgumentError):
        csikit.draft_schema(DIR / "shop.sav", language="fr")
    with pytest.raises(csikit.IoError):
        csikit.draft_schema(DIR / "missing.sav")


def test_a_sav_written_here(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    import pandas as pd

    df = pd.DataFrame({"q1": [1.0, 5.0, 98.0, 3.0], "q2": [2.0, 4.0, 4.0, 99.0]})
    path = tmp_path / "x.sav"
    pyreadstat.write_sav(df, str(path), variable_value_labels={"q1": {1: "bad", 5: "good", 98: "don't know"},
                                                             "q2": {1: "bad", 5: "good", 99: "refused"}},
                         missing_ranges={"q1": [98], "q2": [99]})
    d = csikit.draft_schema(path)
    (tmp_path / "s.json").write_text(json.dumps(d["schema"]), encoding="utf-8")
    r = csikit.read_responses(str(path), csikit.load_survey(str(tmp_path / "s.json")))
    v = np.asarray(r.values)
    assert v[0, 0] == 1 and np.isnan(v[2, 0]) and np.isnan(v[3, 1])


PLATFORMS = Path(__file__).resolve().parents[1] / "data" / "platforms"


def test_read_responses_sheet_picks_the_excel_sheet():
    s = _survey()
    csv = csikit.read_responses(str(DIR / "shop.csv"), s)
    first = csikit.read_responses(str(DIR / "shop_wjx.xlsx"), s, sheet="Sheet1")
    np.testing.assert_array_equal(np.asarray(first.values), np.asarray(csv.values))
    with pytest.raises(csikit.DataError):  # the notes sheet holds no items
        csikit.read_responses(str(DIR / "shop_wjx.xlsx"), s, sheet="说明")
    with pytest.raises(csikit.ArgumentError, match='no sheet "nope"'):
        csikit.read_responses(str(DIR / "shop_wjx.xlsx"), s, sheet="nope")
    with pytest.raises(ValueError, match="sheet="):
        csikit.read_responses(np.zeros((1, 1)), s, columns=["q1"], sheet="Sheet1")
    with pytest.raises(TypeError, match="sheet="):
        csikit.read_responses(str(DIR / "shop_wjx.xlsx"), s, sheet=1)


def test_draft_schema_reads_csv_with_encoding_and_platform_rows(tmp_path):
    # GBK: the same draft as the file's text re-encoded as UTF-8 (by Python's own codec).
    with pytest.raises(csikit.ParseError, match="GBK"):
        csikit.draft_schema(PLATFORMS / "gbk.csv")
    gbk = csikit.draft_schema(PLATFORMS / "gbk.csv", encoding="gbk")
    (tmp_path / "gbk.csv").write_text((PLATFORMS / "gbk.csv").read_bytes().decode("gbk"), encoding="utf-8")
    assert gbk == csikit.draft_schema(tmp_path / "gbk.csv")
    assert "region" in gbk["schema"]["segment_columns"]
    # Qualtrics: three header rows detected; the question row gives the item texts; the drafted
    # schema reads the export as it reads base.csv (the same answers, make_fixtures.py).
    q = csikit.draft_schema(PLATFORMS / "qualtrics.csv")
    assert q["format"] == "CSV (qualtrics)" and q["respondents"] == 12
    texts = {i["id"]: i.get("text", {}).get("en") for i in q["schema"]["items"]}
    assert texts["Q3"] == "How satisfied are you with the waiting time?"
    path = tmp_path / "q.json"
    path.write_text(json.dumps(q["schema"]), encoding="utf-8")
    drafted = csikit.load_survey(str(path))
    a = csikit.read_responses(str(PLATFORMS / "qualtrics.csv"), drafted)
    b = csikit.read_responses(str(PLATFORMS / "base.csv"), drafted)
    np.testing.assert_array_equal(np.asarray(a.values), np.asarray(b.values))
    assert csikit.draft_schema(PLATFORMS / "qualtrics.csv", header_rows=1)["respondents"] == 14
    with pytest.raises(ValueError, match="header_rows"):
        csikit.draft_schema(PLATFORMS / "qualtrics.csv", header_rows=0)
