"""Out-of-sample prediction: ``predict`` (PLSpredict, with CVPAT on request) and its
``PredictionResult`` tables (docs/predict.md)."""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any, Literal, Mapping

import pandas as pd

from . import _core, _followups
from ._args import COUNT_RANGE, MAX_ITER_RANGE, SEED_RANGE, THREADS_RANGE, integer
from .fit import Fit

__all__ = ["PredictionResult", "predict"]


class PredictionResult:
    """PLSpredict of a fit: item and construct figures, the LM benchmark beside them, and the
    CVPAT tests when asked for (immutable; the numbers are the JSON document's)."""

    def __init__(self, document: dict[str, Any], fit: Fit) -> None:
        self._doc = document
        self.fit = fit

    @cached_property
    def items(self) -> pd.DataFrame:
        """One row per predicted item (index ``item``): construct, rmse, mae, q2_predict,
        q2_predict_centered, lm_rmse, lm_mae, lm_q2_predict, is_rmse, is_mae, lm_is_rmse, lm_is_mae."""
        return pd.DataFrame(self._doc["items"]).set_index("item")

    @cached_property
    def constructs(self) -> pd.DataFrame:
        """One row per endogenous construct (index ``construct``): rmse, mae, q2_predict of the
        standardised score, items, items_better."""
        return pd.DataFrame(self._doc["constructs"]).set_index("construct")

    @cached_property
    def cvpat(self) -> pd.DataFrame:
        """The CVPAT tests (index ``benchmark``: IA, LM or model2); empty unless asked for."""
        tests = self._doc.get("cvpat", {}).get("tests", [])
        cols = ["benchmark", "loss_model", "loss_benchmark", "d_bar", "sd_d", "t", "df", "p", "p_better", "significant"]
        return pd.DataFrame(tests, columns=cols).set_index("benchmark")

    @property
    def power(self) -> str:
        """Shmueli et al. (2019)'s reading: "none", "low", "medium" or "high"."""
        return str(self._doc["power"])

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (as ``csikit predict --json``)."""
        return json.loads(json.dumps(self._doc))

    def __repr__(self) -> str:
        d = self._doc
        split = "leave-one-out" if d["leave_one_out"] else f"{d['folds']} folds x {d['repeats']}"
        return f"PredictionResult({split}, {len(d['items'])} items, power {d['power']})"


def predict(
    fit: Fit,
    *,
    folds: int | Literal["loo"] = 10,
    repeats: int = 10,
    seed: int = 1,
    threads: int = 0,
    approach: Literal["direct", "earliest"] = "direct",
    benchmark: Literal["seminr", "csem"] = "seminr",
    scheme: Literal["path", "centroid", "factorial"] = "path",
    tolerance: float = 1e-10,
    max_iter: int = 300,
    cvpat: bool = False,
    compare: Mapping[str, Any] | Any | None = None,
    level: float = 0.95,
) -> PredictionResult:
    """PLSpredict of ``fit``'s model on its data: ``folds`` folds (or ``"loo"``, leave-one-out)
    and ``repeats`` random splits from ``seed`` (the numbers never depend on ``threads``).
    ``approach`` direct (seminr's predict_DA) or earliest antecedents (cSEM's default);
    ``benchmark`` seminr (OLS with intercept on every item outside the construct) or csem (no
    intercept, exogenous items only). ``cvpat=True`` adds CVPAT against the IA and LM benchmarks;
    ``compare`` (a model dict or a ``Survey``) tests the model against another one instead.
    Raises ``ArgumentError`` for bad options, ``DataError`` for a constant item in a fold."""
    where = "predict"
    folds_n = 0 if folds == "loo" else integer(where, "folds", folds, *COUNT_RANGE)
    repeats = integer(where, "repeats", repeats, *COUNT_RANGE)
    seed = integer(where, "seed", seed, *SEED_RANGE)
    threads = integer(where, "threads", threads, *THREADS_RANGE)
    max_iter = integer(where, "max_iter", max_iter, *MAX_ITER_RANGE)
    model2 = None
    if compare is not None:
        model2 = dict(compare) if isinstance(compare, Mapping) else compare.model()
    text = _core.predict.predict(fit.core, folds=folds_n, repeats=repeats, seed=seed, threads=threads,
                                 approach=approach, benchmark=benchmark, scheme=scheme, tolerance=tolerance,
                                 max_iter=max_iter, cvpat=cvpat, model2=model2, level=level)
    return PredictionResult(json.loads(text), fit)


_followups.provide("Fit.predict", predict)
