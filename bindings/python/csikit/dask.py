"""Dask, the primary engine for data that outgrow one machine (docs/scale.md).

Every partition of a Dask DataFrame becomes the bytes of a replicate state (the moments of its
respondents and, for the bootstrap, of B Poisson replicates); the states are merged in a fixed
binary tree over the partitions in their order (never in completion order), and the merged
state is finished and estimated here. ``moments``, ``estimate`` and ``bootstrap`` run on the
active scheduler (a ``distributed.Client`` when one exists).

Respondent keys of the bootstrap: the text of ``id_column`` (``str(value)``: an integer id 1001
is the text "1001", a float 1001.0 is "1001.0"), else the global row number, which needs the
partitions in row order (Dask keeps it; the row numbers are counted per partition first).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from .accumulator import moments_tables
from .data import read_responses
from .survey import Survey, SurveySource, load_survey

__all__ = ["moments", "estimate", "bootstrap", "partition_state", "merge_states", "tree_reduce"]


def partition_state(frame: pd.DataFrame, survey: Survey, items: list[str], replicates: int, seed: int,
                    id_column: str | None, use_weights: bool, first_row: int) -> bytes:
    """The replicate state of one partition, as bytes (runs on a worker)."""
    data = read_responses(frame, survey)
    values = np.ascontiguousarray(data.values[items].to_numpy(dtype=float))
    weights = data.weights.to_numpy(dtype=float) if use_weights and data.weighted else None
    if id_column:
        if id_column not in frame.columns:
            raise KeyError(f"csikit.dask: id column {id_column!r} is not in the data (expected a column of the frame)")
        ids = frame[id_column]
        if ids.isna().any():
            raise ValueError(f"csikit.dask: id column {id_column!r} has a missing id (expected one for every row)")
        keys = _core.scale.respondent_keys([str(v) for v in ids])
    else:
        keys = list(range(first_row, first_row + len(frame)))
    acc = _core.scale.ReplicateAccumulator(survey.core, items, replicates=replicates, seed=seed,
                                           id_column=id_column or "", use_weights=use_weights)
    acc.add(values, weights, keys)
    return acc.to_bytes()


def merge_states(a: bytes, b: bytes) -> bytes:
    """The state of a's respondents followed by b's."""
    x = _core.scale.ReplicateAccumulator.from_bytes(a)
    x.merge(_core.scale.ReplicateAccumulator.from_bytes(b))
    return x.to_bytes()


def tree_reduce(parts: list[Any]) -> Any:
    """Merges delayed states pairwise, neighbours first, in partition order: the same tree for
    the same number of partitions, whichever worker finishes first."""
    from dask import delayed

    if not parts:
        raise ValueError("csikit.dask: the data have no partitions (expected at least one)")
    while len(parts) > 1:
        parts = [delayed(merge_states)(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    return parts[0]


def _state(ddf: Any, survey: Survey, items: list[str], replicates: int, seed: int, id_column: str | None,
           use_weights: bool) -> Any:
    import dask
    from dask import delayed

    frames = ddf.to_delayed()
    if id_column:
        first = [0] * len(frames)
    else:  # row keys: every partition's first global row, counted first
        lengths = dask.compute(*[delayed(len)(f) for f in frames])
        first = [int(v) for v in np.concatenate([[0], np.cumsum(lengths)[:-1]])] if lengths else []
    parts = [delayed(partition_state)(f, survey, items, replicates, seed, id_column, use_weights, r0)
             for f, r0 in zip(frames, first)]
    state = tree_reduce(parts).compute()
    return _core.scale.ReplicateAccumulator.from_bytes(state)


def moments(ddf: Any, survey: SurveySource, *, items: list[str] | None = None, missing: str = "listwise",
            use_weights: bool = True) -> dict[str, Any]:
    """The moments of ``items`` (default: the survey's model indicators) over every partition:
    a dict with item_ids, mean and sd (Series), correlation (DataFrame), respondents_total,
    respondents_used and effective_n."""
    s = load_survey(survey)
    items = list(items) if items is not None else _core.scale.model_items(s.core, None)
    m = _state(ddf, s, items, 0, 0, None, use_weights).moments(missing)
    return moments_tables(m)


def _tables(report: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The report.json fit as DataFrames: paths (from, to), weights and loadings (indicator), r2."""
    out: dict[str, pd.DataFrame] = {}
    for name, key in (("paths", ["from", "to"]), ("indicators", ["id"]), ("constructs", ["id"])):
        rows = report.get(name)
        if isinstance(rows, list) and rows and all(k in rows[0] for k in key):
            out[name] = pd.DataFrame(rows).set_index(key)
    return out


def estimate(ddf: Any, survey: SurveySource, *, model: Any = None, missing: str = "listwise",
             use_weights: bool = True) -> dict[str, Any]:
    """The PLS estimate of ``model`` (default: the survey's) from every partition's moments:
    the report.json dict of the fit, plus its "paths", "indicators" and "constructs" lists as
    DataFrames under "tables"."""
    s = load_survey(survey)
    items = _core.scale.model_items(s.core, model)
    acc = _state(ddf, s, items, 0, 0, None, use_weights)
    report = json.loads(_core.scale.estimate(s.core, acc, model=model, missing=missing))
    report["tables"] = _tables(report)
    return report


def bootstrap(ddf: Any, survey: SurveySource, *, resamples: int = 200, seed: int = 1, id_column: str | None = None,
              model: Any = None, missing: str = "listwise", use_weights: bool = True, confidence: float = 0.95,
              threads: int = 0) -> dict[str, Any]:
    """The Poisson bootstrap (``resamples`` replicates, ``seed``) of the estimate, in one pass
    over the partitions: a dict with "parameters" (DataFrame indexed by kind and label:
    estimate, mean, bias, se, t, p, ci_low, ci_high), "bootstrap" (the bootstrap's JSON dict)
    and "report" (report.json of the fit with its bootstrap)."""
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 2:
        raise ValueError(f"csikit.dask.bootstrap: resamples={resamples!r} (expected a whole number >= 2)")
    s = load_survey(survey)
    items = _core.scale.model_items(s.core, model)
    acc = _state(ddf, s, items, resamples, seed, id_column, use_weights)
    report, boot = _core.scale.bootstrap(s.core, acc, model=model, missing=missing, confidence=confidence,
                                         threads=threads)
    b = json.loads(boot)
    params = pd.DataFrame(b["parameters"])
    if {"kind", "label"} <= set(params.columns):
        params = params.set_index(["kind", "label"])
    return {"parameters": params, "bootstrap": b, "report": json.loads(report)}
