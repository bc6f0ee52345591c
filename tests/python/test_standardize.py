"""Composition-adjusted scores from Python (issue 14 item 5): the constructed pure-composition
case gives an adjusted change of 0 (the hand figures of tests/cpp/test_standardize.cpp); on the
weighted bank branch example the adjusted score per wave is sum_s pi_s mean_ws recomputed with
pandas; the DataFrames hold the one JSON document, equal to the "standardized" member of
`csikit score --json --adjust-for` (the CLI face); bad input raises ArgumentError naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import csikit
from csikit import _core

BANK = Path(__file__).resolve().parents[2] / "examples" / "bank_branch"
SCHEMA = {"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}], "items": [{"id": "Q", "scale": "five"}],
          "segment_columns": ["region"], "wave_column": "wave"}


@pytest.fixture(scope="module")
def composition(tmp_path_factory):
    d = tmp_path_factory.mktemp("composition")
    rows = []
    for wave, region, count, hi, lo in [(1, "a", 8, 5, 4), (1, "b", 2, 2, 3), (2, "a", 4, 5, 4), (2, "b", 6, 2, 3)]:
        rows += [(wave, region, lo if k % 2 else hi) for k in range(count)]
    pd.DataFrame(rows, columns=["wave", "region", "Q"]).to_csv(d / "data.csv", index=False)
    (d / "schema.json").write_text(json.dumps(SCHEMA))
    return d


def test_pure_composition_has_adjusted_change_zero(composition, capfd):
    data = csikit.read_responses(str(composition / "data.csv"), str(composition / "schema.json"))
    r = csikit.standardize(data, adjust_for="region")
    assert r.by == "wave" and r.groups == ["1", "2"]
    assert r.figures.loc[("Q", "1"), "raw"] == pytest.approx(77.5)
    assert r.figures.loc[("Q", "2"), "raw"] == pytest.approx(57.5)
    assert r.figures.loc[("Q", "1"), "adjusted"] == pytest.approx(67.5)
    assert r.figures.loc[("Q", "2"), "adjusted"] == pytest.approx(67.5)
    ch = r.changes.loc[("Q", "1", "2")]
    assert ch["raw"] == pytest.approx(-20) and abs(ch["adjusted"]) < 1e-9
    assert ch["adjusted_lower"] < 0 < ch["adjusted_upper"] and ch["adjusted_p"] == pytest.approx(1)
    assert r.mix.loc["a"].tolist() == pytest.approx([0.8, 0.4, 0.6])
    # the CLI face: the same document
    capfd.readouterr()
    assert _core.cli.run_cli(["score", "--schema", str(composition / "schema.json"), "--data",
                              str(composition / "data.csv"), "--adjust-for", "region", "--json"]) == 0
    assert json.loads(capfd.readouterr().out)["standardized"] == r.doc
    given = csikit.standardize(data, adjust_for="region", reference="given", shares={"a": 0.5, "b": 0.5})
    assert given.figures["adjusted"].tolist() == pytest.approx([62.5, 62.5])
    first = csikit.standardize(data, adjust_for="region", reference="first")
    assert first.figures.loc[("Q", "2"), "adjusted"] == pytest.approx(77.5)


def test_weighted_adjusted_scores_match_pandas(capfd):
    data = csikit.read_responses(str(BANK / "responses.csv"), str(BANK / "schema.json"))
    r = csikit.standardize(data, adjust_for="channel")
    f = pd.read_csv(BANK / "responses.csv")
    pi = f.groupby("channel")["weight"].sum() / f["weight"].sum()
    assert r.mix["reference"].to_numpy() == pytest.approx(pi.sort_index().to_numpy(), rel=1e-12)
    ok = f[f["SAT1"].isin([1, 2, 3, 4, 5])]
    ok = ok.assign(ws=ok["weight"] * 25 * (ok["SAT1"] - 1))
    sums = ok.groupby(["wave", "channel"])[["ws", "weight"]].sum()
    cell = sums["ws"] / sums["weight"]
    for wave in r.groups:
        want = sum(pi[c] * cell[(wave, c)] for c in pi.index)
        assert r.figures.loc[("SAT1", wave), "adjusted"] == pytest.approx(want, rel=1e-12)
    capfd.readouterr()
    assert _core.cli.run_cli(["score", "--schema", str(BANK / "schema.json"), "--data", str(BANK / "responses.csv"),
                              "--adjust-for", "channel", "--json"]) == 0
    assert json.loads(capfd.readouterr().out)["standardized"] == r.doc


def test_bad_input_names_it(composition):
    data = csikit.read_responses(str(composition / "data.csv"), str(composition / "schema.json"))
    with pytest.raises(csikit.ArgumentError, match='adjust_for: unknown column "district"'):
        csikit.standardize(data, adjust_for="district")
    with pytest.raises(csikit.ArgumentError, match='no reference share for "b"'):
        csikit.standardize(data, adjust_for="region", reference="given", shares={"a": 1.0})
    with pytest.raises(csikit.ArgumentError, match="sum to 1.1"):
        csikit.standardize(data, adjust_for="region", reference="given", shares={"a": 0.5, "b": 0.6})
    with pytest.raises(csikit.ArgumentError, match="shares: missing"):
        csikit.standardize(data, adjust_for="region", reference="given")
    with pytest.raises(csikit.ArgumentError, match="reference"):
        csikit.standardize(data, adjust_for="region", reference="median")  # type: ignore[arg-type]
