"""csikit._core.simulate: data from a known population model."""

from typing import Sequence

from ._types import Array, Model

def simulate(
    model: Model,
    path_coefficients: Sequence[float],
    loadings: Sequence[float],
    *,
    exogenous_correlation: float = 0.0,
    n: int = 250,
    seed: int = 1,
    scale_points: int = 0,
) -> tuple[list[str], Array, Array]: ...
