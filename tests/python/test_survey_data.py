"""Loading schemas and responses: every source form, DataFrame in/out, errors by class."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import csikit


def test_survey_properties(survey: csikit.Survey) -> None:
    assert survey.name.startswith("ECSI")
    assert len(survey.items) == 24 and survey.items[0] == "IMAG1"
    assert list(survey.constructs) == ["IMAG", "CUEX", "PERQ", "PERV", "CUSA", "CUSCO", "CUSL"]
    assert survey.constructs["PERV"] == ["PERV1", "PERV2"]
    assert ("CUSA", "CUSL") in survey.paths and len(survey.paths) == 12
    assert survey.scales["ten"]["max"] == 10
    assert survey.weight_column is None
    assert "24 items" in repr(survey)


def test_survey_from_text_dict_and_path_agree(survey: csikit.Survey, ecsi_schema) -> None:
    text = ecsi_schema.read_text()
    from_text = csikit.load_survey(text)
    from_dict = csikit.load_survey(json.loads(text))
    from_str_path = csikit.load_survey(str(ecsi_schema))
    for s in (from_text, from_dict, from_str_path):
        assert s.to_dict() == survey.to_dict()
    assert csikit.load_survey(survey) is survey
    assert csikit.load_survey(survey.to_json()).to_dict() == survey.to_dict()  # round trip


@pytest.mark.parametrize(
    ("source", "cls", "base"),
    [
        ("{ not json", csikit.ParseError, ValueError),
        ('{"scales": [{"id": "s", "min": 1, "max": 5}], "items": [{"id": "Q1", "scale": "nope"}]}',
         csikit.SchemaError, ValueError),
        ("/nonexistent/schema.json", csikit.IoError, OSError),
    ],
)
def test_survey_errors_map_to_classes(source: str, cls: type, base: type) -> None:
    with pytest.raises(cls) as info:
        csikit.load_survey(source)
    assert isinstance(info.value, csikit.Error) and isinstance(info.value, base)
    assert info.value.problems and all(isinstance(p, tuple) and len(p) == 2 for p in info.value.problems)
    assert info.value.kind == cls.__name__.replace("Error", "").lower()


def test_schema_error_lists_every_problem() -> None:
    bad = {"scales": [{"id": "s", "min": 1, "max": 5}],
           "items": [{"id": "Q1", "scale": "nope"}, {"id": "Q2", "scale": "gone"}]}
    with pytest.raises(csikit.SchemaError) as info:
        csikit.load_survey(bad)
    text = str(info.value)
    assert "nope" in text and "gone" in text


def test_read_csv(data: csikit.Responses, ecsi_csv) -> None:
    assert len(data) == 250
    frame = data.values
    assert isinstance(frame, pd.DataFrame) and frame.shape == (250, 24)
    assert frame.columns.name == "item" and list(frame.columns[:2]) == ["IMAG1", "IMAG2"]
    raw = pd.read_csv(ecsi_csv)
    assert np.array_equal(frame["CUSA2"].to_numpy(), raw["CUSA2"].to_numpy(dtype=float))
    assert data.summary["respondents"] == 250
    assert not data.weighted and (data.weights == 1).all()


def test_dataframe_and_numpy_give_the_same_data(survey, data, ecsi_csv) -> None:
    raw = pd.read_csv(ecsi_csv)
    raw.index = [f"r{i}" for i in range(len(raw))]
    from_frame = csikit.read_responses(raw, survey)
    assert list(from_frame.values.index[:2]) == ["r0", "r1"]  # the DataFrame's index is kept
    from_array = csikit.read_responses(raw.to_numpy(dtype=float), survey, columns=list(raw.columns))
    for other in (from_frame, from_array):
        assert np.array_equal(other.values.to_numpy(), data.values.to_numpy())


def test_data_errors(survey, ecsi_csv) -> None:
    raw = pd.read_csv(ecsi_csv)
    with pytest.raises(csikit.DataError) as info:
        csikit.read_responses(raw.drop(columns=["PERQ3"]), survey)
    assert "PERQ3" in str(info.value)
    off = raw.copy()
    off.loc[3, "CUEX1"] = 42
    with pytest.raises(csikit.DataError, match="CUEX1"):
        csikit.read_responses(off, survey)
    relaxed = csikit.read_responses(off, survey, out_of_scale="missing")
    assert np.isnan(relaxed.values.loc[3, "CUEX1"]) and relaxed.summary["out_of_scale"] == 1
    with pytest.raises(csikit.DataError):
        csikit.read_responses(raw.assign(CUSA1="x"), survey)
    with pytest.raises(csikit.IoError):
        csikit.read_responses("/nonexistent.csv", survey)
    with pytest.raises(ValueError, match="columns"):
        csikit.read_responses(raw.to_numpy(), survey)


def test_missing_answers_become_nan(survey, ecsi_csv) -> None:
    raw = pd.read_csv(ecsi_csv).astype(float)
    raw.iloc[0, 0] = np.nan
    d = csikit.read_responses(raw, survey)
    assert np.isnan(d.values.loc[0, raw.columns[0]])
