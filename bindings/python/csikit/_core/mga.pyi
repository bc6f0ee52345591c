"""csikit._core.mga: multi-group analysis and MICOM (the JSON of csikit/mga.hpp)."""

from .data import Responses

def mga_json(
    data: Responses,
    column: str,
    *,
    permutations: int = 1000,
    bootstrap: int = 0,
    seed: int = 1,
    threads: int = 0,
    micom: bool = True,
    imputation: str = "group_means",
    adjust: str = "holm",
    alpha: float = 0.05,
    max_failed_share: float = 0.2,
    scheme: str = "path",
    missing: str = "listwise",
    consistent: bool = False,
    tolerance: float = 1e-7,
    max_iter: int = 300,
    use_weights: bool = True,
) -> str: ...
