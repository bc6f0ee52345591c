"""``Summary``: titled tables printed like a paper's (text) or rendered in notebooks (HTML)."""

from __future__ import annotations

import html

import pandas as pd

__all__ = ["Summary"]


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
