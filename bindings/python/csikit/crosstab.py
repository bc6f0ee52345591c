"""Crosstabs: an item's distribution, a node's score, the satisfied flag or a category column by
a background column (optionally per layer value), with the chi-square test (Rao-Scott
corrected under weights), Cramer's V and the column letters (docs/crosstab.md)."""

from __future__ import annotations

import json as _json
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _core
from .data import Responses

__all__ = ["Crosstab", "crosstab"]


def _float(x: Any) -> float:
    return float("nan") if x is None else float(x)


class Crosstab:
    """The result of :func:`crosstab` (immutable), from the one JSON document (``json``).

    DataFrames indexed by the row category (and the layer value first when there is a layer),
    one column per value of ``cols``: ``counts`` (unweighted), ``weighted`` (weighted counts),
    ``col_shares``, ``row_shares`` (in [0, 1]) and ``letters`` (the columns a cell's column
    share is significantly larger than, Holm within the row). ``means``: one row per (layer,
    column) with the 0-100 ``score`` and its interval (and ``mean`` on the item's own scale for
    a distribution). ``tests``: one row per layer with the chi-square test and Cramer's V.
    ``excluded``: respondents left out by reason; ``notes``.
    """

    def __init__(self, text: str) -> None:
        self.json: str = text
        doc = _json.loads(text)
        self.doc: dict[str, Any] = doc
        self.kind: str = doc["kind"]
        self.variable: str = doc["variable"]
        self.label: str = doc["label"]
        self.satisfied_rule: str | None = doc["satisfied_rule"]
        self.layer: str | None = doc["layer"]
        self.columns: list[str] = [c["value"] for c in doc["columns"]]
        self.column_letters: dict[str, str] = {c["value"]: c["letter"] for c in doc["columns"]}
        self.weighted: bool = doc["weighted"]
        self.excluded: dict[str, int] = dict(doc["excluded"])
        self.notes: list[str] = list(doc["notes"])
        rows = [r["value"] for r in doc["rows"]]
        tables = doc["tables"]

        def index(values: list[str]) -> pd.Index:
            if self.layer is None:
                return pd.Index(values, name=self.variable)
            pairs = [(t["layer_value"], v) for t in tables for v in values]
            return pd.MultiIndex.from_arrays([[p[0] for p in pairs], [p[1] for p in pairs]],
                                             names=[self.layer, self.variable])

        def cells(field: str, dtype: Any) -> pd.DataFrame:
            data = [[(np.nan if c[field] is None else c[field]) for c in row] for t in tables for row in t["cells"]]
            frame = pd.DataFrame(data, columns=pd.Index(self.columns, name=doc["column"]), index=index(rows))
            return frame.astype(dtype)

        self.counts = cells("count", "int64")
        self.weighted_counts = cells("weighted", float)
        self.col_shares = cells("col_share", float)
        self.row_shares = cells("row_share", float)
        self.letters = cells("letters", object)

        means = []
        for t in tables:
            for j, value in enumerate(self.columns):
                if not t["col_score"]:
                    continue
                s = t["col_score"][j]
                row = {"layer": t["layer_value"], "column": value, "score": _float(s["mean"]), "se": _float(s["se"]),
                       "ci_lower": _float(s["ci_lower"]), "ci_upper": _float(s["ci_upper"]), "n": s["n"],
                       "n_eff": _float(s["n_eff"])}
                if t["col_mean"]:
                    row["mean"] = _float(t["col_mean"][j]["mean"])
                means.append(row)
        self.means = pd.DataFrame(means)
        if not self.means.empty:
            self.means = self.means.set_index(["layer", "column"] if self.layer else ["column"])
            if self.layer is None:
                self.means = self.means.drop(columns="layer")
        fields = ["computed", "pearson", "df", "p_value", "rao_scott", "mean_deff", "a2", "statistic", "statistic_df",
                  "statistic_p", "cramers_v", "significant"]
        self.tests = pd.DataFrame([{f: (np.nan if t["test"][f] is None else t["test"][f]) for f in fields} for t in tables],
                                  index=pd.Index([t["layer_value"] for t in tables], name=self.layer or "layer"))

    def __repr__(self) -> str:
        head = f"Crosstab({self.variable} by {self.doc['column']}, {self.kind})"
        return head + "\n" + (self.col_shares.to_string() if self.kind != "score" else self.means.to_string())


def crosstab(data: Responses, *, rows: str, cols: str, layer: str | None = None, alpha: float = 0.05,
             use_weights: bool = True, level: float = 0.95, threshold: float = 70.0,
             rescale: Literal["linear", "proportional", "labels"] = "linear", language: str = "") -> Crosstab:
    """``rows`` (an item: its scale points; a hierarchy node: its 0-100 score; ``"satisfied:ID"``;
    or a segment column) by the background column ``cols``, one table per value of ``layer``."""
    return Crosstab(_core.scoring.crosstab_json(data.core, rows=rows, cols=cols, layer=layer or "", alpha=alpha,
                                                use_weights=use_weights, level=level, threshold=threshold,
                                                rescale=rescale, language=language))
