"""csikit._core.predict: PLSpredict and CVPAT of a fit (the JSON document)."""

from typing import Any

from .pls import Fit

def predict(
    fit: Fit,
    *,
    folds: int,
    repeats: int,
    seed: int,
    threads: int,
    approach: str,
    benchmark: str,
    scheme: str,
    tolerance: float,
    max_iter: int,
    cvpat: bool,
    model2: dict[str, Any] | None,
    level: float,
) -> str: ...
