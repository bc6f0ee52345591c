"""Descriptive scores (means, 0-100 scores, top box, NPS, the hierarchy index, waves) and the
inference helpers behind them."""

from __future__ import annotations

import json
import os
from functools import cached_property
from typing import Any, Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from .data import Responses
from .survey import SurveySource, load_survey

__all__ = ["Feedback", "ScoreReport", "Trend", "feedback", "mean_ci", "nps", "proportion_interval", "score", "score_file",
           "trend"]


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


def score_file(
    path: str | os.PathLike[str],
    survey: SurveySource,
    *,
    rescale: Literal["linear", "proportional", "labels"] = "linear",
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
    out_of_scale: Literal["error", "missing"] = "error",
    encoding: str | None = None,
) -> ScoreReport:
    """``score`` of a CSV file read chunk by chunk (``csikit score --stream``): memory bounded
    whatever the file's size, the same report as ``score(read_responses(path, survey))`` (means
    and shares to 1e-12). Respondent-first aggregation only (docs/streaming.md)."""
    if out_of_scale not in ("error", "missing"):
        raise ValueError(f"score_file: out_of_scale={out_of_scale!r} (expected 'error' or 'missing')")
    s = load_survey(survey)
    text = _core.scoring.score_file_json(s.core, os.fspath(path), rescale=rescale, aggregate="respondent",
                                         threshold=threshold, level=level, interval=interval, by=by or "",
                                         by_wave=by_wave, language=language,
                                         top_box={k: list(v) for k, v in (top_box or {}).items()},
                                         promoter_min=promoter_min, detractor_max=detractor_max, indent=-1,
                                         ahp_method=ahp_method, ahp_allow_inconsistent=ahp_allow_inconsistent,
                                         out_of_scale_missing=out_of_scale == "missing", encoding=encoding or "")
    return ScoreReport(text)


class Trend:
    """Every figure followed over the waves (``csikit trend --json``; docs/trend.md): ``series``
    (one row per figure, indexed by (figure, id) and sorted: first and last wave, their change and test, the weighted trend's slope,
    SE, z and p, the control-chart center and the count of waves out of control), ``points``
    (one row per figure and wave: estimate, interval, control limits, the flag), ``changes``
    (first-vs-last and consecutive changes with their tests), ``waves``, ``notes`` and
    ``to_dict()``."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc = json.loads(text)

    def to_dict(self) -> dict[str, Any]:
        """The whole document (a fresh copy)."""
        return json.loads(self._text)

    @property
    def wave_column(self) -> str:
        return self._doc["wave_column"]

    @property
    def notes(self) -> list[str]:
        return list(self._doc["notes"])

    @cached_property
    def waves(self) -> pd.DataFrame:
        return pd.DataFrame(self._doc["waves"]).set_index("value")

    @cached_property
    def series(self) -> pd.DataFrame:
        rows = []
        for s in self._doc["series"]:
            t, fl = s["trend"], s["first_last"]
            rows.append({"figure": s["figure"], "id": s["id"], "label": s["label"], "unit": s["unit"],
                         "first": fl["before"], "last": fl["after"], "change": fl["test"]["difference"],
                         "change_p": fl["test"]["p"], "slope": t["slope"], "slope_se": t["se"], "z": t["statistic"],
                         "p": t["p"], "significant": t["significant"], "q": t["q"], "q_df": t["q_df"], "q_p": t["q_p"],
                         "center": s["center"], "out_of_control": s["out_of_control"]})
        return pd.DataFrame(rows).set_index(["figure", "id"]).sort_index() if rows else pd.DataFrame()

    @cached_property
    def points(self) -> pd.DataFrame:
        rows = []
        for s in self._doc["series"]:
            for p in s["points"]:
                rows.append({"figure": s["figure"], "id": s["id"], "wave": p["wave"], "estimate": p["estimate"],
                             "se": p["se"], "ci_low": p["ci"][0], "ci_high": p["ci"][1], "n": p["n"], "n_eff": p["n_eff"],
                             "lower_limit": p["lower_limit"], "upper_limit": p["upper_limit"],
                             "out_of_control": p["out_of_control"]})
        return pd.DataFrame(rows).set_index(["figure", "id", "wave"]).sort_index() if rows else pd.DataFrame()

    @cached_property
    def changes(self) -> pd.DataFrame:
        rows = []
        for s in self._doc["series"]:
            for kind, cs in (("first_last", [s["first_last"]]), ("consecutive", s["consecutive"])):
                for c in cs:
                    rows.append({"figure": s["figure"], "id": s["id"], "kind": kind, "from": c["from"], "to": c["to"],
                                 "before": c["before"], "after": c["after"], "difference": c["test"]["difference"],
                                 "ci_low": c["test"]["ci"][0], "ci_high": c["test"]["ci"][1],
                                 "statistic": c["test"]["statistic"], "p": c["test"]["p"],
                                 "significant": c["test"]["significant"]})
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"Trend({len(self._doc['waves'])} waves of {self.wave_column!r})\n" + self.series.to_string()


def trend(
    data: Responses,
    *,
    wave: str | None = None,
    control_sigma: float = 3.0,
    rescale: Literal["linear", "proportional", "labels"] = "linear",
    aggregate: Literal["respondent", "mean"] = "respondent",
    threshold: float = 70.0,
    level: float = 0.95,
    interval: Literal["wilson", "agresti_coull", "clopper_pearson"] = "wilson",
    language: str = "",
    promoter_min: float = 9,
    detractor_max: float = 6,
    ahp_method: Literal["eigenvector", "geometric_mean"] = "eigenvector",
    ahp_allow_inconsistent: bool = False,
) -> Trend:
    """Every figure of :func:`score` over the waves of ``wave`` (default: the schema's wave
    column; the data must have read it): each wave with its interval, first-vs-last and
    consecutive changes with their tests, the weighted linear trend test and control limits at
    center +/- ``control_sigma`` SE. Fewer than 3 waves raises, naming the column and the count."""
    text = _core.scoring.trend_json(data.core, wave=wave or "", control_sigma=control_sigma, rescale=rescale,
                                    aggregate=aggregate, threshold=threshold, level=level, interval=interval,
                                    language=language, promoter_min=promoter_min, detractor_max=detractor_max,
                                    ahp_method=ahp_method, ahp_allow_inconsistent=ahp_allow_inconsistent, indent=-1)
    return Trend(text)


def _table_rows(item: str, t: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"item": item, "column": t["column"], "group": t["group"], "category": c["id"], "label": c["label"],
             "count": c["count"], "weighted": c["weighted"], "share_of_respondents": c["share_of_respondents"],
             "share_of_mentions": c["share_of_mentions"], "respondents": t["respondents"]} for c in t["categories"]]


class Feedback:
    """Coded open answers and feedback records (``csikit feedback --json``; docs/feedback.md):
    ``frequencies`` (one row per item and category: count, weighted count, share of respondents,
    share of mentions), ``by_segment`` and ``by_wave`` (the same per group), ``dissatisfied``
    (the categories most named by the dissatisfied, with the satisfied's share beside them),
    ``verbatims`` (line, score, text), ``notes`` and ``to_dict()``."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc = json.loads(text)

    def to_dict(self) -> dict[str, Any]:
        """The whole document (a fresh copy)."""
        return json.loads(self._text)

    @property
    def notes(self) -> list[str]:
        return list(self._doc["notes"])

    @property
    def satisfied_rule(self) -> str:
        return self._doc["satisfied_rule"]

    def _frame(self, key: str) -> pd.DataFrame:
        rows = []
        for it in self._doc["items"]:
            tables = it[key] if isinstance(it.get(key), list) else [it[key]] if key in it else []
            for t in tables:
                rows.extend(_table_rows(it["id"], t))
        return pd.DataFrame(rows)

    @cached_property
    def frequencies(self) -> pd.DataFrame:
        f = self._frame("overall")
        return f.drop(columns=["column", "group"]).set_index(["item", "category"]) if len(f) else f

    @cached_property
    def by_segment(self) -> pd.DataFrame:
        return self._frame("by_segment")

    @cached_property
    def by_wave(self) -> pd.DataFrame:
        return self._frame("by_wave")

    @cached_property
    def dissatisfied(self) -> pd.DataFrame:
        rows = []
        for it in self._doc["items"]:
            if "dissatisfied" not in it:
                continue
            for d, s in zip(it["dissatisfied"]["categories"], it["satisfied"]["categories"]):
                rows.append({"item": it["id"], "category": d["id"], "label": d["label"], "count": d["count"],
                             "share_dissatisfied": d["share_of_respondents"],
                             "share_satisfied": s["share_of_respondents"]})
        return pd.DataFrame(rows)

    @cached_property
    def verbatims(self) -> pd.DataFrame:
        return pd.DataFrame(self._doc["verbatims"], columns=["line", "score", "text"])

    def __repr__(self) -> str:
        return f"Feedback({len(self._doc['items'])} multi-response items)\n" + self.frequencies.to_string()


def feedback(
    data: Responses,
    *,
    by: str | None = None,
    wave: str | None = None,
    on: str | None = None,
    top: int = 5,
    verbatims: bool = True,
    max_verbatims: int = 10,
    rescale: Literal["linear", "proportional", "labels"] = "linear",
    aggregate: Literal["respondent", "mean"] = "respondent",
    threshold: float = 70.0,
    language: str = "",
) -> Feedback:
    """The schema's multi-response items as frequency tables (weighted share of respondents and
    of mentions), overall, by ``by`` (a segment column the data read) and by wave; the
    categories most named by the dissatisfied (not satisfied on ``on``: default the hierarchy
    root, else the overall item); the verbatims of the lowest scorers unless ``verbatims`` is
    False (at most ``max_verbatims``, 1..200)."""
    text = _core.scoring.feedback_json(data.core, by=by or "", wave=wave or "", on=on or "", top=top,
                                       verbatims=verbatims, max_verbatims=max_verbatims, rescale=rescale,
                                       aggregate=aggregate, threshold=threshold, language=language, indent=-1)
    return Feedback(text)


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
