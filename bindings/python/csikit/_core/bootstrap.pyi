"""csikit._core.bootstrap: the bootstrap of a fit."""

from typing import Any, Callable

from .pls import Fit

class Bootstrap:
    parameters: dict[str, list[Any]]
    criteria: dict[str, list[Any]]
    mediation: dict[str, list[Any]]
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
    def result_state(self) -> tuple[Any, ...]: ...

def restore(fit: Fit, state: tuple[Any, ...]) -> Bootstrap: ...
def bootstrap(
    fit: Fit,
    *,
    resamples: int,
    seed: int,
    threads: int,
    confidence: float,
    bca: bool,
    jackknife_max: int,
    max_failed_share: float,
    drop_inadmissible: bool,
    indices: bool,
    criteria: bool,
    mediation: list[list[str]],
    progress: Callable[[int, int], bool | None] | None,
) -> Bootstrap: ...
