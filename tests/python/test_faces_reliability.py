"""Issue-11 regressions of the Python face: weights that were ignored (4), the integer rule of
seed/threads/counts (9), the JSON indent (2), dates and NaT in a DataFrame and segments of an
array (18), pickling and deep copies (19)."""

from __future__ import annotations

import copy
import json
import multiprocessing
import pickle

import numpy as np
import pandas as pd
import pytest

import csikit


@pytest.fixture(scope="module")
def weighted_survey(ecsi_schema) -> csikit.Survey:
    doc = json.loads(ecsi_schema.read_text())
    doc["weight_column"] = "w"
    return csikit.load_survey(doc)


@pytest.fixture(scope="module")
def segment_survey(ecsi_schema) -> csikit.Survey:
    doc = json.loads(ecsi_schema.read_text())
    doc["segment_columns"] = ["region"]
    return csikit.load_survey(doc)


@pytest.fixture(scope="module")
def raw(ecsi_csv) -> pd.DataFrame:
    return pd.read_csv(ecsi_csv)


# ---- 4: weights ---------------------------------------------------------------------------

def _weights(n: int) -> np.ndarray:
    return np.where(np.arange(n) % 3 == 0, 3.0, 1.0)


def test_dataframe_weights_argument_is_used(survey, raw) -> None:
    w = _weights(len(raw))
    d = csikit.read_responses(raw, survey, weights=w)
    assert d.weighted and np.array_equal(d.weights.to_numpy(), w)
    plain = csikit.read_responses(raw, survey)
    assert csikit.estimate(d).paths.loc[("IMAG", "CUEX"), "estimate"] != \
        csikit.estimate(plain).paths.loc[("IMAG", "CUEX"), "estimate"]
    same = csikit.read_responses(raw.to_numpy(dtype=float), survey, columns=list(raw.columns), weights=w)
    assert np.array_equal(same.weights.to_numpy(), w)


def test_weights_argument_overrides_the_weight_column(weighted_survey, raw) -> None:
    w = _weights(len(raw))
    d = csikit.read_responses(raw.assign(w=1.0), weighted_survey, weights=w)
    assert np.array_equal(d.weights.to_numpy(), w)


@pytest.mark.parametrize("form", ["frame", "array"])
def test_all_zero_weights_are_an_error_naming_the_weights(survey, raw, form) -> None:
    zeros = np.zeros(len(raw))
    with pytest.raises(csikit.DataError, match="weights are zero"):
        if form == "frame":
            csikit.read_responses(raw, survey, weights=zeros)
        else:
            csikit.read_responses(raw.to_numpy(dtype=float), survey, columns=list(raw.columns), weights=zeros)


def test_no_weights_given_names_the_keyword(weighted_survey, raw) -> None:
    with pytest.raises(csikit.DataError, match=r"no weights given.*weights=") as info:
        csikit.read_responses(raw, weighted_survey)
    assert "'w'" in str(info.value)
    with pytest.raises(csikit.DataError, match=r"weights="):
        csikit.read_responses(raw.to_numpy(dtype=float), weighted_survey, columns=list(raw.columns))


def test_csv_source_refuses_weights_instead_of_ignoring_them(survey, ecsi_csv) -> None:
    with pytest.raises(ValueError, match="weights= with a CSV file"):
        csikit.read_responses(ecsi_csv, survey, weights=[1.0] * 250)


# ---- 9: integers ----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 2**64 - 1, np.uint64(2**64 - 1)])
def test_seed_accepts_both_ends(fit, seed) -> None:
    b = csikit.bootstrap(fit, resamples=2, seed=seed, threads=1, bca=False, indices=False)
    assert b.seed == int(seed)


@pytest.mark.parametrize("seed", [-1, 2**64, 1.0, "1", True, None])
def test_seed_outside_the_rule_is_a_value_error(fit, seed) -> None:
    with pytest.raises(ValueError, match=r"seed.*0\.\.2\*\*64-1"):
        csikit.bootstrap(fit, resamples=2, seed=seed)
    with pytest.raises(ValueError, match=r"seed.*0\.\.2\*\*64-1"):
        csikit.simulate({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, {("X", "Y"): 0.5}, n=10, seed=seed)


@pytest.mark.parametrize(("keyword", "value"),
                         [("threads", -1), ("threads", 1025), ("threads", 2**32 + 1), ("resamples", -1),
                          ("resamples", 2.5), ("jackknife_max", -1)])
def test_bootstrap_counts_follow_the_rule(fit, keyword, value) -> None:
    with pytest.raises(ValueError, match=keyword):
        csikit.bootstrap(fit, **{"resamples": 2, keyword: value})


def test_threads_1024_and_0_are_accepted(fit) -> None:
    for t in (0, 1024):
        assert csikit.bootstrap(fit, resamples=2, seed=1, threads=t, bca=False, indices=False).resamples == 2


@pytest.mark.parametrize("value", [0, -3, 2**31, 1.5])
def test_max_iter_is_a_positive_integer(data, value) -> None:
    with pytest.raises(ValueError, match="max_iter"):
        csikit.estimate(data, max_iter=value)


def test_sampling_counts_follow_the_rule() -> None:
    for call in (lambda: csikit.moe_proportion(-1), lambda: csikit.moe_mean(2.5, sd=1.0),
                 lambda: csikit.allocate(-10, [1, 2])):
        # The CLI's ranges (plan moe --n 1..10^15, plan allocate --total 0..10^15), no longer 0..2**64-1.
        with pytest.raises(ValueError, match=r"(n|total) .*[01]\.\.1000000000000000"):
            call()
    assert csikit.moe_proportion(np.int64(385)).n == 385


# ---- 2: JSON indent -------------------------------------------------------------------------

@pytest.mark.parametrize("indent", [65, 1025, 2**31 - 1, -2, 2.0])
def test_to_json_indent_out_of_range(fit, survey, indent) -> None:
    with pytest.raises(ValueError, match=r"indent.*-1\.\.64"):
        fit.to_json(indent=indent)
    with pytest.raises(ValueError, match=r"indent.*-1\.\.64"):
        survey.to_json(indent=indent)


def test_to_json_indent_limits_are_accepted(fit) -> None:
    assert "\0" not in fit.to_json(indent=64)
    assert json.loads(fit.to_json(indent=64)) == json.loads(fit.to_json(indent=-1))


# ---- 18: dates, NaT and segments of an array ------------------------------------------------

def test_datetime_column_names_the_column(survey, raw) -> None:
    bad = raw.assign(CUEX1=pd.Timestamp("2024-01-01"))
    with pytest.raises(csikit.DataError, match="CUEX1") as info:
        csikit.read_responses(bad, survey)
    assert "-9223372036854775808" not in str(info.value) and "datetime" in str(info.value)
    nat = raw.assign(CUEX1=pd.NaT)
    with pytest.raises(csikit.DataError, match="CUEX1"):
        csikit.read_responses(nat, survey)
    with pytest.raises(csikit.DataError, match="CUEX1"):
        csikit.read_responses(raw.assign(CUEX1=pd.Timedelta("1D")), survey)


def test_nat_in_a_column_of_numbers_is_missing(survey, raw) -> None:
    mixed = raw.astype(object)
    mixed.loc[4, "CUEX1"] = pd.NaT
    d = csikit.read_responses(mixed, survey)
    assert np.isnan(d.values.loc[4, "CUEX1"]) and d.values.loc[5, "CUEX1"] == raw.loc[5, "CUEX1"]
    mixed.loc[6, "CUEX1"] = pd.Timestamp("2024-01-01")
    with pytest.raises(csikit.DataError, match="CUEX1"):
        csikit.read_responses(mixed, survey)


def test_array_with_segments_says_how_to_pass_them(segment_survey, raw) -> None:
    values, columns = raw.to_numpy(dtype=float), list(raw.columns)
    with pytest.raises(csikit.DataError, match=r"region.*groups=") as info:
        csikit.read_responses(values, segment_survey, columns=columns)
    assert "DataFrame" in str(info.value)
    regions = ["north" if i % 2 else "south" for i in range(len(raw))]
    d = csikit.read_responses(values, segment_survey, columns=columns, groups={"region": regions})
    assert list(d.groups["region"]) == regions
    f = csikit.read_responses(raw.assign(region=regions), segment_survey)
    assert list(f.groups["region"]) == regions


# ---- 19: pickling ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def boot(fit) -> csikit.BootstrapResult:
    return csikit.bootstrap(fit, resamples=20, seed=7, threads=1)


@pytest.mark.parametrize("clone", [lambda x: pickle.loads(pickle.dumps(x)), copy.deepcopy],
                         ids=["pickle", "deepcopy"])
def test_objects_round_trip(clone, survey, data, fit, boot) -> None:
    s = clone(survey)
    assert isinstance(s, csikit.Survey) and s.to_dict() == survey.to_dict()
    d = clone(data)
    assert d.values.equals(data.values) and d.weights.equals(data.weights) and d.summary == data.summary
    assert d.survey.to_dict() == survey.to_dict()
    f = clone(fit)
    assert f.paths.equals(fit.paths) and f.to_json() == fit.to_json()
    assert f.options == fit.options
    b = clone(boot)
    assert b.table.equals(boot.table) and b.seed == boot.seed
    assert b.to_dict() == boot.to_dict()  # the bootstrap still belongs to its (unpickled) fit
    assert b.fit.to_json(b) == fit.to_json(boot)


def test_pickled_fit_keeps_its_options_and_model(data) -> None:
    small = csikit.model({"IMAG": ["IMAG1", "IMAG2", "IMAG3"], "CUSA": ["CUSA1", "CUSA2", "CUSA3"]},
                         [("IMAG", "CUSA")])
    f = csikit.estimate(data, model=small, scheme="centroid", consistent=True, tolerance=1e-9)
    g = pickle.loads(pickle.dumps(f))
    assert g.construct_ids == ["IMAG", "CUSA"] and g.options == f.options and g.to_dict() == f.to_dict()


def test_survey_reaches_a_spawned_process(survey) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        assert pool.apply(repr, (survey,)) == repr(survey)


def test_compiled_handles_pickle_too(survey, data, fit) -> None:
    assert pickle.loads(pickle.dumps(survey.core)).to_json() == survey.core.to_json()
    assert np.array_equal(pickle.loads(pickle.dumps(data.core)).values, data.core.values, equal_nan=True)
    core = pickle.loads(pickle.dumps(fit.core))
    assert np.array_equal(core.paths, fit.core.paths) and core.report_json() == fit.core.report_json()
