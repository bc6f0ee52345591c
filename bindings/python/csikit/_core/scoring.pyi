"""csikit._core.scoring: descriptive scores and inference on the user's own numbers."""

from typing import Any

from ._types import Array
from .data import Responses
from .schema import Survey

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
def score_file_json(
    survey: Survey,
    path: str,
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
    out_of_scale_missing: bool = False,
    encoding: str = "",
) -> str: ...
def trend_json(
    data: Responses,
    *,
    wave: str = "",
    control_sigma: float = 3.0,
    rescale: str = "linear",
    aggregate: str = "respondent",
    threshold: float = 70.0,
    level: float = 0.95,
    interval: str = "wilson",
    language: str = "",
    promoter_min: float = 9.0,
    detractor_max: float = 6.0,
    ahp_method: str = "eigenvector",
    ahp_allow_inconsistent: bool = False,
    indent: int = -1,
) -> str: ...
def feedback_json(
    data: Responses,
    *,
    by: str = "",
    wave: str = "",
    on: str = "",
    top: int = 5,
    verbatims: bool = True,
    max_verbatims: int = 10,
    rescale: str = "linear",
    aggregate: str = "respondent",
    threshold: float = 70.0,
    language: str = "",
    indent: int = -1,
) -> str: ...
def nps(
    x: Array, weights: Array = ..., level: float = 0.95, promoter_min: float = 9.0, detractor_max: float = 6.0
) -> dict[str, Any]: ...
def mean_ci(x: Array, weights: Array = ..., level: float = 0.95) -> dict[str, Any]: ...
def proportion_interval(p: float, n: float, level: float = 0.95, method: str = "wilson") -> tuple[float, float]: ...
def crosstab_json(
    data: Responses,
    *,
    rows: str,
    cols: str,
    layer: str = "",
    alpha: float = 0.05,
    use_weights: bool = True,
    level: float = 0.95,
    threshold: float = 70.0,
    rescale: str = "linear",
    language: str = "",
) -> str: ...
def standardize_json(
    data: Responses,
    *,
    adjust_for: str,
    by: str = "",
    reference: str = "pooled",
    shares: dict[str, float] = ...,
    use_weights: bool = True,
    level: float = 0.95,
    rescale: str = "linear",
) -> str: ...
