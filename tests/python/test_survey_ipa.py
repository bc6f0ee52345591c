"""IPA without a path model, the priority order, AHP weights and "satisfied" rules from Python
(issue 14): DataFrames with the same numbers as the CLI's JSON, computed here from the CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import csikit

COURIER = Path(__file__).resolve().parents[2] / "examples" / "courier_ipa"


@pytest.fixture(scope="module")
def courier():
    return csikit.read_responses(str(COURIER / "responses.csv"), str(COURIER / "schema.json"))


def test_stated_ipa_dataframe(courier):
    r = csikit.survey_ipa(courier)
    assert r.importance == "stated"
    frame = pd.read_csv(COURIER / "responses.csv")
    for fid in ("delivery_time", "payment_methods"):
        assert r.factors.loc[fid, "performance"] == pytest.approx(25 * (frame[fid].mean() - 1), abs=1e-9)
        assert r.factors.loc[fid, "importance"] == pytest.approx(25 * (frame[fid + "_imp"].mean() - 1), abs=1e-9)
    assert r.factors.loc["delivery_time", "quadrant"] == "concentrate_here"
    assert set(r.priority_order[:2]) == {"delivery_time", "tracking"}
    assert sorted(r.factors["rank"]) == list(range(1, 11))
    assert r.crosshair["importance"] == pytest.approx(r.factors["importance"].mean())


def test_derived_and_by(courier):
    r = csikit.survey_ipa(courier, importance="rwa", crosshair="median", by="customer_type")
    assert r.outcome == "overall"
    assert r.factors["importance"].sum() == pytest.approx(r.r2)
    assert set(r.groups) == {"business", "private"}
    assert r.crosshair["rule"] == "data_median"


def test_json_and_bad_input(courier):
    r = csikit.survey_ipa(courier, importance="lmg")
    doc = json.loads(r.json)
    assert [f["id"] for f in doc["factors"]] == list(r.factors.index)
    assert sum(f["importance"] for f in doc["factors"]) == pytest.approx(doc["r2"])
    with pytest.raises(csikit.ArgumentError, match="expected stated, correlation"):
        csikit.survey_ipa(courier, importance="cheese")


def test_priority_order_not_the_gap():
    r = csikit.ipa({"IMAG1": (0.45, 70), "IMAG2": (0.40, 80), "IMAG3": (0.10, 62), "IMAG4": (0.15, 85)})
    assert r.by_priority[0] == "IMAG1"
    assert r.table.loc["IMAG3", "gap"] > r.table.loc["IMAG1", "gap"]
    assert r.table.loc["IMAG1", "rank"] == 1


def test_satisfied_rule_and_ahp():
    schema = {
        "name": "t",
        "scales": [{"id": "ten", "min": 0, "max": 10, "satisfied": {"min_value": 8}}],
        "items": [{"id": "A", "scale": "ten"}, {"id": "B", "scale": "ten", "satisfied": {"top_box": True}},
                  {"id": "C", "scale": "ten"}],
        "hierarchy": {"id": "ROOT", "ahp": [[1, 2, 4], ["1/2", 1, 2], ["1/4", "1/2", 1]],
                      "children": [{"item": "A"}, {"item": "B"}, {"item": "C"}]},
    }
    data = csikit.read_responses(pd.DataFrame({"A": [7, 8, 10, 9], "B": [9, 10, 8, 3], "C": [0, 5, 10, 7]}), schema)
    rep = csikit.score(data)
    items = rep.items
    assert items.loc["A", "satisfied_rule"] == "value >= 8"
    assert items.loc["A", "satisfied"] == pytest.approx(0.75)
    assert items.loc["B", "satisfied_rule"] == "top box (9,10)"
    assert items.loc["B", "satisfied"] == pytest.approx(0.5)
    ahp = rep.ahp
    assert list(ahp["child"]) == ["A", "B", "C"]
    assert ahp["weight"].tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert ahp["cr"].max() == pytest.approx(0, abs=1e-12)
