"""Multi-group analysis and MICOM: ``mga(data, column)`` and its ``MgaResult`` tables
(docs/mga.md). The numbers come from the one C++ serializer (the JSON of ``csikit mga --json``)."""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

import pandas as pd

from . import _core
from ._args import MAX_ITER_RANGE, RESAMPLES_RANGE, SEED_RANGE, THREADS_RANGE, integer
from .data import Responses

__all__ = ["MgaResult", "mga"]


class MgaResult:
    """Per-group estimates, the tests of their differences and MICOM (immutable)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._doc = document

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``csikit mga --json``."""
        return json.loads(json.dumps(self._doc))

    @property
    def column(self) -> str:
        """The group column."""
        return self._doc["column"]

    @property
    def groups(self) -> pd.DataFrame:
        """One row per group: respondents and respondents used."""
        g = self._doc["groups"]
        return pd.DataFrame({"respondents": [x["respondents"] for x in g], "used": [x["used"] for x in g]},
                            index=pd.Index([x["value"] for x in g], name="group"))

    @property
    def missing_note(self) -> str:
        """The missing-data treatment, stated per group."""
        return self._doc["sample"]["missing_note"]

    @cached_property
    def estimates(self) -> pd.DataFrame:
        """Every compared estimate side by side: index (kind, label), one column per group
        (and ``omnibus_p`` for more than two groups)."""
        names = [g["value"] for g in self._doc["groups"]]
        rows = []
        for p in self._doc["parameters"]:
            row = {"kind": p["kind"], "label": p["label"]}
            row.update({n: (float("nan") if v is None else v) for n, v in zip(names, p["estimate"])})
            row["omnibus_p"] = float("nan") if p["omnibus_p"] is None else p["omnibus_p"]
            rows.append(row)
        return pd.DataFrame(rows).set_index(["kind", "label"])

    @property
    def paths(self) -> pd.DataFrame:
        """Path coefficients per group, index (from, to)."""
        part = self.estimates.loc["path"].copy()
        part.index = pd.MultiIndex.from_tuples([tuple(s.split(" -> ", 1)) for s in part.index], names=["from", "to"])
        return part

    @cached_property
    def comparisons(self) -> pd.DataFrame:
        """Every pair of groups x every estimate: difference and the p values of every test,
        index (kind, label, group1, group2)."""
        frame = pd.DataFrame(self._doc["comparisons"]).set_index(["kind", "label", "group1", "group2"])
        return frame.astype(float)

    @cached_property
    def micom(self) -> pd.DataFrame:
        """MICOM steps 2 and 3 per pair and construct, index (group1, group2, construct);
        empty without MICOM."""
        m = self._doc["micom"]
        if not m:
            return pd.DataFrame()
        rows = [dict(c, group1=p["group1"], group2=p["group2"]) for p in m["pairs"] for c in p["constructs"]]
        return pd.DataFrame(rows).set_index(["group1", "group2", "construct"])

    @property
    def configural(self) -> list[str]:
        """MICOM step 1, the configural checklist."""
        m = self._doc["micom"]
        return list(m["configural"]) if m else []

    def group_fit(self, value: str) -> dict[str, Any]:
        """report.json of one group's own estimate."""
        for g in self._doc["groups"]:
            if g["value"] == value:
                return g["fit"]
        raise KeyError(value)

    def __repr__(self) -> str:
        names = ", ".join(f"{g['value']} {g['used']}" for g in self._doc["groups"])
        return f"MgaResult(by {self.column!r}: {names}; {self._doc['settings']['permutations']} permutations)"


def mga(
    data: Responses,
    column: str,
    *,
    permutations: int = 1000,
    bootstrap: int = 0,
    seed: int = 1,
    threads: int = 0,
    micom: bool = True,
    imputation: str = "group_means",
    adjust: str = "holm",
    alpha: float = 0.05,
    max_failed_share: float = 0.2,
    scheme: str = "path",
    missing: str = "listwise",
    consistent: bool = False,
    tolerance: float = 1e-7,
    max_iter: int = 300,
    use_weights: bool = True,
) -> MgaResult:
    """Estimates the survey's model in every group of ``column`` (a segment or wave column) and
    tests the differences: permutation test per pair (Holm over the pairs, omnibus for > 2
    groups), with ``bootstrap`` resamples per group also PLS-MGA, parametric and Welch t tests;
    MICOM. ``imputation`` ("group_means" or "pooled_means") applies with ``missing="mean"``.
    Same seed, same numbers, whatever ``threads``."""
    permutations = integer("mga", "permutations", permutations, *RESAMPLES_RANGE)
    bootstrap = integer("mga", "bootstrap", bootstrap, *RESAMPLES_RANGE)
    seed = integer("mga", "seed", seed, *SEED_RANGE)
    threads = integer("mga", "threads", threads, *THREADS_RANGE)
    max_iter = integer("mga", "max_iter", max_iter, *MAX_ITER_RANGE)
    text = _core.mga.mga_json(data.core, column, permutations=permutations, bootstrap=bootstrap, seed=seed,
                              threads=threads, micom=micom, imputation=imputation, adjust=adjust, alpha=alpha,
                              max_failed_share=max_failed_share, scheme=scheme, missing=missing,
                              consistent=consistent, tolerance=tolerance, max_iter=max_iter, use_weights=use_weights)
    return MgaResult(json.loads(text))
