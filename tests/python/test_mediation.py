"""Bootstrapped quality criteria and mediation from Python: the DataFrames, the same numbers
for any thread count, the CLI's JSON, pickling, and a typed error for a chain that is no path."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import numpy as np
import pytest

import csikit


@pytest.fixture(scope="module")
def boot(fit: csikit.Fit) -> csikit.BootstrapResult:
    return csikit.bootstrap(fit, resamples=200, seed=5, threads=2, mediation=[["IMAG", "CUSA", "CUSL"], "PERQ,PERV,CUSA"])


def test_frames(boot: csikit.BootstrapResult, fit: csikit.Fit) -> None:
    ind = boot.indirect_effects
    assert ind.index.name == "chain" and len(ind) == 49
    row = ind.loc["IMAG -> CUSA -> CUSL"]
    paths = fit.paths["estimate"]
    assert row["estimate"] == pytest.approx(paths.loc[("IMAG", "CUSA")] * paths.loc[("CUSA", "CUSL")], abs=1e-12)
    assert row["mediators"] == 1 and row["ci_low"] < row["estimate"] < row["ci_high"]
    htmt = boot.htmt
    assert htmt.index.names == ["from", "to"] and len(htmt) == 21
    h = htmt.loc[("IMAG", "CUEX")]
    assert h["ci_low"] < h["upper"] < h["ci_high"]
    assert len(boot.f2) == 12 and "CUSA" in boot.r2_adjusted.index
    assert len(boot.total_indirect_effects) == 15
    med = boot.mediation
    assert list(med.index[:2]) == ["IMAG -> CUSA -> CUSL", "PERQ -> PERV -> CUSA"]
    assert med["requested"].iloc[:2].all() and not med["requested"].iloc[2:].any()
    assert med.loc["IMAG -> CUSA -> CUSL", "type"] == "complementary"
    assert set(med["type"]) <= {"no_effect", "direct_only", "indirect_only", "complementary", "competitive"}


def test_threads_pickle_and_cli(boot: csikit.BootstrapResult, fit: csikit.Fit, ecsi_schema, ecsi_csv) -> None:
    one = csikit.bootstrap(fit, resamples=200, seed=5, threads=1, mediation=[["IMAG", "CUSA", "CUSL"], "PERQ,PERV,CUSA"])
    assert one.criteria.equals(boot.criteria)
    assert one.mediation.equals(boot.mediation)
    again = pickle.loads(pickle.dumps(boot))
    assert again.criteria.equals(boot.criteria) and again.mediation.equals(boot.mediation)
    out = subprocess.run([sys.executable, "-m", "csikit", "analyze", "--schema", str(ecsi_schema), "--data", str(ecsi_csv),
                          "--bootstrap", "200", "--seed", "5", "--json", "--mediation", "IMAG,CUSA,CUSL"],
                         capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    cli = {e["label"]: e for e in doc["indirect_effects"]}
    for chain, row in boot.indirect_effects.iterrows():
        assert cli[chain]["se"] == row["se"] and cli[chain]["ci_low"] == row["ci_low"]
    assert doc["mediation"][0]["label"] == "IMAG -> CUSA -> CUSL"
    upper = {(e["from"], e["to"]): e["upper"] for e in doc["htmt_bootstrap"]}
    assert np.allclose([upper[k] for k in boot.htmt.index], boot.htmt["upper"].to_numpy(), rtol=0, atol=0)
    assert boot.to_dict()["mediation"][0]["requested"] is True


def test_bad_chain_is_a_model_error(fit: csikit.Fit) -> None:
    with pytest.raises(csikit.ModelError, match="IMAG -> CUSL -> CUSA"):
        csikit.bootstrap(fit, resamples=10, mediation=["IMAG,CUSL,CUSA"])


def test_criteria_off(fit: csikit.Fit) -> None:
    b = csikit.bootstrap(fit, resamples=20, seed=1, criteria=False)
    assert b.criteria.empty and b.mediation.empty and len(b.indirect_effects) == 0
