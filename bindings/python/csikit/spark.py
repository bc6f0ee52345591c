"""Spark: the moments of a Spark DataFrame through ``mapInArrow`` (docs/scale.md).

Each Spark partition turns its Arrow record batches into one accumulator state (bytes); the
driver collects the states in partition order and merges them in a fixed binary tree, then
finishes. ``mapInArrow`` (not the RDD API) also runs on Spark Connect.
"""

from __future__ import annotations

from typing import Any, Iterator

from . import _core
from .accumulator import moments_tables
from .data import read_responses
from .survey import Survey, SurveySource, load_survey

__all__ = ["moments", "partition_states"]


def _batches_state(batches: Iterator[Any], survey: Survey, items: list[str], use_weights: bool) -> Iterator[Any]:
    import numpy as np
    import pyarrow as pa

    acc = _core.scale.ReplicateAccumulator(survey.core, items, replicates=0, seed=0, id_column="",
                                           use_weights=use_weights)
    for batch in batches:
        if batch.num_rows == 0:
            continue
        data = read_responses(pa.Table.from_batches([batch]), survey)
        values = np.ascontiguousarray(data.values[items].to_numpy(dtype=float))
        weights = data.weights.to_numpy(dtype=float) if use_weights and data.weighted else None
        acc.add(values, weights, [0] * batch.num_rows)  # no replicates: the keys are not used
    yield pa.RecordBatch.from_pydict({"state": [acc.to_bytes()]}, schema=pa.schema([("state", pa.binary())]))


def partition_states(sdf: Any, survey: SurveySource, items: list[str], use_weights: bool = True) -> list[bytes]:
    """One state per Spark partition, collected in partition order."""
    s = load_survey(survey)
    rows = sdf.mapInArrow(lambda it: _batches_state(it, s, items, use_weights), "state binary").collect()
    return [bytes(r["state"]) for r in rows]


def moments(sdf: Any, survey: SurveySource, *, items: list[str] | None = None, missing: str = "listwise",
            use_weights: bool = True) -> dict[str, Any]:
    """The moments of ``items`` (default: the survey's model indicators) of a Spark DataFrame,
    as csikit.dask.moments returns them."""
    s = load_survey(survey)
    items = list(items) if items is not None else _core.scale.model_items(s.core, None)
    states = [_core.scale.ReplicateAccumulator.from_bytes(b) for b in partition_states(sdf, s, items, use_weights)]
    if not states:
        raise ValueError("csikit.spark: the DataFrame has no partitions (expected at least one)")
    while len(states) > 1:  # neighbours first, in partition order
        merged = []
        for i in range(0, len(states), 2):
            if i + 1 < len(states):
                states[i].merge(states[i + 1])
            merged.append(states[i])
        states = merged
    m = states[0].moments(missing)
    return moments_tables(m)
