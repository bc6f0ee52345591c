"""csikit.score_file: a CSV streamed chunk by chunk gives the report csikit.score gives on the
file read whole (the bank example: weights, waves, segments, NPS, missing answers)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import csikit

BANK = Path(__file__).resolve().parents[2] / "examples" / "bank_branch"


def _same(a, b, path=""):
    if isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for k in a:
            _same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(a, float):
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12), path
    else:
        assert a == b, path


@pytest.mark.parametrize("by", [None, "channel"])
def test_score_file_equals_score(by) -> None:
    survey = csikit.load_survey(BANK / "schema.json")
    whole = csikit.score(csikit.read_responses(BANK / "responses.csv", survey), by=by)
    streamed = csikit.score_file(BANK / "responses.csv", survey, by=by)
    _same(whole.to_dict(), streamed.to_dict())
    pd.testing.assert_frame_equal(whole.items, streamed.items, rtol=1e-12)
    assert streamed.to_dict()["sample"]["respondents"] == len(csikit.read_responses(BANK / "responses.csv", survey))


def test_score_file_errors_name_the_option() -> None:
    survey = csikit.load_survey(BANK / "schema.json")
    with pytest.raises(csikit.ArgumentError, match="nosuch"):
        csikit.score_file(BANK / "responses.csv", survey, by="nosuch")
    with pytest.raises(ValueError, match="out_of_scale"):
        csikit.score_file(BANK / "responses.csv", survey, out_of_scale="drop")
