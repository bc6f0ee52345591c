"""csikit.mga: per-group paths as cSEM's, the tables as DataFrames, reproducible for any thread
count, typed errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import csikit

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "mga" / "satisfaction_schema.json"


@pytest.fixture(scope="module")
def data(shared: Path) -> csikit.Responses:
    return csikit.read_responses(shared / "satisfaction" / "satisfaction.csv", csikit.load_survey(SCHEMA))


def test_group_paths_match_csem(data: csikit.Responses, shared: Path) -> None:
    r = csikit.mga(data, "gender", permutations=0, tolerance=1e-10)
    ref = pd.read_csv(shared / "satisfaction" / "reference" / "cSEM_satisfaction_mga_gender_group_estimates.csv")
    paths = ref[ref.block == "path"].pivot(index=["from", "to"], columns="group", values="estimate")
    got = r.paths.loc[paths.index, ["female", "male"]]
    assert (got - paths).abs().max().max() < 1e-8
    assert list(r.groups.index) == ["female", "male"]
    assert r.groups.loc["male", "used"] == 102
    assert "listwise" in r.missing_note


def test_tables_and_reproducibility(data: csikit.Responses) -> None:
    a = csikit.mga(data, "gender", permutations=60, bootstrap=30, seed=3, threads=1)
    b = csikit.mga(data, "gender", permutations=60, bootstrap=30, seed=3, threads=2)
    pd.testing.assert_frame_equal(a.comparisons, b.comparisons)
    c = a.comparisons.loc[("path", "SAT -> LOY", "female", "male")]
    assert c["difference"] == pytest.approx(0.261 - 0.716, abs=2e-3)
    assert 0 <= c["p_permutation"] <= 0.1
    assert set(a.micom.index.get_level_values("construct")) == {"IMAG", "EXPE", "QUAL", "VAL", "SAT", "LOY"}
    assert a.micom.loc[("female", "male", "VAL"), "invariance"] in {"none", "partial", "full"}
    assert a.configural and "converged" in a.configural[-1]
    assert a.group_fit("male")["paths"]
    assert a.to_dict()["analysis"] == "mga"


def test_errors(data: csikit.Responses) -> None:
    with pytest.raises(csikit.ArgumentError, match="region"):
        csikit.mga(data, "region", permutations=0)
    with pytest.raises(csikit.ArgumentError, match="adjust"):
        csikit.mga(data, "gender", adjust="fdr")
    with pytest.raises(csikit.ArgumentError):
        csikit.mga(data, "gender", missing="pairwise")
