"""Composition-adjusted scores: each wave's (or segment's) 0-100 scores directly standardised to
a reference mix of a background column, next to the raw figures, with the raw and adjusted
changes from group to group (docs/crosstab.md "Composition-adjusted scores")."""

from __future__ import annotations

import json as _json
from typing import Any, Literal, Mapping

import numpy as np
import pandas as pd

from . import _core
from .data import Responses

__all__ = ["Standardized", "standardize"]


def _float(x: Any) -> float:
    return float("nan") if x is None else float(x)


class Standardized:
    """The result of :func:`standardize`, from the one JSON document (``json``, ``doc``).

    ``figures``: one row per (figure id, group) with ``raw``, ``raw_lower``, ``raw_upper``,
    ``adjusted``, ``adjusted_lower``, ``adjusted_upper``, ``n``. ``changes``: one row per
    (figure id, from, to) with the raw and the adjusted change, their intervals and p values.
    ``mix``: the share of each value of ``adjust_for`` per group and in the reference.
    """

    def __init__(self, text: str) -> None:
        self.json: str = text
        doc = _json.loads(text)
        self.doc: dict[str, Any] = doc
        self.by: str = doc["by"]
        self.adjust_for: str = doc["adjust_for"]
        self.reference: str = doc["reference"]
        self.groups: list[str] = list(doc["groups"])
        self.notes: list[str] = list(doc["notes"])
        self.figures = pd.DataFrame(
            [{"id": f["id"], self.by: f["group"], "n": f["raw"]["n"],
              "raw": _float(f["raw"]["mean"]), "raw_lower": _float(f["raw"]["ci_lower"]),
              "raw_upper": _float(f["raw"]["ci_upper"]),
              "adjusted": _float(f["adjusted"]["mean"]), "adjusted_lower": _float(f["adjusted"]["ci_lower"]),
              "adjusted_upper": _float(f["adjusted"]["ci_upper"])} for f in doc["figures"]],
            columns=["id", self.by, "n", "raw", "raw_lower", "raw_upper", "adjusted", "adjusted_lower",
                     "adjusted_upper"]).set_index(["id", self.by])
        rows = []
        for c in doc["changes"]:
            row: dict[str, Any] = {"id": c["id"], "from": c["from"], "to": c["to"]}
            for kind in ("raw", "adjusted"):
                t = c[kind]
                row[kind] = _float(t["difference"])
                row[kind + "_lower"] = _float(t["ci_lower"])
                row[kind + "_upper"] = _float(t["ci_upper"])
                row[kind + "_p"] = _float(t["p_value"])
            rows.append(row)
        cols = ["id", "from", "to"] + [k + s for k in ("raw", "adjusted") for s in ("", "_lower", "_upper", "_p")]
        self.changes = pd.DataFrame(rows, columns=cols).set_index(["id", "from", "to"])
        self.mix = pd.DataFrame(
            {**{g: [_float(s["mix"][k]) for s in doc["strata"]] for k, g in enumerate(self.groups)},
             "reference": [_float(s["reference_share"]) for s in doc["strata"]]},
            index=pd.Index([s["value"] for s in doc["strata"]], name=self.adjust_for), dtype=np.float64)

    def __repr__(self) -> str:
        return f"Standardized({self.by}, adjusted for {self.adjust_for}, {self.reference} mix)\n" + self.figures.to_string()


def standardize(data: Responses, *, adjust_for: str, by: str | None = None,
                reference: Literal["pooled", "first", "given"] = "pooled", shares: Mapping[str, float] | None = None,
                use_weights: bool = True, level: float = 0.95,
                rescale: Literal["linear", "proportional", "labels"] = "linear") -> Standardized:
    """Every hierarchy node's and item's 0-100 score per value of ``by`` (default: the wave
    column), raw and directly standardised to the reference mix of ``adjust_for``: the pooled
    mix, the first group's, or ``shares`` (``reference="given"``; a share per value, sum 1)."""
    return Standardized(_core.scoring.standardize_json(
        data.core, adjust_for=adjust_for, by=by or "", reference=reference, shares=dict(shares or {}),
        use_weights=use_weights, level=level, rescale=rescale))
