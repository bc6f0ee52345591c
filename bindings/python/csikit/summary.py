"""``Summary``: titled tables printed like a paper's (text) or rendered in notebooks (HTML),
and ``fit_summary``, the summary of a fit (and its bootstrap) built from their attributes.

The top layer of the package: it reads results by their public attributes and provides
``Fit.summary()`` and ``BootstrapResult.summary()`` (see ``_followups``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from . import _followups

if TYPE_CHECKING:
    from .bootstrap import BootstrapResult
    from .fit import Fit

__all__ = ["Summary", "fit_summary"]


class Summary:
    """A title, a few facts and a list of titled tables (statsmodels-style).

    ``str(summary)`` / ``as_text()`` gives fixed-width text, ``as_html()`` and ``_repr_html_``
    HTML for notebooks; ``tables`` holds the DataFrames themselves.
    """

    def __init__(self, title: str, facts: dict[str, object], tables: list[tuple[str, pd.DataFrame]],
                 digits: int = 3) -> None:
        self.title = title
        self.facts = facts
        self.tables = tables
        self.digits = digits

    def _fmt(self, x: object) -> str:
        if isinstance(x, float):
            return "-" if x != x else f"{x:.{self.digits}f}"
        return str(x)

    def as_text(self) -> str:
        """The summary as fixed-width text."""
        width = max([len(self.title), 60])
        out = [self.title, "=" * width]
        if self.facts:
            key_w = max(len(k) for k in self.facts)
            out += [f"{k:<{key_w}}  {self._fmt(v)}" for k, v in self.facts.items()]
        for name, table in self.tables:
            out += ["", name, "-" * width]
            out.append(table.to_string(float_format=lambda v: self._fmt(float(v)), na_rep="-"))
        return "\n".join(out)

    def as_html(self) -> str:
        """The summary as an HTML fragment."""
        parts = [f"<h4>{html.escape(self.title)}</h4>"]
        if self.facts:
            rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(self._fmt(v))}</td></tr>"
                           for k, v in self.facts.items())
            parts.append(f"<table>{rows}</table>")
        for name, table in self.tables:
            parts.append(f"<h5>{html.escape(name)}</h5>")
            parts.append(table.to_html(float_format=lambda v: self._fmt(float(v)), na_rep="-"))
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.as_html()

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()


def fit_summary(fit: Fit, boot: BootstrapResult | None = None) -> Summary:
    """Paper-style tables of ``fit``: paths (with bootstrap SE, t, p, CI when ``boot`` is given),
    indicators, reliability and validity, R2 and fit."""
    paths = fit.paths.copy()
    if boot is not None:
        paths = paths.join(boot.paths[["se", "t", "p", "ci_low", "ci_high"]])
    facts: dict[str, object] = {
        "respondents": fit.sample["respondents"],
        "used": fit.sample["used"],
        "scheme / mode": f"{fit.options['scheme']} / {'PLSc' if fit.consistent else 'PLS'}",
        "iterations": f"{fit.iterations} ({'converged' if fit.converged else 'NOT converged'})",
        "GoF": fit.gof,
        "SRMR": fit.srmr,
    }
    if boot is not None:
        facts["bootstrap"] = f"{boot.resamples} resamples, seed {boot.seed}, failed {boot.failed}"
    tables = [
        ("Paths", paths),
        ("Indicators", fit.indicators[["construct", "weight", "loading", "outer_vif"]]),
        ("Reliability and validity", fit.constructs[["alpha", "rho_c", "rho_a", "ave", "r2", "r2_adjusted"]]),
    ]
    if not fit.htmt.empty:
        tables.append(("HTMT", fit.htmt))
    name = fit.data.survey.name
    return Summary("csikit PLS path model" + (f": {name}" if name else ""), facts, tables)


_followups.provide("Fit.summary", fit_summary)
_followups.provide("BootstrapResult.summary", lambda boot: fit_summary(boot.fit, boot))
