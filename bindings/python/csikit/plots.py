"""Charts with matplotlib (optional: ``pip install matplotlib``): the IPA quadrant chart, the
path diagram of a fit and index bars. Each function draws on ``ax`` (a new figure if None)
and returns the Axes.

The top layer of the package: results are read by their public attributes, and this module
provides ``IndexResult.plot()`` and ``IpaResult.plot()`` (see ``_followups``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from . import _followups
from .ipa import quadrant_label

if TYPE_CHECKING:
    from .fit import Fit
    from .indices import IndexResult
    from .ipa import IpaResult

__all__ = ["category_slopes", "index_bars", "ipa_chart", "path_diagram", "simple_slopes"]


def _axes(ax: Any) -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("csikit.plots: matplotlib is not installed (expected `pip install matplotlib`)") from exc
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    return ax


def ipa_chart(result: IpaResult, ax: Any = None, language: str = "en", importance_vertical: bool = True) -> Any:
    """The quadrant chart: one labelled point per factor, the cross-hair, quadrant names.
    Importance is vertical (Martilla & James) unless ``importance_vertical=False`` (IPMA);
    the quadrant names are the C++ ``quadrant_label`` in ``language`` ("en" or "zh")."""
    ax = _axes(ax)
    t = result.table
    x, y = (t["performance"], t["importance"]) if importance_vertical else (t["importance"], t["performance"])
    xc, yc = ((result.performance_cut, result.importance_cut) if importance_vertical
              else (result.importance_cut, result.performance_cut))
    colours = {"concentrate_here": "tab:red", "keep_up": "tab:green", "low_priority": "tab:gray",
               "possible_overkill": "tab:blue"}
    ax.scatter(x, y, c=[colours[q] for q in t["quadrant"]], zorder=3)
    for fid, xi, yi in zip(t.index, x, y):
        ax.annotate(str(t.at[fid, "label"] or fid), (xi, yi), textcoords="offset points", xytext=(4, 4), fontsize=8)
    ax.margins(0.18)  # room for the quadrant names in the corners
    ax.axvline(xc, color="black", lw=0.8)
    ax.axhline(yc, color="black", lw=0.8)
    corners = {"concentrate_here": (0.02, 0.97, "left"), "keep_up": (0.98, 0.97, "right"),
               "low_priority": (0.02, 0.03, "left"), "possible_overkill": (0.98, 0.03, "right")}
    if not importance_vertical:  # importance on x: the high-importance quadrants are on the right
        corners = {"concentrate_here": (0.98, 0.03, "right"), "keep_up": (0.98, 0.97, "right"),
                   "low_priority": (0.02, 0.03, "left"), "possible_overkill": (0.02, 0.97, "left")}
    for q, (cx, cy, ha) in corners.items():
        ax.text(cx, cy, quadrant_label(q, language), transform=ax.transAxes, ha=ha, va="top" if cy > 0.5 else "bottom",
                fontsize=9, color=colours[q])
    ax.set_xlabel("performance" if importance_vertical else "importance")
    ax.set_ylabel("importance" if importance_vertical else "performance")
    return ax


def path_diagram(fit: Fit, ax: Any = None) -> Any:
    """Constructs on a circle, arrows for paths labelled with their coefficients, R2 under
    each endogenous construct."""
    ax = _axes(ax)
    ids = fit.construct_ids
    pos = {c: (math.cos(2 * math.pi * k / len(ids)), math.sin(2 * math.pi * k / len(ids))) for k, c in enumerate(ids)}
    r2 = fit.constructs["r2"]
    for (f, t), row in fit.paths.iterrows():
        (x0, y0), (x1, y1) = pos[f], pos[t]
        ax.annotate("", xy=(x1 * 0.88, y1 * 0.88), xytext=(x0 * 0.88, y0 * 0.88),
                    arrowprops={"arrowstyle": "->", "lw": 0.5 + 2 * abs(row["estimate"])})
        ax.text((x0 + x1) / 2 * 0.88, (y0 + y1) / 2 * 0.88, f"{row['estimate']:.2f}", fontsize=8,
                ha="center", va="center", bbox={"fc": "white", "ec": "none", "pad": 0.5})
    for c, (x, y) in pos.items():
        label = c if math.isnan(r2[c]) else f"{c}\nR2={r2[c]:.2f}"
        ax.text(x, y, label, ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round", "fc": "lightyellow", "ec": "gray"})
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def index_bars(result: IndexResult, ax: Any = None) -> Any:
    """Horizontal bars of the 0-100 indices with their t-intervals where available."""
    ax = _axes(ax)
    t = result.table
    err = None
    if t["ci_low"].notna().all():
        err = [t["mean"] - t["ci_low"], t["ci_high"] - t["mean"]]
    ax.barh(list(t.index), t["index"], xerr=err, color="tab:blue", alpha=0.8)
    for k, v in enumerate(t["index"]):
        ax.text(v + 1, k, f"{v:.1f}", va="center", fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("index (0-100)")
    ax.invert_yaxis()
    return ax


_followups.provide("IndexResult.plot", index_bars)
_followups.provide("IpaResult.plot", ipa_chart)


def simple_slopes(fit: Fit, ax: Any = None, term: str | None = None) -> Any:
    """Simple-slope plot of an interaction term of ``fit`` (the first one, or ``term``): the
    predicted dependent (standardised) over the predictor at the moderator's mean and +-1 SD,
    from report.json's ``model_extension`` (seminr's slope_analysis lines)."""
    ext = fit.model_extension() or {"interactions": []}
    terms = [x for x in ext["interactions"] if term is None or x["id"] == term]
    if not terms:
        raise ValueError(f"simple_slopes: the fit has no interaction term{' ' + repr(term) if term else ''}")
    x = terms[0]
    ax = _axes(ax)
    xs = [-2.0, 2.0]
    for s in x["simple_slopes"]:
        m = s["moderator_sd"]
        ys = [s["slope"] * v + x["moderator_path"] * m for v in xs]
        ax.plot(xs, ys, label=f"{x['moderator']} {'mean' if m == 0 else f'{m:+d} SD'}")
    ax.set_xlabel(f"{x['predictor']} (SD)")
    ax.set_ylabel(f"{x['dependent']} (SD)")
    ax.set_title(x["id"] + " \u2192 " + x["dependent"])
    ax.legend()
    return ax


def category_slopes(fit: Fit, ax: Any = None, moderator: str | None = None) -> Any:
    """Slopes per category of a categorical moderator of ``fit`` (the first one, or
    ``moderator``): the dependent (standardised) over the predictor, one line per category, from
    report.json's ``model_extension.categorical_slopes`` (docs/pls.md, "Categorical moderators")."""
    ext = fit.model_extension() or {}
    found = [c for c in ext.get("categorical_slopes", []) if moderator is None or c["moderator"] == moderator]
    if not found:
        raise ValueError(f"category_slopes: the fit has no categorical moderator{' ' + repr(moderator) if moderator else ''}")
    c = found[0]
    ax = _axes(ax)
    xs = [-2.0, 2.0]
    for k in c["categories"]:
        ref = " (reference)" if k["category"] == c["reference"] else ""
        ax.plot(xs, [k["slope"] * v + k["level"] for v in xs], label=f"{k['category']}{ref}: {k['slope']:.3f}")
    ax.set_xlabel(f"{c['predictor']} (SD)")
    ax.set_ylabel(f"{c['dependent']} (SD)")
    ax.set_title(f"{c['predictor']} \u2192 {c['dependent']} by {c['moderator']}")
    ax.legend()
    return ax
