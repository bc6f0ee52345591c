"""Descriptive scores (means, 0-100 scores, top box, NPS, the hierarchy index, waves) and the
inference helpers behind them."""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any, Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from .data import Responses

__all__ = ["ScoreReport", "mean_ci", "nps", "proportion_interval", "score"]


def _group_items(group: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for i in group["items"]:
        rows.append({"item": i["id"], "label": i["label"], "n": i["mean"]["n"], "missing": i["missing"],
                     "mean": i["mean"]["mean"], "score": i["score"]["mean"], "score_ci_low": i["score"]["ci"][0],
                     "score_ci_high": i["score"]["ci"][1], "top_box": i["top_box"]["share"],
                     "satisfied": i["satisfied"]["share"], "satisfied_rule": i["satisfied_rule"]})
    return pd.DataFrame(rows).set_index("item") if rows else pd.DataFrame()


class ScoreReport:
    """The scoring result (immutable): ``items`` and ``nodes`` tables of all respondents,
    ``nps``, ``by_segment`` / ``by_wave`` item tables, ``changes`` between waves, and
    ``to_dict()`` with everything (the same JSON as ``csikit score --json``)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc = json.loads(text)

    def to_dict(self) -> dict[str, Any]:
        """The full report as a JSON-compatible dict."""
        return json.loads(self._text)

    @cached_property
    def items(self) -> pd.DataFrame:
        """One row per item: n, mean, 0-100 score with interval, top-box and satisfied shares, and
        the rule behind "satisfied" ("score >= 70", "value >= 8", "top box (4,5)")."""
        return _group_items(self._doc["overall"])

    @cached_property
    def nodes(self) -> pd.DataFrame:
        """The indicator hierarchy (pre-order): parent, depth, weight, 0-100 score and interval."""
        rows = [{"node": n["id"], "label": n.get("label"), "parent": n.get("parent"), "depth": n.get("depth"),
                 "weight": n.get("weight"), "score": n["score"]["mean"], "ci_low": n["score"]["ci"][0],
                 "ci_high": n["score"]["ci"][1]} for n in self._doc["overall"].get("nodes", [])]
        return pd.DataFrame(rows).set_index("node") if rows else pd.DataFrame()

    @property
    def nps(self) -> dict[str, Any] | None:
        """The NPS of all respondents with SE and intervals (None without an NPS item)."""
        return self._doc["overall"].get("nps")

    @property
    def by_segment(self) -> dict[str, pd.DataFrame]:
        """Item tables per segment value (score(..., by=column))."""
        return {g["value"]: _group_items(g) for g in self._doc.get("by_segment", [])}

    @property
    def by_wave(self) -> dict[str, pd.DataFrame]:
        """Item tables per wave."""
        return {g["value"]: _group_items(g) for g in self._doc.get("by_wave", [])}

    @property
    def ahp(self) -> pd.DataFrame:
        """AHP weights: one row per (node, child) with the stated and AHP weight and the node's
        lambda_max, CI, RI and CR (empty without AHP matrices)."""
        rows = [{"node": a["node"], "child": c, "stated_weight": a["stated_weights"][k], "weight": a["weights"][k],
                 "lambda_max": a["lambda_max"], "ci": a["ci"], "ri": a["ri"], "cr": a["cr"]}
                for a in self._doc.get("ahp", []) for k, c in enumerate(a["children"])]
        return pd.DataFrame(rows)

    @property
    def changes(self) -> pd.DataFrame:
        """Wave-over-wave changes with their tests."""
        return pd.json_normalize(self._doc.get("changes", []))

    def _repr_html_(self) -> str:
        return self.items.to_html(float_format=lambda v: f"{v:.3f}")

    def __repr__(self) -> str:
        return f"ScoreReport({self._doc['sample']['respondents']} respondents)\n" + self.items.to_string()


def score(
    data: Responses,
    *,
    rescale: Literal["linear", "proportional", "labels"] = "linear",
    aggregate: Literal["respondent", "mean"] = "respondent",
    threshold: float = 70.0,
    level: float = 0.95,
    interval: Literal["wilson", "agresti_coull", "clopper_pearson"] = "wilson",
    by: str | None = None,
    by_wave: bool = True,
    language: str = "",
    top_box: Mapping[str, Sequence[float]] | None = None,
    promoter_min: float = 9,
    detractor_max: float = 6,
    ahp_method: Literal["eigenvector", "geometric_mean"] = "eigenvector",
    ahp_allow_inconsistent: bool = False,
) -> ScoreReport:
    """Scores the data: item means and 0-100 scores with intervals, distributions, top-box and
    satisfaction rates, NPS, the weighted hierarchy index, breakdowns by ``by`` and by wave.
    NPS answers >= ``promoter_min`` are promoters, <= ``detractor_max`` detractors (as
    ``csikit.nps``; the CLI's ``--promoter-min`` / ``--detractor-max``). Hierarchy nodes with an
    ``"ahp"`` matrix weigh their children by ``ahp_method`` (``ahp`` property: the weights and
    consistency; a consistency ratio above 0.1 raises unless ``ahp_allow_inconsistent``)."""
    text = _core.scoring.score_json(data.core, rescale=rescale, aggregate=aggregate, threshold=threshold, level=level,
                            interval=interval, by=by or "", by_wave=by_wave, language=language,
                            top_box={k: list(v) for k, v in (top_box or {}).items()}, promoter_min=promoter_min,
                            detractor_max=detractor_max, indent=-1, ahp_method=ahp_method,
                            ahp_allow_inconsistent=ahp_allow_inconsistent)
    return ScoreReport(text)


def nps(x: Sequence[float] | np.ndarray, weights: Sequence[float] | np.ndarray | None = None, *,
        level: float = 0.95, promoter_min: float = 9, detractor_max: float = 6) -> dict[str, Any]:
    """Net Promoter Score of 0-10 answers (NaN skipped) with SE, Wald and adjusted-Wald intervals."""
    w = np.empty(0) if weights is None else np.asarray(weights, dtype=float)
    return _core.scoring.nps(np.asarray(x, dtype=float), w, level, promoter_min, detractor_max)


def mean_ci(x: Sequence[float] | np.ndarray, weights: Sequence[float] | np.ndarray | None = None, *,
            level: float = 0.95) -> dict[str, Any]:
    """Weighted mean with a t-interval on Kish's effective n (NaN skipped)."""
    w = np.empty(0) if weights is None else np.asarray(weights, dtype=float)
    return _core.scoring.mean_ci(np.asarray(x, dtype=float), w, level)


def proportion_interval(p: float, n: float, *, level: float = 0.95,
                        method: Literal["wilson", "agresti_coull", "clopper_pearson"] = "wilson") -> tuple[float, float]:
    """Confidence interval of a proportion ``p`` observed on ``n`` (may be an effective n)."""
    return _core.scoring.proportion_interval(p, n, level, method)
