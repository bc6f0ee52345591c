"""csikit._core.scoring: descriptive scores and inference on the user's own numbers."""

from typing import Any

from ._types import Array
from .data import Responses

def score_json(
    data: Responses,
    *,
    rescale: str = "linear",
    aggregate: str = "respondent",
    threshold: float = 70.0,
    level: float = 0.95,
    interval: str = "wilson",
    by: str = "",
    by_wave: bool = True,
    language: str = "",
    top_box: dict[str, list[float]] = ...,
    promoter_min: float = 9.0,
    detractor_max: float = 6.0,
    indent: int = -1,
    ahp_method: str = "eigenvector",
    ahp_allow_inconsistent: bool = False,
) -> str: ...
def nps(
    x: Array, weights: Array = ..., level: float = 0.95, promoter_min: float = 9.0, detractor_max: float = 6.0
) -> dict[str, Any]: ...
def mean_ci(x: Array, weights: Array = ..., level: float = 0.95) -> dict[str, Any]: ...
def proportion_interval(p: float, n: float, level: float = 0.95, method: str = "wilson") -> tuple[float, float]: ...
