"""csikit.Accumulator (incremental tracking, docs/streaming.md): batches added one by one, merged
states and states saved as bytes give the estimate of the whole data, to the last digit under
listwise deletion; mismatched and corrupt states raise the documented errors."""

from __future__ import annotations

import pathlib

import numpy as np
import pandas as pd
import pytest

import csikit

SHARED = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "ecsi"
if not SHARED.is_dir():
    SHARED = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ecsi"


@pytest.fixture(scope="module")
def ecsi() -> tuple[csikit.Survey, pd.DataFrame]:
    if not (SHARED / "mobi.csv").is_file():
        pytest.skip("../shared/data/ecsi not beside the checkout")
    return csikit.load_survey(str(SHARED / "schema.json")), pd.read_csv(SHARED / "mobi.csv")


def test_batches_merges_and_bytes_give_the_whole_estimate(ecsi):
    survey, frame = ecsi
    whole = csikit.Accumulator(survey).add(frame)
    a = csikit.Accumulator(survey).add(frame.iloc[:100])
    b = csikit.Accumulator(survey).add(frame.iloc[100:])
    merged = csikit.Accumulator.from_bytes(survey, b.to_bytes()).merge(csikit.Accumulator.from_bytes(survey, a.to_bytes()))
    assert merged.respondents == whole.respondents == 250
    assert merged.to_bytes() == whole.to_bytes()  # exact mode: integer answers
    report = merged.analyze()
    fit = csikit.estimate(csikit.read_responses(frame, survey))
    paths = report["tables"]["paths"]["estimate"]
    assert len(paths) == len(fit.paths) == 12
    for key, value in paths.items():
        assert value == pytest.approx(fit.paths.loc[key, "estimate"], abs=1e-12)
    summary = merged.summary()
    assert summary["mode"] == "exact" and summary["respondents"] == 250
    assert [i["id"] for i in summary["items"]] == merged.items


def test_a_path_is_streamed_into_the_same_state(ecsi, tmp_path):
    survey, frame = ecsi
    path = tmp_path / "batch.csv"
    frame.to_csv(path, index=False)
    streamed = csikit.Accumulator(survey).add(str(path))
    in_memory = csikit.Accumulator(survey).add(frame)
    assert streamed.respondents == in_memory.respondents == 250
    assert streamed.summary()["items"] == in_memory.summary()["items"]
    assert streamed.analyze()["paths"] == in_memory.analyze()["paths"]
    with pytest.raises(ValueError, match="out_of_scale"):
        streamed.add(str(path), out_of_scale="sometimes")


def test_the_state_gives_the_in_memory_indices_and_intervals(ecsi):
    survey, frame = ecsi
    state = csikit.Accumulator(survey).add(frame).analyze()
    data = csikit.read_responses(frame, survey)
    ref = csikit.indices(csikit.estimate(data))
    got = {c["construct"]: c for c in state["indices"]}
    assert len(got) == len(ref.table) == 7
    for cid, row in ref.table.iterrows():
        assert got[cid]["index"] == pytest.approx(row["index"], abs=1e-9)
        assert got[cid]["ci_low"] == pytest.approx(row["ci_low"], abs=1e-9)


def test_bad_states_are_refused(ecsi):
    survey, frame = ecsi
    acc = csikit.Accumulator(survey).add(frame.iloc[:50])
    cut = acc.to_bytes()[:100]
    with pytest.raises(csikit.ParseError, match="truncated"):
        csikit.Accumulator.from_bytes(survey, cut)
    bank = pathlib.Path(__file__).resolve().parents[2] / "examples" / "bank_branch"
    other = csikit.Accumulator(csikit.load_survey(str(bank / "schema.json")))
    with pytest.raises(csikit.DataError, match="same items"):
        acc.merge(other)
    with pytest.raises(csikit.DataError):
        csikit.Accumulator.from_bytes(survey, other.to_bytes())
    with pytest.raises(csikit.DataError, match="use_weights"):
        acc.merge(csikit.Accumulator(survey, use_weights=False))
    with pytest.raises(ValueError, match="missing"):
        acc.analyze(missing="sometimes")
