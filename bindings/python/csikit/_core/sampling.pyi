"""csikit._core.sampling: sample sizes, margins of error, design effects, allocation."""

from typing import Any, Sequence

from ._types import Array

def sample_size_proportion(
    margin: float, level: float = 0.95, p: float = 0.5, population: float | None = None, fpc: str = "cochran"
) -> dict[str, Any]: ...
def sample_size_mean(
    sd: float, margin: float, level: float = 0.95, population: float | None = None, fpc: str = "cochran"
) -> dict[str, Any]: ...
def moe_proportion(
    n: int, p: float = 0.5, level: float = 0.95, population: float | None = None, deff: float = 1.0
) -> dict[str, Any]: ...
def moe_mean(
    n: int, sd: float, level: float = 0.95, population: float | None = None, deff: float = 1.0
) -> dict[str, Any]: ...
def design_effect(weights: Array) -> float: ...
def effective_n(weights: Array) -> float: ...
def allocate(
    total: int,
    population: Sequence[float],
    *,
    method: str = "proportional",
    sd: Sequence[float] = ...,
    cost: Sequence[float] = ...,
    minimum: float = 0.0,
    cap: bool = True,
) -> dict[str, Any]: ...
