"""Type stubs of csikit._core, the private compiled module (use the csikit package instead)."""

from typing import Any, Callable, Literal, Sequence

import numpy as np
import numpy.typing as npt

__version__: str

_Array = npt.NDArray[np.float64]
_Model = dict[str, list[dict[str, Any]]]

def error_kinds() -> dict[str, str]: ...

class Survey:
    @property
    def name(self) -> str: ...
    @property
    def item_ids(self) -> list[str]: ...
    @property
    def languages(self) -> list[str]: ...
    @property
    def weight_column(self) -> str: ...
    @property
    def segment_columns(self) -> list[str]: ...
    @property
    def wave_column(self) -> str: ...
    @property
    def nps_item(self) -> str: ...
    @property
    def overall_item(self) -> str: ...
    def model(self) -> _Model: ...
    def to_json(self, indent: int = 2) -> str: ...

def parse_survey(text: str, source: str = "<string>") -> Survey: ...
def load_survey(path: str) -> Survey: ...
def validate_model(model: _Model) -> None: ...
def preset_names() -> list[str]: ...
def preset_json(name: str) -> str: ...
def bind_preset(
    name: str, items: dict[str, list[str]], drop_complaints: bool = False, mode: Literal["A", "B"] = "A"
) -> _Model: ...

class Responses:
    @property
    def survey(self) -> Survey: ...
    @property
    def item_ids(self) -> list[str]: ...
    @property
    def values(self) -> _Array: ...
    @property
    def weights(self) -> _Array: ...
    @property
    def weighted(self) -> bool: ...
    @property
    def groups(self) -> dict[str, list[str]]: ...
    @property
    def lines(self) -> list[int]: ...
    @property
    def source(self) -> str: ...
    @property
    def summary(self) -> dict[str, Any]: ...
    def __len__(self) -> int: ...

def read_csv(survey: Survey, path: str, out_of_scale_missing: bool = False) -> Responses: ...
def parse_csv(survey: Survey, text: str, out_of_scale_missing: bool = False) -> Responses: ...
def from_matrix(
    survey: Survey,
    columns: Sequence[str],
    values: _Array,
    weights: _Array = ...,
    groups: dict[str, list[str]] = ...,
    out_of_scale_missing: bool = False,
) -> Responses: ...

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
    model: _Model
    sample: dict[str, Any]
    paths: _Array
    total_effects: _Array
    indirect_effects: _Array
    cross_loadings: _Array
    construct_correlation: _Array
    composite_correlation: _Array
    f2: _Array
    inner_vif: _Array
    htmt: _Array
    fornell_larcker: _Array
    scores: _Array
    weights: _Array
    weights_unstandardized: _Array
    loadings: _Array
    r2: _Array
    r2_adjusted: _Array
    outer_vif: _Array
    ave: _Array
    rho_c: _Array
    rho_a: _Array
    alpha: _Array
    plsc_factor: _Array
    def report_json(
        self,
        boot: Bootstrap | None = None,
        target: str = "",
        by: str = "",
        crosshair: str = "mean",
        level: float = 0.95,
        indent: int = 2,
    ) -> str: ...

def estimate(
    data: Responses,
    *,
    model: _Model | None = None,
    scheme: str = "path",
    missing: str = "listwise",
    consistent: bool = False,
    tolerance: float = 1e-7,
    max_iterations: int = 300,
    use_weights: bool = True,
    keep_scores: bool = False,
    quality: bool = True,
    stopping: str = "max_abs_change",
    f2_reestimate: bool = False,
    strict: bool = False,
) -> Fit: ...

class Bootstrap:
    parameters: dict[str, list[Any]]
    resamples: int
    succeeded: int
    failed: int
    failed_by_reason: dict[str, int]
    failure_examples: dict[str, str]
    seed: int
    threads: int
    confidence: float
    df: float
    respondents: int
    jackknife: int

def bootstrap(
    fit: Fit,
    *,
    resamples: int = 5000,
    seed: int = 1,
    threads: int = 0,
    confidence: float = 0.95,
    bca: bool = True,
    jackknife_max: int = 2000,
    max_failed_share: float = 0.2,
    drop_inadmissible: bool = False,
    indices: bool = True,
    progress: Callable[[int, int], bool | None] | None = None,
) -> Bootstrap: ...
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
    indent: int = -1,
) -> str: ...
def nps(
    x: _Array, weights: _Array = ..., level: float = 0.95, promoter_min: float = 9.0, detractor_max: float = 6.0
) -> dict[str, Any]: ...
def mean_ci(x: _Array, weights: _Array = ..., level: float = 0.95) -> dict[str, Any]: ...
def proportion_interval(p: float, n: float, level: float = 0.95, method: str = "wilson") -> tuple[float, float]: ...
def indices(
    fit: Fit, *, use_respondents: bool = True, level: float = 0.95, refuse_negative_weights: bool = True
) -> dict[str, Any]: ...
def ipa(
    ids: Sequence[str],
    labels: Sequence[str],
    importance: Sequence[float],
    performance: Sequence[float],
    *,
    rule: str = "mean",
    custom_importance: float = 0.0,
    custom_performance: float = 0.0,
    importance_scale: tuple[float, float] = (0, 100),
    performance_scale: tuple[float, float] = (0, 100),
) -> dict[str, Any]: ...
def ipma(fit: Fit, target: str, *, use_respondents: bool = True, level: float = 0.95) -> dict[str, Any]: ...
def stated_factors(data: Responses, pairs: Sequence[tuple[str, str]]) -> list[dict[str, Any]]: ...
def derived_factors(
    data: Responses, drivers: Sequence[str], outcome: str, measure: str = "relative_weights"
) -> list[dict[str, Any]]: ...
def importance(data: Responses, drivers: Sequence[str], outcome: str, with_lmg: bool = True) -> dict[str, Any]: ...
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
def design_effect(weights: _Array) -> float: ...
def effective_n(weights: _Array) -> float: ...
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
def simulate(
    model: _Model,
    path_coefficients: Sequence[float],
    loadings: Sequence[float],
    *,
    exogenous_correlation: float = 0.0,
    n: int = 250,
    seed: int = 1,
    scale_points: int = 0,
) -> tuple[list[str], _Array, _Array]: ...
def run_cli(args: Sequence[str]) -> int: ...
