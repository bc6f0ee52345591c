"""csikit._core.index: 0-100 indices, IPA/IPMA and derived importance as bound result structs."""

from typing import Final, Sequence

from ._types import Array
from .data import Responses
from .pls import Fit

QUADRANTS: tuple[str, ...]

class ScoreSummary:
    mean: Final[float]
    sd: Final[float]
    se: Final[float]
    ci_low: Final[float]
    ci_high: Final[float]
    level: Final[float]
    n: Final[int]
    effective_n: Final[float]

class ConstructIndex:
    construct: Final[str]
    items: Final[list[str]]
    weights: Final[Array]
    index: Final[float]
    score_sd: Final[float]
    negative_weights: Final[bool]
    has_respondents: Final[bool]
    overall: Final[ScoreSummary]

class IndexResult:
    constructs: Final[list[ConstructIndex]]
    scores: Final[Array]
    effects: Final[Array]
    impacts: Final[Array]

class IpaPoint:
    id: Final[str]
    label: Final[str]
    importance: Final[float]
    performance: Final[float]
    quadrant: Final[str]
    gap: Final[float]
    above_diagonal: Final[bool]
    priority: Final[float]
    rank: Final[int]

class IpaResult:
    points: Final[list[IpaPoint]]
    importance_cut: Final[float]
    performance_cut: Final[float]
    rule: Final[str]
    def by_priority(self) -> list[str]: ...
    def in_quadrant(self, quadrant: str) -> list[str]: ...

class IpaFactor:
    id: Final[str]
    label: Final[str]
    importance: Final[float]
    performance: Final[float]

class IpmaEntry:
    id: Final[str]
    construct: Final[str]
    importance: Final[float]
    performance: Final[float]

class IpmaResult:
    target: Final[str]
    constructs: Final[list[IpmaEntry]]
    indicators: Final[list[IpmaEntry]]
    indices: Final[IndexResult]

class ImportanceTable:
    drivers: Final[list[str]]
    correlation: Final[Array]
    beta: Final[Array]
    pratt: Final[Array]
    relative_weights: Final[Array]
    relative_weights_percent: Final[Array]
    lmg: Final[Array]
    r2: Final[float]

def quadrant_label(quadrant: str, language: str = "en") -> str: ...
def indices(
    fit: Fit, *, use_respondents: bool = True, level: float = 0.95, refuse_negative_weights: bool = True
) -> IndexResult: ...
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
) -> IpaResult: ...
def ipma(fit: Fit, target: str, *, use_respondents: bool = True, level: float = 0.95) -> IpmaResult: ...
def stated_factors(data: Responses, pairs: Sequence[tuple[str, str]]) -> list[IpaFactor]: ...
def derived_factors(
    data: Responses, drivers: Sequence[str], outcome: str, measure: str = "relative_weights"
) -> list[IpaFactor]: ...
def importance(data: Responses, drivers: Sequence[str], outcome: str, with_lmg: bool = True) -> ImportanceTable: ...

def survey_ipa_json(data: Responses, importance: str = ..., crosshair: str = ..., custom_importance: float = ...,
                    custom_performance: float = ..., diagonal: bool = ..., by: str = ..., use_weights: bool = ...) -> str: ...
