"""Coded open answers and feedback records from Python (issue 14 item 7, docs/feedback.md):
DataFrames whose shares are recomputed here from the CSV with pandas (weighted share of
respondents and of mentions, overall, by channel and by wave; the dissatisfied's categories on
the index), the verbatims, a DataFrame input equal to the file, the CLI's JSON equal to
Python's, and the errors for a value other than 0/1 and for bad options."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import csikit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "feedback"
CATS = ["price", "delivery", "staff", "app"]


@pytest.fixture(scope="module")
def data():
    return csikit.read_responses(str(EXAMPLE / "responses.csv"), str(EXAMPLE / "schema.json"))


@pytest.fixture(scope="module")
def frame():
    return pd.read_csv(EXAMPLE / "responses.csv", keep_default_na=True)


def _shares(df: pd.DataFrame) -> pd.DataFrame:
    cols = [f"complaint_{c}" for c in CATS]
    df = df[df[cols].notna().any(axis=1)]
    named = df[cols].fillna(0).mul(df["weight"], axis=0).sum()
    named.index = CATS
    return pd.DataFrame({"share_of_respondents": named / df["weight"].sum(), "share_of_mentions": named / named.sum()})


def _index(df: pd.DataFrame) -> pd.Series:
    return ((df[["PRICE", "SPEED", "STAFF"]] - 1) / 4 * 100).mean(axis=1)


def test_frequencies_against_pandas(data, frame):
    fb = csikit.feedback(data, by="channel")
    got = fb.frequencies.loc["complaint"]
    want = _shares(frame)
    for c in CATS:
        assert got.loc[c, "share_of_respondents"] == pytest.approx(want.loc[c, "share_of_respondents"], rel=1e-12)
        assert got.loc[c, "share_of_mentions"] == pytest.approx(want.loc[c, "share_of_mentions"], rel=1e-12)
    for table, column in ((fb.by_segment, "channel"), (fb.by_wave, "wave")):
        assert sorted(table["group"].unique()) == sorted(frame[column].unique())
        for group, sub in table.groupby("group"):
            w = _shares(frame[frame[column] == group])
            for _, row in sub.iterrows():
                assert row["share_of_respondents"] == pytest.approx(w.loc[row["category"], "share_of_respondents"])


def test_dissatisfied_and_verbatims(data, frame):
    fb = csikit.feedback(data, max_verbatims=4)
    assert fb.satisfied_rule == "score >= 70"
    score = _index(frame)
    want = _shares(frame[score < 70 - 1e-9]).sort_values("share_of_respondents", ascending=False, kind="stable")
    d = fb.dissatisfied
    assert list(d["category"]) == list(want.index)
    assert d["share_dissatisfied"].tolist() == pytest.approx(want["share_of_respondents"].tolist())
    assert d["category"].iloc[0] == "delivery"  # the example's truth
    with_text = frame[frame["comment"].fillna("").str.strip() != ""]
    lowest = score[with_text.index].sort_values(kind="stable").head(4)
    assert fb.verbatims["score"].tolist() == pytest.approx(lowest.tolist())
    assert fb.verbatims["text"].tolist() == frame.loc[lowest.index, "comment"].tolist()
    assert csikit.feedback(data, verbatims=False).verbatims.empty


def test_dataframe_input_equals_file(data, frame):
    survey = csikit.load_survey(str(EXAMPLE / "schema.json"))
    from_frame = csikit.read_responses(frame, survey)
    a = csikit.feedback(from_frame).to_dict()
    b = csikit.feedback(data).to_dict()
    assert a["items"] == b["items"]
    assert [v["text"] for v in a["verbatims"]] == [v["text"] for v in b["verbatims"]]


def test_cli_json_equals_python(data, tmp_path):
    out = tmp_path / "feedback.json"
    code = csikit._core.cli.run_cli(["feedback", "--schema", str(EXAMPLE / "schema.json"), "--data",
                                     str(EXAMPLE / "responses.csv"), "--out", str(out), "--by", "channel"])
    assert code == 0
    assert json.loads(out.read_text()) == csikit.feedback(data, by="channel").to_dict()


def test_errors(tmp_path, frame, data):
    bad = frame.copy()
    bad.loc[2, "complaint_staff"] = 3
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    d = csikit.read_responses(str(path), str(EXAMPLE / "schema.json"))
    with pytest.raises(csikit.DataError, match=r"complaint_staff.*not 0 or 1"):
        csikit.feedback(d)
    with pytest.raises(csikit.ArgumentError, match="max_verbatims"):
        csikit.feedback(data, max_verbatims=0)
    with pytest.raises(csikit.ArgumentError, match="nosuch"):
        csikit.feedback(data, by="nosuch")
