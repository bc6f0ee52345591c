"""Trends over many waves from Python (issue 14 item 4, docs/trend.md): DataFrames whose numbers
are recomputed here from the CSV with pandas (wave scores, the pooled p-chart) and by the closed
form of weighted least squares (the trend's slope, z and p), the CLI's JSON equal to Python's,
and the error for fewer than three waves."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

import csikit

MONTHLY = Path(__file__).resolve().parents[2] / "examples" / "monthly_trend"


@pytest.fixture(scope="module")
def monthly():
    return csikit.read_responses(str(MONTHLY / "responses.csv"), str(MONTHLY / "schema.json"))


@pytest.fixture(scope="module")
def frame():
    return pd.read_csv(MONTHLY / "responses.csv")


def _wls(x, y, v):
    """Slope, SE, z and two-sided p of the WLS of y on x with weights 1/v (closed form)."""
    w = [1 / a for a in v]
    sw = sum(w)
    xw = sum(a * b for a, b in zip(w, x)) / sw
    yw = sum(a * b for a, b in zip(w, y)) / sw
    sxx = sum(a * (b - xw) ** 2 for a, b in zip(w, x))
    slope = sum(a * (b - xw) * (c - yw) for a, b, c in zip(w, x, y)) / sxx
    se = 1 / math.sqrt(sxx)
    return slope, se, slope / se, math.erfc(abs(slope / se) / math.sqrt(2))


def test_item_score_trend_from_the_csv(monthly, frame):
    t = csikit.trend(monthly)
    assert t.wave_column == "month"
    assert list(t.waves.index) == [f"2025-0{k}" for k in range(1, 7)]
    g = frame.groupby("month")["DEL1"]
    score = 25 * (g.mean() - 1)
    se = 25 * g.std(ddof=1) / g.count() ** 0.5
    pts = t.points.loc[("item_score", "DEL1")]
    for month in score.index:
        assert pts.loc[month, "estimate"] == pytest.approx(score[month], abs=1e-9)
        assert pts.loc[month, "se"] == pytest.approx(se[month], rel=1e-9)
    slope, s_e, z, p = _wls(range(6), list(score), list(se ** 2))
    row = t.series.loc[("item_score", "DEL1")]
    assert row["slope"] == pytest.approx(slope, rel=1e-9)
    assert row["slope_se"] == pytest.approx(s_e, rel=1e-9)
    assert row["z"] == pytest.approx(z, rel=1e-9)
    assert row["p"] == pytest.approx(p, rel=1e-6, abs=1e-15)
    assert row["change"] == pytest.approx(score.iloc[-1] - score.iloc[0], abs=1e-9)


def test_top_box_p_chart_from_the_csv(monthly, frame):
    t = csikit.trend(monthly)
    top = frame.assign(top=frame["STF1"] >= 4).groupby("month")["top"]
    p, n = top.mean(), top.count()
    pbar = top.sum().sum() / n.sum()
    pts = t.points.loc[("item_top_box", "STF1")]
    for month in p.index:
        half = 3 * math.sqrt(pbar * (1 - pbar) / n[month])
        assert pts.loc[month, "estimate"] == pytest.approx(p[month], abs=1e-12)
        assert pts.loc[month, "lower_limit"] == pytest.approx(max(0, pbar - half), abs=1e-12)
        assert pts.loc[month, "upper_limit"] == pytest.approx(min(1, pbar + half), abs=1e-12)
        assert bool(pts.loc[month, "out_of_control"]) == (not pbar - half <= p[month] <= pbar + half)
    slope, _, z, pv = _wls(range(6), list(p), [pbar * (1 - pbar) / k for k in n])
    row = t.series.loc[("item_top_box", "STF1")]
    assert row["slope"] == pytest.approx(slope, rel=1e-9)
    assert row["p"] == pytest.approx(pv, rel=1e-6, abs=1e-15)


def test_known_truth_and_changes(monthly):
    t = csikit.trend(monthly)
    assert t.series.loc[("node_score", "DEL"), "significant"]
    assert 0.8 < t.series.loc[("node_score", "DEL"), "slope"] < 3.2  # truth: 2 points a month
    assert t.points.loc[("node_score", "STF", "2025-04"), "out_of_control"]
    ch = t.changes[(t.changes["figure"] == "item_score") & (t.changes["id"] == "DEL1")]
    assert list(ch["kind"]) == ["first_last"] + ["consecutive"] * 5


def test_cli_json_equals_python(monthly, tmp_path):
    out = tmp_path / "trend.json"
    code = csikit._core.cli.run_cli(["trend", "--schema", str(MONTHLY / "schema.json"), "--data",
                                     str(MONTHLY / "responses.csv"), "--out", str(out), "--threshold", "75"])
    assert code == 0
    assert json.loads(out.read_text()) == csikit.trend(monthly, threshold=75).to_dict()


def test_fewer_than_three_waves(tmp_path, frame, monthly):
    path = tmp_path / "two.csv"
    frame[frame["month"].isin(["2025-01", "2025-02"])].to_csv(path, index=False)
    data = csikit.read_responses(str(path), str(MONTHLY / "schema.json"))
    with pytest.raises(csikit.DataError, match=r'wave column "month" has 2 waves \(expected at least 3'):
        csikit.trend(data)
    with pytest.raises(csikit.ArgumentError, match="unknown wave column"):
        csikit.trend(monthly, wave="nosuch")
