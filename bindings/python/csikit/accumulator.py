"""Incremental tracking: a moment state of a survey's model indicators, added to batch by batch,
merged across machines or months, saved as bytes, and estimated without the respondent rows
(``csikit accumulate`` and ``csikit analyze --state`` from Python; docs/streaming.md).

    acc = csikit.Accumulator(survey)
    acc.add("january.csv")
    acc.add(february_frame)
    open("state.csm", "wb").write(acc.to_bytes())
    report = acc.analyze(missing="mean")     # report.json as a dict, paths as DataFrames
"""

from __future__ import annotations

import json
import os
from typing import Any

import pandas as pd

from . import _core
from .data import Responses, read_responses
from .survey import Survey, SurveySource, load_survey

__all__ = ["Accumulator", "moments_tables"]


class Accumulator:
    """The moments of ``survey``'s model indicators over every respondent added so far: what
    each missing treatment needs, the weights (with ``use_weights``) and the missing answers per
    item. Integer answers with integer weights are summed exactly, so the state is then the same
    whatever the batches and the merge order."""

    def __init__(self, survey: SurveySource, *, use_weights: bool = True) -> None:
        self._adopt(load_survey(survey), None, use_weights)

    def _adopt(self, survey: Survey, core: _core.scale.Accumulator | None, use_weights: bool = True) -> None:
        self._survey = survey
        self._core = core if core is not None else _core.scale.Accumulator(survey.core, use_weights=use_weights)

    @classmethod
    def from_bytes(cls, survey: SurveySource, state: bytes) -> "Accumulator":
        """A state saved with ``to_bytes`` (or by ``csikit accumulate``); ``ParseError`` for
        truncated, corrupted or foreign bytes, ``DataError`` for a state of another survey."""
        s = load_survey(survey)
        core = _core.scale.Accumulator.from_bytes(bytes(state))
        core.check_survey(s.core)
        acc = cls.__new__(cls)
        acc._adopt(s, core)
        return acc

    @property
    def core(self) -> _core.scale.Accumulator:
        """The compiled state (``csikit._core.scale.Accumulator``)."""
        return self._core

    def add(self, data: Responses | str | os.PathLike[str] | pd.DataFrame | Any, *, out_of_scale: str = "error",
            encoding: str | None = None, header_rows: int | None = None, sheet: str | None = None) -> "Accumulator":
        """Adds a batch: a ``Responses``, or anything ``read_responses`` reads (a path, a
        DataFrame, an Arrow stream), with its keywords. A CSV path is streamed chunk by chunk, so
        memory does not grow with the file. Returns self."""
        if out_of_scale not in ("error", "missing"):
            raise ValueError(f"Accumulator.add: out_of_scale={out_of_scale!r} (expected 'error' or 'missing')")
        if isinstance(data, (str, os.PathLike)) and not str(data).lower().endswith(".parquet"):
            self._core.add_file(self._survey.core, os.fspath(data), out_of_scale_missing=out_of_scale == "missing",
                                encoding=encoding or "", header_rows=header_rows or 0, sheet=sheet or "")
            return self
        if isinstance(data, Responses):
            responses = data
        else:
            responses = read_responses(data, self._survey, out_of_scale=out_of_scale, encoding=encoding,
                                       header_rows=header_rows, sheet=sheet)
        self._core.add(responses.core)
        return self

    def merge(self, other: "Accumulator") -> "Accumulator":
        """Adds ``other``'s respondents (``DataError`` naming the difference when its items,
        survey definition or use_weights differ). Returns self."""
        self._core.merge(other.core)
        return self

    def to_bytes(self) -> bytes:
        """The state as versioned, checksummed bytes (the file ``csikit accumulate`` writes)."""
        return self._core.to_bytes()

    @property
    def respondents(self) -> int:
        """Respondents added (merged states included)."""
        return self._core.respondents

    @property
    def items(self) -> list[str]:
        """The indicators whose moments the state holds, in model order."""
        return self._core.items

    def summary(self) -> dict[str, Any]:
        """What the state holds (the document of ``csikit accumulate --json``)."""
        return json.loads(self._core.summary_json())

    def analyze(self, *, missing: str = "listwise", scheme: str = "path", consistent: bool = False,
                target: str | None = None) -> dict[str, Any]:
        """The survey's model estimated from the state: report.json as a dict (paths, quality
        criteria, 0-100 indices, impacts, IPMA), with its "paths", "indicators" and "constructs"
        lists as DataFrames under "tables"."""
        report = json.loads(self._core.analyze(self._survey.core, missing=missing, scheme=scheme,
                                               consistent=consistent, target=target or ""))
        tables: dict[str, pd.DataFrame] = {}
        for name, key in (("paths", ["from", "to"]), ("indicators", ["id"]), ("constructs", ["id"])):
            rows = report.get(name)
            if isinstance(rows, list) and rows and all(k in rows[0] for k in key):
                tables[name] = pd.DataFrame(rows).set_index(key)
        report["tables"] = tables
        return report

    def __len__(self) -> int:
        return self.respondents

    def __repr__(self) -> str:
        return f"Accumulator({len(self.items)} items, {self.respondents} respondents)"


def moments_tables(m: dict[str, Any]) -> dict[str, Any]:
    """The finished moments of a state (the core's dict) as the engines return them: item_ids,
    mean and sd (Series), correlation (DataFrame), respondents_total, respondents_used and
    effective_n."""
    ids = pd.Index(m["item_ids"], name="item")
    return {
        "item_ids": list(m["item_ids"]),
        "mean": pd.Series(m["mean"], index=ids, name="mean"),
        "sd": pd.Series(m["sd"], index=ids, name="sd"),
        "correlation": pd.DataFrame(m["correlation"], index=ids, columns=ids),
        "respondents_total": m["respondents_total"],
        "respondents_used": m["respondents_used"],
        "effective_n": m["effective_n"],
    }
