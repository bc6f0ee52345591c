"""csikit._core.bootstrap: the bootstrap of a fit."""

from typing import Any, Callable

from .pls import Fit

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
    def result_state(self) -> tuple[Any, ...]: ...

def restore(fit: Fit, state: tuple[Any, ...]) -> Bootstrap: ...
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
