"""Simulated survey data from a known population model."""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from . import _core
from ._args import INT_RANGE, SEED_RANGE, SIMULATE_N_RANGE, integer

__all__ = ["simulate"]


def simulate(
    constructs: Mapping[str, Sequence[str]],
    paths: Mapping[tuple[str, str], float],
    loadings: float | Mapping[str, float] = 0.8,
    *,
    n: int = 250,
    seed: int = 1,
    scale_points: int = 0,
    exogenous_correlation: float = 0.0,
) -> pd.DataFrame:
    """Draws ``n`` respondents from a population model: common factors with standardised
    ``paths`` {(from, to): coefficient}, every item ``loading * factor + error`` (one loading for
    all items or a dict by item). ``scale_points=K`` puts items on 1..K; 0 keeps them continuous.
    ``attrs["construct_correlation"]`` holds the true construct correlations. ``seed`` is an
    integer 0..2**64-1, ``n`` and ``scale_points`` non-negative integers."""
    n = integer("simulate", "n", n, *SIMULATE_N_RANGE)
    seed = integer("simulate", "seed", seed, *SEED_RANGE)
    scale_points = integer("simulate", "scale_points", scale_points, 0, INT_RANGE[1])
    model = {"constructs": [{"id": c, "items": list(items), "mode": "A"} for c, items in constructs.items()],
             "paths": [{"from": f, "to": t} for f, t in paths]}
    items = [i for its in constructs.values() for i in its]
    lam = [float(loadings)] * len(items) if isinstance(loadings, (int, float)) else [float(loadings[i]) for i in items]
    ids, values, rho = _core.simulate.simulate(model, [float(v) for v in paths.values()], lam,
                                      exogenous_correlation=exogenous_correlation, n=n, seed=seed,
                                      scale_points=scale_points)
    frame = pd.DataFrame(values, columns=ids)
    frame.attrs["construct_correlation"] = pd.DataFrame(rho, index=list(constructs), columns=list(constructs))
    return frame
