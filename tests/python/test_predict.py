"""csikit.predict / Fit.predict: DataFrames of PLSpredict and CVPAT, leave-one-out against seminr
2.3.4 (1e-8), thread invariance, a second model, typed errors."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

import csikit


@pytest.fixture(scope="module")
def fit(ecsi_schema, ecsi_csv):
    s = csikit.load_survey(ecsi_schema)
    return csikit.estimate(csikit.read_responses(ecsi_csv, s))


def test_loo_matches_seminr(fit, shared):
    p = fit.predict(folds="loo")
    assert isinstance(p.items, pd.DataFrame) and len(p.items) == 19
    ref = {r["item"]: r for r in csv.DictReader(open(shared / "ecsi" / "reference" /
                                                     "seminr_ecsi_mobi_plspredict_DA_loo_items.csv"))}
    for item, row in p.items.iterrows():
        assert abs(row["rmse"] - float(ref[item]["PLS_OOS_RMSE"])) < 1e-8
        assert abs(row["lm_rmse"] - float(ref[item]["LM_OOS_RMSE"])) < 1e-8
        assert abs(row["q2_predict"] - float(ref[item]["Q2_predict"])) < 1e-8
        assert abs(row["is_mae"] - float(ref[item]["PLS_IS_MAE"])) < 1e-8
    assert set(p.constructs.index) == {"CUEX", "PERQ", "PERV", "CUSA", "CUSCO", "CUSL"}
    assert p.power in {"none", "low", "medium", "high"}
    assert p.to_dict()["leave_one_out"] is True


def test_threads_and_cvpat(fit):
    a = csikit.predict(fit, folds=5, repeats=2, seed=3, threads=1, cvpat=True)
    b = csikit.predict(fit, folds=5, repeats=2, seed=3, threads=2, cvpat=True)
    pd.testing.assert_frame_equal(a.items, b.items)
    assert list(a.cvpat.index) == ["IA", "LM"]
    assert a.cvpat.loc["IA", "t"] > 0


def test_compare_models(fit, ecsi_schema):
    small = fit.model
    small["paths"] = [p for p in small["paths"] if not (p["from"] == "CUEX" and p["to"] == "CUSA")]
    p = fit.predict(repeats=1, approach="earliest", compare=small)
    assert list(p.cvpat.index) == ["model2"]
    assert p.cvpat.loc["model2", "df"] == 249


def test_errors(fit):
    with pytest.raises(csikit.ArgumentError, match="folds"):
        fit.predict(folds=1000)
    with pytest.raises(csikit.ArgumentError, match="approach"):
        fit.predict(approach="sideways")
    with pytest.raises(csikit.ArgumentError):
        fit.predict(seed=-1)
