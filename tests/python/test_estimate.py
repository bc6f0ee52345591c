"""PLS estimation from Python: equal to the C++ CLI's report.json bit for bit, to cSEM within
its tolerance, DataFrames with named rows and columns, errors by class."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import csikit


def _cli_report(args: list[str]) -> dict:
    """report.json from the C++ CLI: the build-tree binary when ctest passes it, and always the
    in-process CLI of `python -m csikit`."""
    out = subprocess.run([sys.executable, "-m", "csikit", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _without_version(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "csikit_version"}


def test_python_equals_cli_exactly(fit: csikit.Fit, ecsi_schema, ecsi_csv) -> None:
    args = ["analyze", "--schema", str(ecsi_schema), "--data", str(ecsi_csv), "--json"]
    mine = fit.to_dict()
    assert mine == _cli_report(args)  # python -m csikit: the same C++ in-process
    # the index-model options go through to the same document
    assert fit.to_dict(target="CUSA") == _cli_report([*args, "--target", "CUSA"])
    binary = os.environ.get("CSIKIT_CLI")
    if binary and os.path.exists(binary):
        other = json.loads(subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout)
        assert _without_version(mine) == _without_version(other)  # the separately built csikit binary


def test_dataframes_equal_the_report(fit: csikit.Fit) -> None:
    doc = fit.to_dict()
    for p in doc["paths"]:
        assert fit.paths.loc[(p["from"], p["to"]), "estimate"] == p["estimate"]  # exact, not approx
    for e in doc["indicators"]:
        row = fit.indicators.loc[e["id"]]
        assert row["construct"] == e["construct"]
        assert row["weight"] == e["weight"] and row["loading"] == e["loading"]
        assert row["mean"] == e["mean"] and row["sd"] == e["sd"]
    for c in doc["constructs"]:
        row = fit.constructs.loc[c["id"]]
        assert row["ave"] == c["ave"] and row["rho_c"] == c["rho_c"] and row["alpha"] == c["alpha"]
        if c["r2"] is None:
            assert np.isnan(row["r2"])
        else:
            assert row["r2"] == c["r2"]


def test_matches_csem(data: csikit.Responses, csem: dict) -> None:
    fit = csikit.estimate(data, tolerance=1e-10)
    for p in csem["paths"]:
        assert fit.path_matrix.loc[p["to"], p["from"]] == pytest.approx(p["coef"], abs=1e-8)
    for r in csem["rsquared"]:
        assert fit.r2[r["construct"]] == pytest.approx(r["R2"], abs=1e-8)
        assert fit.constructs.loc[r["construct"], "r2_adjusted"] == pytest.approx(r["R2_adj"], abs=1e-8)
    for w in csem["weights"]:
        assert fit.weights[w["item"]] == pytest.approx(w["weight"], abs=1e-8)
    for lo in csem["loadings"]:
        assert fit.loadings[lo["item"]] == pytest.approx(lo["loading"], abs=1e-8)


def test_frames_are_labelled(fit: csikit.Fit) -> None:
    assert fit.paths.index.names == ["from", "to"] and len(fit.paths) == 12
    assert fit.indicators.index.name == "indicator" and len(fit.indicators) == 24
    assert fit.constructs.index.name == "construct" and fit.constructs.loc["IMAG", "endogenous"] == False  # noqa: E712
    assert fit.path_matrix.index.name == "to" and fit.path_matrix.columns.name == "from"
    assert fit.path_matrix.loc["CUEX", "IMAG"] == fit.paths.loc[("IMAG", "CUEX"), "estimate"]
    assert list(fit.htmt.index) == fit.construct_ids
    assert fit.cross_loadings.shape == (24, 7)
    te = fit.total_effects
    assert te.loc[("IMAG", "CUSA")].total == pytest.approx(te.loc[("IMAG", "CUSA")].direct
                                                          + te.loc[("IMAG", "CUSA")].indirect)
    assert fit.converged and fit.iterations > 0 and 0 < fit.gof < 1


def test_summary_and_html(fit: csikit.Fit) -> None:
    text = str(fit.summary())
    assert "Paths" in text and "IMAG" in text and "Reliability" in text and "converged" in text
    assert f"{fit.paths.loc[('IMAG', 'CUEX'), 'estimate']:.3f}" in text
    html = fit._repr_html_()
    assert "<table" in html and "HTMT" in html


def test_options_and_model_argument(data: csikit.Responses, fit: csikit.Fit) -> None:
    centroid = csikit.estimate(data, scheme="centroid")
    assert centroid.to_dict()["settings"]["scheme"] == "centroid"
    assert not np.allclose(centroid.path_matrix.to_numpy(), fit.path_matrix.to_numpy())
    plsc = csikit.estimate(data, consistent=True)
    assert plsc.to_dict()["settings"]["mode"] == "plsc"
    same = csikit.estimate(data, model=data.survey.model())
    assert same.to_dict() == fit.to_dict()
    small = csikit.model({"IMAG": ["IMAG1", "IMAG2", "IMAG3"], "CUSA": ["CUSA1", "CUSA2", "CUSA3"]},
                         [("IMAG", "CUSA")])
    two = csikit.estimate(data, model=small)
    assert two.construct_ids == ["IMAG", "CUSA"] and len(two.paths) == 1
    scores = csikit.estimate(data, keep_scores=True).scores
    assert scores.shape == (250, 7) and abs(scores["CUSA"].mean()) < 1e-9


def test_preset_binds_items(data: csikit.Responses, survey: csikit.Survey) -> None:
    assert csikit.preset_names() == ["acsi", "ccsi", "ecsi"]
    info = csikit.preset("ecsi")
    assert info["name"] == "ecsi"
    ids = [c["id"] for c in info["constructs"]]
    assert ids  # the preset's own construct ids (roles), bound to our items below
    roles = {c["role"]: c["id"] for c in info["constructs"]}
    mine = {"image": "IMAG", "expectations": "CUEX", "quality": "PERQ", "value": "PERV", "satisfaction": "CUSA",
            "complaints": "CUSCO", "loyalty": "CUSL"}
    items = {roles[r]: survey.constructs[c] for r, c in mine.items() if r in roles}
    bound = csikit.preset("ecsi", items)
    f = csikit.estimate(data, model=bound)
    assert set(f.construct_ids) == set(items)


def test_estimation_errors(data: csikit.Responses) -> None:
    with pytest.raises(csikit.ArgumentError, match="scheme"):
        csikit.estimate(data, scheme="nope")
    with pytest.raises(csikit.ConvergenceError):
        csikit.estimate(data, max_iter=1)
    with pytest.raises(csikit.ModelError):
        csikit.model({"A": ["IMAG1"], "B": ["IMAG2"]}, [("A", "B"), ("B", "A")])  # a cycle
    with pytest.raises(csikit.Error):
        csikit.estimate(data, model={"constructs": [{"id": "X", "items": ["NOPE1"]}], "paths": []})


def test_constant_item_is_numeric_error(survey: csikit.Survey, ecsi_csv) -> None:
    raw = pd.read_csv(ecsi_csv)
    raw["CUEX1"] = 5
    with pytest.raises(csikit.NumericError, match="CUEX1"):
        csikit.estimate(csikit.read_responses(raw, survey))
