"""The options the Python face gained so that every option reaches every face (docs/options.md),
and the integer ranges it shares with the CLI (include/csikit/limits.hpp via csikit._core.limits)."""

from __future__ import annotations

from pathlib import Path

import pytest

import csikit
from csikit import _args
from csikit._core import limits

BANK = Path(__file__).resolve().parents[2] / "examples" / "bank_branch"


@pytest.fixture(scope="module")
def bank() -> csikit.Responses:
    survey = csikit.load_survey(BANK / "schema.json")
    return csikit.read_responses(BANK / "responses.csv", survey)


def test_the_ranges_are_the_cores_table() -> None:
    r = limits.ranges()
    assert r["seed"] == (0, 2**64 - 1) and r["threads"] == (0, 1024)
    assert r["resamples"] == (0, 10**5) and r["max_iterations"] == (1, 10**6)
    assert r["simulate_n"] == (2, 10**7) and r["jackknife_max"] == (0, 10**9)
    assert (_args.SEED_RANGE, _args.THREADS_RANGE, _args.RESAMPLES_RANGE, _args.MAX_ITER_RANGE,
            _args.SIMULATE_N_RANGE, _args.JACKKNIFE_MAX_RANGE, _args.PLAN_N_RANGE) == (
        r["seed"], r["threads"], r["resamples"], r["max_iterations"], r["simulate_n"], r["jackknife_max"], r["plan_n"])


def test_max_iter_has_the_clis_range(data: csikit.Responses) -> None:
    assert csikit.estimate(data, max_iter=10**6).converged
    with pytest.raises(csikit.ArgumentError, match=r"max_iter .*1\.\.1000000"):
        csikit.estimate(data, max_iter=10**6 + 1)  # accepted before (1..2**31-1); --max-iter refuses it


@pytest.mark.parametrize(("keyword", "value", "shown"), [("resamples", 10**5 + 1, "0..100000"),
                                                         ("jackknife_max", 10**9 + 1, "0..1000000000")])
def test_bootstrap_counts_have_the_clis_range(fit: csikit.Fit, keyword: str, value: int, shown: str) -> None:
    with pytest.raises(csikit.ArgumentError, match=f"{keyword} .*{shown}"):
        csikit.bootstrap(fit, **{keyword: value})


def test_one_resample_is_refused(fit: csikit.Fit) -> None:
    with pytest.raises(csikit.ArgumentError, match="resamples"):
        csikit.bootstrap(fit, resamples=1)


@pytest.mark.parametrize("n", [1, 10**9 + 1])
def test_simulate_n_has_the_clis_range(n: int) -> None:
    with pytest.raises(csikit.ArgumentError, match=r"n .*2\.\.10000000\b"):
        csikit.simulate({"X": ["x1", "x2"], "Y": ["y1", "y2"]}, {("X", "Y"): 0.5}, n=n, seed=1)


def test_score_takes_the_nps_bands(bank: csikit.Responses) -> None:
    default = csikit.score(bank).nps
    wider = csikit.score(bank, promoter_min=8, detractor_max=5).nps
    assert default is not None and wider is not None
    assert wider["promoters"] > default["promoters"] and wider["detractors"] < default["detractors"]
    assert csikit.score(bank, promoter_min=9, detractor_max=6).nps == default
    with pytest.raises(csikit.ArgumentError, match="detractor_max"):
        csikit.score(bank, promoter_min=6, detractor_max=6)


def test_to_json_index_weights(bank: csikit.Responses) -> None:
    fit = csikit.estimate(bank, missing="mean")
    weighted = {c["id"]: c for c in fit.to_dict()["constructs"]}
    plain = {c["id"]: c for c in fit.to_dict(use_weights=False)["constructs"]}
    for cid, c in plain.items():
        assert c["index_effective_n"] == pytest.approx(c["index_n"])  # unweighted: n_eff = n
        assert weighted[cid]["index_effective_n"] < c["index_n"]  # the bank data are weighted
    assert fit.to_json(use_weights=True) == fit.to_json()
