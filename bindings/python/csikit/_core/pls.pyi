"""csikit._core.pls: PLS path-model estimation and the Fit handle."""

from typing import Any, Final

from ._types import Array, Model
from .bootstrap import Bootstrap
from .data import Responses
from .schema import Survey

class Options:
    """Every field of csikit::pls_options (csikit/pls.hpp)."""

    scheme: Final[str]
    missing: Final[str]
    consistent: Final[bool]
    tolerance: Final[float]
    max_iterations: Final[int]
    use_weights: Final[bool]
    keep_scores: Final[bool]
    quality: Final[bool]
    stopping: Final[str]
    f2_reestimate: Final[bool]
    strict: Final[bool]

class Fit:
    constructs: list[str]
    indicators: list[str]
    block: list[int]
    modes: list[str]
    iterations: int
    weight_change: float
    converged: bool
    consistent: bool
    admissible: bool
    warnings: list[str]
    gof: float
    srmr: float
    survey: Survey
    data: Responses
    options: Options
    model: Model
    sample: dict[str, Any]
    paths: Array
    total_effects: Array
    indirect_effects: Array
    cross_loadings: Array
    construct_correlation: Array
    composite_correlation: Array
    f2: Array
    inner_vif: Array
    htmt: Array
    fornell_larcker: Array
    scores: Array
    weights: Array
    weights_unstandardized: Array
    loadings: Array
    r2: Array
    r2_adjusted: Array
    outer_vif: Array
    ave: Array
    rho_c: Array
    rho_a: Array
    alpha: Array
    plsc_factor: Array
    def report_json(
        self,
        boot: Bootstrap | None = None,
        target: str = "",
        by: str = "",
        crosshair: str = "mean",
        level: float = 0.95,
        use_weights: bool = True,
        indent: int = 2,
    ) -> str: ...
    def extension_json(self) -> str | None: ...
    def __getstate__(self) -> tuple[Any, ...]: ...
    def __setstate__(self, state: tuple[Any, ...]) -> None: ...

def estimate(
    data: Responses,
    *,
    model: Model | str | None,
    scheme: str,
    missing: str,
    consistent: bool,
    tolerance: float,
    max_iterations: int,
    use_weights: bool,
    keep_scores: bool,
    quality: bool,
    stopping: str,
    f2_reestimate: bool,
    strict: bool,
) -> Fit: ...
