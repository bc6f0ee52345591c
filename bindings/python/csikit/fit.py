"""PLS path-model estimation: ``estimate`` and the ``Fit`` result with DataFrames.

This module sits below bootstrap, indices, ipa and summary and imports none of them: the
follow-up methods (``bootstrap()``, ``indices()``, ``ipma()``, ``summary()``) run what those
modules provide (see ``_followups``), and ``to_json(boot)`` takes the bootstrap by its
attributes. A Fit pickles as its data, model and options; unpickling re-estimates, which gives
the same numbers bit for bit.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core, _followups
from ._args import INDENT_RANGE, MAX_ITER_RANGE, integer
from ._attrs import core_attr
from .data import Responses

__all__ = ["Fit", "estimate"]

Scheme = Literal["path", "centroid", "factorial"]
Missing = Literal["listwise", "mean", "pairwise"]


class Fit:
    """A PLS path-model estimate (immutable). Matrices over constructs are [to, from]:
    rows are outcomes, columns predictors. Quality criteria are empty when ``quality=False``.
    """

    def __init__(self, core: _core.pls.Fit, data: Responses) -> None:
        self._core = core
        self._data = data

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _restore, (self._data, self._core.model, self.options)

    @property
    def core(self) -> _core.pls.Fit:
        """The compiled handle (``csikit._core.pls.Fit``), for the other csikit modules."""
        return self._core

    @property
    def options(self) -> dict[str, Any]:
        """The estimation options, as the keywords of ``estimate`` (every field of the C++
        ``pls_options``)."""
        o = self._core.options
        return {k: getattr(o, _CORE_NAME.get(k, k)) for k in _OPTIONS}

    # ---- facts ---------------------------------------------------------------------------
    @property
    def data(self) -> Responses:
        """The responses the fit came from."""
        return self._data

    construct_ids = core_attr[list[str]]("Construct ids, in model order.", field="constructs")

    indicator_ids = core_attr[list[str]]("Indicator ids, grouped by block.", field="indicators")

    model = core_attr[dict[str, list[dict[str, Any]]]]('The estimated model as ``{"constructs": [...], "paths": [...]}``.')

    def model_extension(self) -> dict[str, Any] | None:
        """report.json's ``model_extension`` (higher-order constructs, interaction terms with
        simple slopes, the first stage) of a model with HOCs or interactions, else None."""
        text = self._core.extension_json()
        return None if text is None else json.loads(text)

    converged = core_attr[bool]("True if the iteration met the tolerance.")

    iterations = core_attr[int]("Iterations of the Wold/Lohmoeller loop.")

    consistent = core_attr[bool]("True if the PLSc corrections were applied (``estimate(..., consistent=True)``).")

    admissible = core_attr[bool]("False if PLSc gave an inadmissible solution (see ``warnings``).")

    warnings = core_attr[list[str]]("Numerical caveats, each naming the construct.")

    gof = core_attr[float]("Tenenhaus goodness of fit.")

    srmr = core_attr[float]("Standardised root mean square residual.")

    @property
    def sample(self) -> dict[str, Any]:
        """Respondents in the data and used, imputed answers, effective n."""
        s = self._core.sample
        return {k: s[k] for k in ("respondents", "used", "answers_used", "imputed", "effective_n")}

    # ---- tables --------------------------------------------------------------------------
    def _square(self, m: np.ndarray) -> pd.DataFrame:
        ids = self.construct_ids
        if m.size == 0:
            return pd.DataFrame(index=pd.Index([], name="to"), columns=pd.Index([], name="from"), dtype=float)
        return pd.DataFrame(m, index=pd.Index(ids, name="to"), columns=pd.Index(ids, name="from"))

    def _per_construct(self, v: np.ndarray) -> np.ndarray:
        return v if v.size == len(self.construct_ids) else np.full(len(self.construct_ids), np.nan)

    def _per_indicator(self, v: np.ndarray) -> np.ndarray:
        return v if v.size == len(self.indicator_ids) else np.full(len(self.indicator_ids), np.nan)

    @cached_property
    def paths(self) -> pd.DataFrame:
        """Path coefficients, one row per structural path: index (from, to), column estimate."""
        m = self._core.paths
        ids = self.construct_ids
        rows = [(ids[f], ids[t], m[t, f]) for f in range(len(ids)) for t in range(len(ids)) if m[t, f] != 0]
        frame = pd.DataFrame(rows, columns=["from", "to", "estimate"])
        return frame.set_index(["from", "to"])

    @cached_property
    def path_matrix(self) -> pd.DataFrame:
        """Path coefficients as a J x J matrix [to, from] (0 where there is no path)."""
        return self._square(self._core.paths)

    @cached_property
    def total_effects(self) -> pd.DataFrame:
        """Direct, indirect and total effects, one row per connected (from, to) pair."""
        t, d, i = self._core.total_effects, self._core.paths, self._core.indirect_effects
        ids = self.construct_ids
        rows = [(ids[f], ids[k], d[k, f], i[k, f], t[k, f]) for f in range(len(ids)) for k in range(len(ids))
                if k != f and (t[k, f] != 0 or d[k, f] != 0)]
        return pd.DataFrame(rows, columns=["from", "to", "direct", "indirect", "total"]).set_index(["from", "to"])

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """One row per indicator: construct, weight, unstandardised weight, loading, communality,
        outer VIF, mean and SD."""
        c = self._core
        s = c.sample
        pos = {item: k for k, item in enumerate(s["item_ids"])}
        idx = [pos[i] for i in self.indicator_ids]
        loadings = self._per_indicator(c.loadings)
        frame = pd.DataFrame({
            "construct": [self.construct_ids[b] for b in c.block],
            "weight": self._per_indicator(c.weights),
            "weight_unstandardized": self._per_indicator(c.weights_unstandardized),
            "loading": loadings,
            "communality": loadings * loadings,
            "outer_vif": self._per_indicator(c.outer_vif),
            "mean": np.asarray(s["mean"])[idx],
            "sd": np.asarray(s["sd"])[idx],
        }, index=pd.Index(self.indicator_ids, name="indicator"))
        return frame

    @cached_property
    def constructs(self) -> pd.DataFrame:
        """One row per construct: mode, indicators, R2 (NaN if exogenous), reliability, AVE."""
        c = self._core
        endogenous = (c.paths != 0).any(axis=1)
        r2 = np.where(endogenous, self._per_construct(c.r2), np.nan)
        r2a = np.where(endogenous, self._per_construct(c.r2_adjusted), np.nan)
        return pd.DataFrame({
            "mode": c.modes,
            "indicators": [c.block.count(j) for j in range(len(self.construct_ids))],
            "endogenous": endogenous,
            "r2": r2,
            "r2_adjusted": r2a,
            "alpha": self._per_construct(c.alpha),
            "rho_c": self._per_construct(c.rho_c),
            "rho_a": self._per_construct(c.rho_a),
            "ave": self._per_construct(c.ave),
        }, index=pd.Index(self.construct_ids, name="construct"))

    @property
    def r2(self) -> pd.Series:
        """R-squared of the endogenous constructs."""
        return self.constructs["r2"].dropna()

    @property
    def weights(self) -> pd.Series:
        """Outer weights (standardised indicators), by indicator."""
        return self.indicators["weight"]

    @property
    def loadings(self) -> pd.Series:
        """Loadings, by indicator."""
        return self.indicators["loading"]

    @property
    def cross_loadings(self) -> pd.DataFrame:
        """Indicator x construct correlations."""
        return pd.DataFrame(self._core.cross_loadings, index=pd.Index(self.indicator_ids, name="indicator"),
                            columns=pd.Index(self.construct_ids, name="construct"))

    @property
    def htmt(self) -> pd.DataFrame:
        """Heterotrait-monotrait ratios (J x J)."""
        return self._square(self._core.htmt).rename_axis(index="construct", columns="construct")

    @property
    def fornell_larcker(self) -> pd.DataFrame:
        """sqrt(AVE) on the diagonal, construct correlations below."""
        return self._square(self._core.fornell_larcker).rename_axis(index="construct", columns="construct")

    @property
    def construct_correlation(self) -> pd.DataFrame:
        """Construct correlations (PLSc: disattenuated)."""
        return self._square(self._core.construct_correlation).rename_axis(index="construct", columns="construct")

    @property
    def f2(self) -> pd.DataFrame:
        """Effect sizes f2 [to, from]."""
        return self._square(self._core.f2)

    @property
    def inner_vif(self) -> pd.DataFrame:
        """VIF of predictor `from` in the regression of `to` (NaN where not a predictor)."""
        return self._square(self._core.inner_vif)

    @property
    def scores(self) -> pd.DataFrame:
        """Standardised construct scores (needs ``estimate(..., keep_scores=True)``)."""
        s = self._core.scores
        if s.size == 0:
            raise ValueError("Fit.scores: no scores kept (expected estimate(..., keep_scores=True))")
        return pd.DataFrame(s, columns=pd.Index(self.construct_ids, name="construct"))

    # ---- reports -------------------------------------------------------------------------
    def to_json(self, boot: Any = None, indent: int = 2, *, target: str | None = None,
                by: str | None = None, crosshair: Literal["mean", "median", "midpoint"] = "mean",
                level: float = 0.95, use_weights: bool = True) -> str:
        """report.json text: the document of ``csikit analyze --json`` (with ``--target``,
        ``--by``, ``--crosshair``, ``--confidence``): estimates, quality criteria, 0-100 indices
        with intervals, impacts, the IPA/IPMA of ``target`` (default: the satisfaction construct
        of the survey's bound preset) and indices per group ``by`` a segment or wave column.
        ``use_weights=False`` leaves the respondent weights out of the index scores (the CLI's
        ``--no-weights`` also estimates unweighted: ``estimate(..., use_weights=False)``).
        ``boot``: a ``BootstrapResult`` of this fit; ``indent``: -1 (one line) .. 64."""
        indent = integer("Fit.to_json", "indent", indent, *INDENT_RANGE)
        b = boot.core if boot is not None else None
        return self._core.report_json(b, target or "", by or "", crosshair, level, use_weights, indent)

    def to_dict(self, boot: Any = None, *, target: str | None = None, by: str | None = None,
                crosshair: Literal["mean", "median", "midpoint"] = "mean", level: float = 0.95,
                use_weights: bool = True) -> dict[str, Any]:
        """report.json as a dict, identical in structure and numbers to the CLI's report
        (options as ``to_json``)."""
        return json.loads(self.to_json(boot, -1, target=target, by=by, crosshair=crosshair, level=level,
                                       use_weights=use_weights))

    def summary(self, boot: Any = None) -> Any:
        """Paper-style tables (a ``csikit.summary.Summary``): paths (with bootstrap SE, t, p, CI
        when ``boot`` is given), indicators, reliability and validity, R2 and fit."""
        return _followups.call("Fit.summary", self, boot)

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()

    def __repr__(self) -> str:
        return (f"Fit({len(self.construct_ids)} constructs, {len(self.indicator_ids)} indicators, "
                f"{self.sample['used']} respondents, {'converged' if self.converged else 'not converged'})")

    # ---- follow-ups ----------------------------------------------------------------------
    def bootstrap(self, **options: Any) -> Any:
        """``csikit.bootstrap(self, **options)`` (a ``BootstrapResult``)."""
        return _followups.call("Fit.bootstrap", self, **options)

    def predict(self, **options: Any) -> Any:
        """``csikit.predict(self, **options)`` (a ``PredictionResult``: PLSpredict, CVPAT)."""
        return _followups.call("Fit.predict", self, **options)

    def indices(self, **options: Any) -> Any:
        """``csikit.indices(self, **options)`` (an ``IndexResult``)."""
        return _followups.call("Fit.indices", self, **options)

    def ipma(self, target: str, **options: Any) -> Any:
        """``csikit.ipma(self, target, **options)`` (an ``IpmaResult``)."""
        return _followups.call("Fit.ipma", self, target, **options)


#: The keywords of ``estimate``, one per field of the C++ ``pls_options`` (csikit/pls.hpp), in
#: its order; ``max_iter`` is the field ``max_iterations``.
_OPTIONS = ("scheme", "missing", "consistent", "tolerance", "max_iter", "use_weights", "keep_scores", "quality",
            "stopping", "f2_reestimate", "strict")
_CORE_NAME = {"max_iter": "max_iterations"}


def _extension(fit: Fit) -> dict[str, Any] | None:
    return fit.model_extension()


def higher_order(fit: Fit) -> pd.DataFrame:
    """Higher-order constructs of ``fit`` (a model with ``QUAL =~ ENV + STAFF`` syntax): one row
    per lower-order construct with ``hoc``, ``loc``, ``approach``, ``mode``, ``weight``, ``loading``."""
    ext = _extension(fit) or {"higher_order": []}
    rows = [{"hoc": h["id"], "loc": c["id"], "approach": h["approach"], "mode": h["mode"],
             "weight": c["weight"], "loading": c["loading"]} for h in ext["higher_order"] for c in h["components"]]
    return pd.DataFrame(rows, columns=["hoc", "loc", "approach", "mode", "weight", "loading"])


def interactions(fit: Fit) -> pd.DataFrame:
    """Interaction terms of ``fit`` with their simple slopes (the predictor's effect at the
    moderator's mean -1, 0, +1 SD), one row per interaction path."""
    ext = _extension(fit) or {"interactions": []}
    cols = ["id", "predictor", "moderator", "dependent", "approach", "path", "score_sd", "path_rescaled",
            "predictor_path", "moderator_path", "slope_low", "slope_mean", "slope_high"]
    rows = []
    for x in ext["interactions"]:
        r = {k: x[k] for k in cols[:10]}
        r["slope_low"], r["slope_mean"], r["slope_high"] = (s["slope"] for s in x["simple_slopes"])
        rows.append(r)
    return pd.DataFrame(rows, columns=cols)


def categorical_slopes(fit: Fit) -> pd.DataFrame:
    """The predictor's slope in every category of a categorical moderator (``CH =~ channel`` over
    a segment column, ``Y ~ X + CH + X:CH``): one row per moderator, dependent and category, the
    reference first, with ``respondents``, ``slope``, ``difference`` (minus the reference's) and
    the interaction ``term`` whose bootstrap interval tests that difference."""
    ext = _extension(fit) or {"categorical_slopes": []}
    cols = ["moderator", "predictor", "dependent", "approach", "category", "reference", "respondents",
            "slope", "difference", "term"]
    rows = [{"moderator": c["moderator"], "predictor": c["predictor"], "dependent": c["dependent"],
             "approach": c["approach"], "category": k["category"], "reference": k["category"] == c["reference"],
             "respondents": k["respondents"], "slope": k["slope"], "difference": k["difference"], "term": k["term"]}
            for c in ext.get("categorical_slopes", []) for k in c["categories"]]
    return pd.DataFrame(rows, columns=cols)


def _restore(data: Responses, model: dict[str, Any], options: dict[str, Any]) -> Fit:
    """Unpickles a Fit: the same estimate of the same model on the same data."""
    return estimate(data, model=model, **options)


def estimate(
    data: Responses,
    *,
    model: dict[str, Any] | str | None = None,
    scheme: Scheme = "path",
    missing: Missing = "listwise",
    consistent: bool = False,
    tolerance: float = 1e-7,
    max_iter: int = 300,
    use_weights: bool = True,
    keep_scores: bool = False,
    quality: bool = True,
    stopping: Literal["max_abs_change", "plspm"] = "max_abs_change",
    f2_reestimate: bool = False,
    strict: bool = False,
) -> Fit:
    """Estimates a PLS path model on ``data`` (the GIL is released while it runs).

    ``model`` defaults to the survey's constructs and paths; pass ``csikit.model(...)`` or
    ``csikit.preset("ecsi", items)`` for another, or lavaan-style model syntax as a str
    (``"IMAG =~ IMAG1 + IMAG2\nCUSA ~ IMAG"``, HOCs and ``X:M`` interactions included; see
    ``higher_order`` and ``interactions``). ``consistent=True`` gives PLSc. Raises
    ``ModelError`` for an invalid model, ``NumericError`` for a constant item,
    ``ConvergenceError`` beyond ``max_iter`` iterations (a positive integer).
    ``f2_reestimate=True`` computes each path's f2 by re-estimating the model without it;
    ``strict=True`` makes an inadmissible PLSc solution a ``NumericError``.
    """
    max_iter = integer("estimate", "max_iter", max_iter, *MAX_ITER_RANGE)
    core = _core.pls.estimate(data.core, model=model, scheme=scheme, missing=missing, consistent=consistent,
                              tolerance=tolerance, max_iterations=max_iter, use_weights=use_weights,
                              keep_scores=keep_scores, quality=quality, stopping=stopping,
                              f2_reestimate=f2_reestimate, strict=strict)
    return Fit(core, data)
