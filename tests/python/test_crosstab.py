"""Crosstabs from Python (issue 14 item 3): the DataFrames hold the numbers of the one JSON
document (the CLI's --json), the counts and shares are pandas' own crosstab of the CSV, the
chi-square is scipy.stats.chi2_contingency's, and the Rao-Scott correction is recomputed here
with numpy in another basis of the interaction contrasts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import csikit
from csikit import _core

BANK = Path(__file__).resolve().parents[2] / "examples" / "bank_branch"


@pytest.fixture(scope="module")
def bank():
    return csikit.read_responses(str(BANK / "responses.csv"), str(BANK / "schema.json"))


@pytest.fixture(scope="module")
def frame():
    f = pd.read_csv(BANK / "responses.csv")
    return f[f["SAT1"].isin([1, 2, 3, 4, 5])]


def test_counts_and_chi_square_match_pandas_and_scipy(bank, frame):
    stats = pytest.importorskip("scipy.stats")
    r = csikit.crosstab(bank, rows="SAT1", cols="channel", use_weights=False)
    table = pd.crosstab(frame["SAT1"], frame["channel"])
    assert r.kind == "distribution" and not r.weighted
    assert list(r.counts.columns) == list(table.columns)
    np.testing.assert_array_equal(r.counts.to_numpy(), table.to_numpy())
    np.testing.assert_allclose(r.col_shares.to_numpy(), (table / table.sum()).to_numpy(), rtol=1e-12)
    chi2, p, df, _ = stats.chi2_contingency(table.to_numpy(), correction=False)
    t = r.tests.iloc[0]
    assert t["pearson"] == pytest.approx(chi2, rel=1e-10)
    assert t["df"] == df
    assert t["p_value"] == pytest.approx(p, rel=1e-8)
    n = table.to_numpy().sum()
    assert t["cramers_v"] == pytest.approx(np.sqrt(chi2 / n / (min(table.shape) - 1)), rel=1e-12)
    assert r.excluded["answer"] == 11  # the empty SAT1 cells of the CSV


def _rao_scott(cells: np.ndarray, weights: np.ndarray, r: int, c: int) -> tuple[float, float, float]:
    """Mean design effect, a^2 and the corrected statistic, in an orthonormal basis of the
    interaction contrasts (the orthogonal complement of the main effects, from an SVD)."""
    n = len(cells)
    k = r * c
    W = weights.sum()
    y = np.zeros((n, k))
    y[np.arange(n), cells] = 1
    p = weights @ y / W
    z = weights[:, None] * (y - p) / W
    v = n / (n - 1) * z.T @ z
    rows, cols = np.divmod(np.arange(k), c)
    x1 = np.column_stack([np.ones(k)] + [rows == i for i in range(1, r)] + [cols == j for j in range(1, c)]).astype(float)
    u, _, _ = np.linalg.svd(x1, full_matrices=True)
    basis = u[:, x1.shape[1]:]  # orthonormal complement of the main effects
    d = np.diag(np.where(p > 0, 1 / np.where(p > 0, p, 1), 0))  # an empty cell: 0, as the core
    delta = np.linalg.solve(basis.T @ d @ basis / n, basis.T @ d @ v @ d @ basis)
    ev = np.linalg.eigvals(delta).real
    pr, pc = p.reshape(r, c).sum(1), p.reshape(r, c).sum(0)
    pearson = n * (((p.reshape(r, c) - np.outer(pr, pc)) ** 2) / np.outer(pr, pc)).sum()
    nu = (r - 1) * (c - 1)
    return ev.mean(), nu * (ev ** 2).sum() / ev.sum() ** 2 - 1, pearson * ev.sum() / (ev ** 2).sum()


def test_rao_scott_matches_numpy_in_another_basis(bank, frame):
    r = csikit.crosstab(bank, rows="SAT1", cols="channel")
    assert r.weighted
    cols = sorted(frame["channel"].unique())
    cells = ((frame["SAT1"].to_numpy() - 1) * len(cols) + frame["channel"].map({c: j for j, c in enumerate(cols)}).to_numpy())
    deff, a2, stat = _rao_scott(cells.astype(int), frame["weight"].to_numpy(float), 5, len(cols))
    t = r.tests.iloc[0]
    assert bool(t["rao_scott"])
    assert t["mean_deff"] == pytest.approx(deff, rel=1e-9)
    assert t["a2"] == pytest.approx(a2, rel=1e-7, abs=1e-12)
    assert t["statistic"] == pytest.approx(stat, rel=1e-9)
    # weighted shares: pandas' crosstab of the weights
    wt = pd.crosstab(frame["SAT1"], frame["channel"], values=frame["weight"], aggfunc="sum").fillna(0)
    np.testing.assert_allclose(r.col_shares.to_numpy(), (wt / wt.sum()).to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(r.weighted_counts.to_numpy(), wt.to_numpy(), rtol=1e-12)


def test_layer_means_and_the_clis_json(bank, frame, capfd):
    r = csikit.crosstab(bank, rows="SAT1", cols="channel", layer="wave")
    assert r.counts.index.names == ["wave", "SAT1"]
    h1 = frame[(frame["wave"] == "2025H1") & (frame["channel"] == "counter")]
    score = 25 * (h1["SAT1"] - 1)
    assert r.means.loc[("2025H1", "counter"), "score"] == pytest.approx(np.average(score, weights=h1["weight"]), rel=1e-12)
    assert r.means.loc[("2025H1", "counter"), "ci_lower"] < r.means.loc[("2025H1", "counter"), "score"]
    assert r.column_letters == {c: "ABCDE"[j] for j, c in enumerate(sorted(frame["channel"].unique()))}
    capfd.readouterr()
    assert _core.cli.run_cli(["crosstab", "--schema", str(BANK / "schema.json"), "--data", str(BANK / "responses.csv"),
                              "--rows", "SAT1", "--cols", "channel", "--layer", "wave", "--json"]) == 0
    assert json.loads(capfd.readouterr().out) == r.doc


def test_bad_input_names_the_option(bank):
    with pytest.raises(csikit.ArgumentError, match='cols: unknown column "branch"'):
        csikit.crosstab(bank, rows="SAT1", cols="branch")
    with pytest.raises(csikit.ArgumentError, match="rows: unknown variable"):
        csikit.crosstab(bank, rows="NOPE", cols="channel")


def test_a_node_score_by_wave_is_the_score_reports(bank):
    r = csikit.crosstab(bank, rows="CSI", cols="wave")
    assert r.kind == "score" and r.counts.empty
    doc = json.loads(_core.scoring.score_json(bank.core))
    for g in doc["by_wave"]:  # respondent-first node scores, as score() gives them per wave
        root = g["nodes"][0]
        assert root["id"] == "CSI"
        assert r.means.loc[g["value"], "score"] == pytest.approx(root["score"]["mean"], rel=1e-12)
        assert r.means.loc[g["value"], "ci_lower"] == pytest.approx(root["score"]["ci"][0], rel=1e-12)
