"""Indices, IPA/IPMA, scores, sampling, simulation, the CLI entry point and the plots."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import csikit


def test_indices(fit: csikit.Fit, data: csikit.Responses) -> None:
    res = csikit.indices(fit)
    t = res.table
    assert list(t.index) == fit.construct_ids
    assert ((t["index"] > 0) & (t["index"] < 100)).all()
    assert (t["ci_low"] < t["mean"]).all() and (t["mean"] < t["ci_high"]).all()
    # the index is 100 * sum w_i (mean_i - 1) / 9 with the normalised weights
    w = res.weights["CUSA"]
    assert w.sum() == pytest.approx(1.0)
    means = data.values[w.index].mean()
    assert t.loc["CUSA", "index"] == pytest.approx(100 * float((w * (means - 1) / 9).sum()), abs=1e-9)
    assert res.impacts.loc["CUSA", "PERQ"] > 0 and res.impacts.index.name == "to"
    assert fit.indices(use_respondents=False).table["index"].equals(t["index"])


def test_ipa_quadrants() -> None:
    frame = pd.DataFrame({"importance": [1.0, 1.0, 0.0, 0.0], "performance": [0.0, 1.0, 0.0, 1.0]},
                         index=["a", "b", "c", "d"])
    res = csikit.ipa(frame)
    assert list(res.table["quadrant"]) == ["concentrate_here", "keep_up", "low_priority", "possible_overkill"]
    assert res.importance_cut == 0.5 and res.performance_cut == 0.5
    assert res.quadrant("keep_up") == ["b"]
    same = csikit.ipa({"a": (1, 0), "b": (1, 1), "c": (0, 0), "d": (0, 1)})
    assert same.table["quadrant"].equals(res.table["quadrant"])
    custom = csikit.ipa(frame, rule="custom", custom_importance=2, custom_performance=-1)
    assert set(custom.table["quadrant"]) == {"possible_overkill"}
    with pytest.raises(csikit.ArgumentError):
        csikit.ipa({})


def test_ipma(fit: csikit.Fit) -> None:
    res = csikit.ipma(fit, "CUSA")
    assert res.target == "CUSA"
    t = res.constructs.table
    assert {"IMAG", "CUEX", "PERQ", "PERV"} <= set(t.index) and "CUSL" not in t.index
    idx = csikit.indices(fit).table["index"]
    for c in t.index:
        assert t.loc[c, "performance"] == pytest.approx(idx[c])
    assert set(t["quadrant"]) <= {"concentrate_here", "keep_up", "low_priority", "possible_overkill"}
    assert res.indicators is not None and "PERQ1" in res.indicators.table.index
    with pytest.raises(csikit.ArgumentError):
        csikit.ipma(fit, "NOPE")


def test_derived_importance(data: csikit.Responses) -> None:
    drivers = ["PERQ1", "PERQ2", "PERV1"]
    table = csikit.importance(data, drivers, "CUSA1")
    assert list(table.index) == drivers
    assert table["relative_weights"].sum() == pytest.approx(table.attrs["r2"])
    assert table["lmg"].sum() == pytest.approx(table.attrs["r2"])
    res = csikit.derived_importance(data, drivers, "CUSA1")
    assert list(res.table.index) == drivers


def test_scores(data: csikit.Responses) -> None:
    rep = csikit.score(data)
    items = rep.items
    assert items.loc["CUSA1", "n"] == 250
    assert items.loc["CUSA1", "mean"] == pytest.approx(data.values["CUSA1"].mean())
    assert items.loc["CUSA1", "score"] == pytest.approx(100 * (data.values["CUSA1"].mean() - 1) / 9)
    assert rep.to_dict()["sample"]["respondents"] == 250
    prop = csikit.score(data, rescale="proportional")
    assert prop.items.loc["CUSA1", "score"] == pytest.approx(100 * data.values["CUSA1"].mean() / 10)
    with pytest.raises(csikit.ArgumentError):
        csikit.score(data, by="no_such_column")


def test_stats_helpers() -> None:
    n = csikit.nps([10, 10, 9, 8, 7, 0])
    assert n["nps"] == pytest.approx(100 * (3 - 1) / 6)
    m = csikit.mean_ci([1.0, 2.0, 3.0, float("nan")])
    assert m["mean"] == 2.0 and m["n"] == 3
    lo, hi = csikit.proportion_interval(0.5, 100)
    assert lo < 0.5 < hi


def test_sampling() -> None:
    s = csikit.sample_size_proportion(0.05)
    assert s.n == 385 and s.n0 == pytest.approx(384.146, abs=1e-3)
    assert csikit.sample_size_proportion(0.05, population=1000).n < 385
    moe = csikit.moe_proportion(385)
    assert moe.margin == pytest.approx(0.05, abs=1e-3)
    assert csikit.design_effect([1, 1, 1, 1]) == pytest.approx(1.0)
    assert csikit.effective_n([1, 1, 2, 2]) == pytest.approx(36 / 10)
    a = csikit.allocate(100, [500, 300, 200])
    assert a.n == [50, 30, 20]
    with pytest.raises(csikit.ArgumentError):
        csikit.sample_size_proportion(0.0)


def test_simulate_and_recover() -> None:
    frame = csikit.simulate({"X": ["x1", "x2", "x3"], "Y": ["y1", "y2", "y3"]}, {("X", "Y"): 0.5}, 0.8,
                            n=2000, seed=5)
    assert frame.shape == (2000, 6) and list(frame.columns) == ["x1", "x2", "x3", "y1", "y2", "y3"]
    again = csikit.simulate({"X": ["x1", "x2", "x3"], "Y": ["y1", "y2", "y3"]}, {("X", "Y"): 0.5}, 0.8,
                            n=2000, seed=5)
    assert frame.equals(again)  # same seed, same data
    assert frame.attrs["construct_correlation"].loc["X", "Y"] == pytest.approx(0.5)


def test_python_m_csikit() -> None:
    out = subprocess.run([sys.executable, "-m", "csikit", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and csikit.__version__ in out.stdout
    bad = subprocess.run([sys.executable, "-m", "csikit", "analyze", "--schema", "/nonexistent.json", "--data",
                          "x.csv"], capture_output=True, text=True)
    assert bad.returncode == 2 and "nonexistent" in bad.stderr


def test_public_surface() -> None:
    assert "estimate" in dir(csikit) and "_core" not in dir(csikit)
    for name in csikit.__all__:
        obj = getattr(csikit, name)
        assert name == "__version__" or obj.__doc__, f"{name} has no docstring"
    assert math.isfinite(float(csikit.__version__.split(".")[0]))


def test_plots(fit: csikit.Fit) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    from csikit import plots

    ax = csikit.ipma(fit, "CUSA").constructs.plot()
    assert len(ax.collections) == 1 and len(ax.texts) >= 4
    assert plots.path_diagram(fit).texts
    assert csikit.indices(fit).plot().patches
    assert np.isfinite(ax.get_xlim()).all()
