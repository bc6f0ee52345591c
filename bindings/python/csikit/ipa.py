"""Importance-performance analysis (IPA), the IPMA of a PLS fit and derived importance."""

from __future__ import annotations

from typing import Any, Literal, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core, _followups
from .data import Responses
from .fit import Fit

__all__ = ["QUADRANTS", "IpaResult", "IpmaResult", "SurveyIpa", "derived_importance", "importance", "ipa", "ipma",
           "quadrant_label", "survey_ipa"]

Rule = Literal["mean", "median", "midpoint", "custom"]

#: The quadrant ids, in the order of the C++ enum ``csikit::quadrant``.
QUADRANTS: tuple[str, ...] = tuple(_core.index.QUADRANTS)


def quadrant_label(quadrant: str, language: str = "en") -> str:
    """The display name of a quadrant id ("concentrate_here" -> "concentrate here"; language
    "zh" gives 急需改进, ...), from the C++ ``csikit::quadrant_label`` the HTML report uses."""
    return _core.index.quadrant_label(quadrant, language)


class IpaResult:
    """Factors placed in the four quadrants (immutable).

    ``table``: one row per factor with importance, performance, quadrant and gap (I - P);
    ``importance_cut`` / ``performance_cut``: the cross-hair.
    """

    def __init__(self, core: _core.index.IpaResult) -> None:
        self.core = core
        pts = core.points
        self.table = pd.DataFrame(
            {col: [getattr(p, col) for p in pts]
             for col in ("label", "importance", "performance", "quadrant", "priority", "rank", "gap")},
            index=pd.Index([p.id for p in pts], name="factor"))
        self.importance_cut: float = core.importance_cut
        self.performance_cut: float = core.performance_cut
        self.rule: str = core.rule
        self.by_priority: list[str] = core.by_priority()

    def quadrant(self, name: str) -> list[str]:
        """Factor ids in one quadrant ("concentrate_here", "keep_up", "low_priority",
        "possible_overkill")."""
        return self.core.in_quadrant(name)

    def plot(self, ax: Any = None, language: str = "en", **kwargs: Any) -> Any:
        """The quadrant chart (needs matplotlib; ``csikit.plots.ipa_chart``)."""
        return _followups.call("IpaResult.plot", self, ax=ax, language=language, **kwargs)

    def _repr_html_(self) -> str:
        return self.table.to_html(float_format=lambda v: f"{v:.3f}")

    def __repr__(self) -> str:
        return (f"IpaResult(cross-hair importance {self.importance_cut:.3f}, performance "
                f"{self.performance_cut:.3f})\n" + self.table.to_string())


def ipa(
    factors: pd.DataFrame | Mapping[str, tuple[float, float]],
    *,
    rule: Rule = "mean",
    custom_importance: float = 0.0,
    custom_performance: float = 0.0,
    importance_scale: tuple[float, float] = (0, 100),
    performance_scale: tuple[float, float] = (0, 100),
) -> IpaResult:
    """Places factors on the importance-performance plane.

    ``factors`` is a DataFrame with columns ``importance`` and ``performance`` (index = factor
    ids, optional ``label`` column) or a mapping id -> (importance, performance). The cross-hair
    is the mean (default), median, scale midpoint or a custom point.
    """
    if isinstance(factors, pd.DataFrame):
        ids = [str(i) for i in factors.index]
        imp = factors["importance"].astype(float).tolist()
        perf = factors["performance"].astype(float).tolist()
        labels = factors["label"].astype(str).tolist() if "label" in factors else []
    else:
        ids = [str(k) for k in factors]
        imp = [float(v[0]) for v in factors.values()]
        perf = [float(v[1]) for v in factors.values()]
        labels = []
    return IpaResult(_core.index.ipa(ids, labels, imp, perf, rule=rule, custom_importance=custom_importance,
                               custom_performance=custom_performance, importance_scale=importance_scale,
                               performance_scale=performance_scale))


class IpmaResult:
    """The importance-performance map of a fit for one target construct.

    ``constructs`` / ``indicators``: ``IpaResult`` whose importance is the unstandardised total
    effect on the target (0-100 metric) and performance the 0-100 index / item mean.
    """

    def __init__(self, core: _core.index.IpmaResult, rule: Rule) -> None:
        self.core = core
        self.target: str = core.target

        def place(entries: list[_core.index.IpmaEntry]) -> IpaResult | None:
            if not entries:
                return None
            frame = pd.DataFrame({"importance": [e.importance for e in entries],
                                  "performance": [e.performance for e in entries],
                                  "label": [e.id for e in entries]},
                                 index=[e.id for e in entries])
            return ipa(frame, rule=rule)

        self.constructs = place(core.constructs)
        self.indicators = place(core.indicators)

    def __repr__(self) -> str:
        return f"IpmaResult(target {self.target!r})\n{self.constructs!r}"

    def _repr_html_(self) -> str:
        return f"<h5>IPMA for {self.target}</h5>" + (self.constructs._repr_html_() if self.constructs else "")


def ipma(fit: Fit, target: str, *, rule: Rule = "mean", use_respondents: bool = True,
         level: float = 0.95) -> IpmaResult:
    """IPMA (Ringle & Sarstedt 2016) of ``fit`` for ``target``: every construct with a total
    effect on it, and their indicators, placed in quadrants by ``rule``."""
    core = _core.index.ipma(fit.core, target, use_respondents=use_respondents, level=level)
    return IpmaResult(core, rule)


def derived_importance(data: Responses, drivers: Sequence[str], outcome: str, *,
                       measure: str = "relative_weights", rule: Rule = "mean") -> IpaResult:
    """IPA with importance derived from the data (``measure``: correlation, beta, pratt,
    relative_weights, lmg) and performance = the drivers' 0-100 means."""
    rows = _core.index.derived_factors(data.core, list(drivers), outcome, measure)
    frame = pd.DataFrame({"importance": [r.importance for r in rows],
                          "performance": [r.performance for r in rows],
                          "label": [r.label or r.id for r in rows]}, index=[r.id for r in rows])
    return ipa(frame, rule=rule)


def importance(data: Responses, drivers: Sequence[str], outcome: str, *, with_lmg: bool = True) -> pd.DataFrame:
    """Every derived-importance measure of ``drivers`` for ``outcome``: one row per driver with
    correlation, beta, Pratt, relative weights (raw and %) and LMG/Shapley; ``attrs["r2"]``."""
    core = _core.index.importance(data.core, list(drivers), outcome, with_lmg)
    cols = ["correlation", "beta", "pratt", "relative_weights", "relative_weights_percent", "lmg"]
    n = len(drivers)
    columns = {c: np.array(getattr(core, c)) for c in cols}
    frame = pd.DataFrame({c: (v if np.size(v) == n else np.full(n, np.nan)) for c, v in columns.items()},
                         index=pd.Index(list(drivers), name="driver"))
    frame.attrs["r2"] = core.r2
    return frame


class SurveyIpa:
    """The IPA of a survey from stated or derived importance (no path model needed).

    ``factors``: one row per factor (index ``id``) with kind, label, importance item,
    importance, performance, quadrant (and its en/zh labels), priority z(I) - z(P), rank and
    gap (stated importance only); ``crosshair``: {"rule", "importance", "performance"};
    ``priority_order``: concentrate-here first, then by priority; ``groups``: value ->
    factors DataFrame per group of ``by``; ``json``: the document (the CLI's ``--json``).
    """

    def __init__(self, text: str) -> None:
        import json as _json
        self.json: str = text
        doc = _json.loads(text)
        self.doc: dict[str, Any] = doc
        self.importance: str = doc["importance"]
        self.outcome: str | None = doc["outcome"]
        self.r2: float | None = doc["r2"]
        self.crosshair: dict[str, Any] = doc["crosshair"]
        self.priority_order: list[str] = list(doc["priority_order"])
        self.factors = self._frame(doc["factors"])
        self.groups: dict[str, pd.DataFrame] = {g["value"]: self._frame(g["factors"]) for g in doc["groups"]}
        self.notes: list[str] = list(doc["notes"])

    @staticmethod
    def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
        cols = ["kind", "label", "importance_item", "importance", "performance", "quadrant", "quadrant_en",
                "quadrant_zh", "priority", "rank", "gap"]
        frame = pd.DataFrame([{c: r[c] for c in cols} for r in rows], columns=cols,
                             index=pd.Index([r["id"] for r in rows], name="id"))
        for c in ("importance", "performance", "priority", "gap"):
            frame[c] = frame[c].astype(float)
        return frame

    def __repr__(self) -> str:
        return (f"SurveyIpa(importance {self.importance}, cross-hair {self.crosshair['rule']} at "
                f"({self.crosshair['importance']:.3f}, {self.crosshair['performance']:.1f}))\n"
                + self.factors[["importance", "performance", "quadrant", "rank"]].to_string())

    def _repr_html_(self) -> str:
        return self.factors.to_html(float_format=lambda v: f"{v:.3f}")


def survey_ipa(data: Responses, *, importance: str | None = None, crosshair: Rule = "mean",
               custom_importance: float = 0.0, custom_performance: float = 0.0, diagonal: bool = False,
               by: str | None = None, use_weights: bool = True) -> SurveyIpa:
    """The importance-performance map of ``data``'s survey without a path model: stated
    importance (items or hierarchy nodes naming an ``importance_item``) or derived against the
    schema's ``overall_item`` (``importance``: correlation, beta, pratt, rwa, lmg)."""
    return SurveyIpa(_core.index.survey_ipa_json(data.core, importance or "", crosshair, custom_importance,
                                                 custom_performance, diagonal, by or "", use_weights))


_followups.provide("Fit.ipma", ipma)
