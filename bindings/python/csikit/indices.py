"""0-100 construct indices (ACSI/ECSI/CCSI style) and impacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:
    from .fit import Fit

__all__ = ["IndexResult", "indices"]


class IndexResult:
    """Indices of every construct of a fit (immutable).

    ``table``: index, respondent mean with SE and t-interval, score SD per construct;
    ``impacts``: the 0-100 change of `to` for a 5-point rise of `from`; ``weights``: the
    normalised item weights of each index.
    """

    def __init__(self, raw: dict[str, Any], fit: Fit) -> None:
        self._raw = raw
        ids = fit.construct_ids
        rows = raw["constructs"]
        self.table = pd.DataFrame(
            {k: [r[k] for r in rows] for k in ("index", "mean", "se", "ci_low", "ci_high", "n", "effective_n",
                                               "score_sd")},
            index=pd.Index([r["construct"] for r in rows], name="construct"))
        self.impacts = pd.DataFrame(raw["impacts"], index=pd.Index(ids, name="to"),
                                    columns=pd.Index(ids, name="from"))
        self.effects = pd.DataFrame(raw["effects"], index=pd.Index(ids, name="to"),
                                    columns=pd.Index(ids, name="from"))
        self.weights = {r["construct"]: pd.Series(np.asarray(r["weights"]), index=pd.Index(r["items"], name="item"))
                        for r in rows}
        scores = raw["scores"]
        self.scores = pd.DataFrame(scores, index=fit.data.index if len(scores) == len(fit.data) else None,
                                   columns=pd.Index(ids, name="construct")) if np.size(scores) else None

    @property
    def index(self) -> pd.Series:
        """The 0-100 index of every construct."""
        return self.table["index"]

    def plot(self, ax: Any = None) -> Any:
        """Bar chart of the indices with their intervals (needs matplotlib)."""
        from .plots import index_bars

        return index_bars(self, ax=ax)

    def _repr_html_(self) -> str:
        return self.table.to_html(float_format=lambda v: f"{v:.2f}")

    def __repr__(self) -> str:
        return "IndexResult\n" + self.table.to_string(float_format=lambda v: f"{v:.2f}")


def indices(fit: Fit, *, use_respondents: bool = True, level: float = 0.95,
            refuse_negative_weights: bool = True) -> IndexResult:
    """0-100 index of every construct from its unstandardised outer weights and the items'
    theoretical scale bounds, with respondent-level means and t-intervals (``use_respondents``)
    and ACSI impacts. Raises ``NumericError`` for negative weights unless
    ``refuse_negative_weights=False``."""
    raw = _core.indices(fit._core, use_respondents=use_respondents, level=level,
                        refuse_negative_weights=refuse_negative_weights)
    return IndexResult(raw, fit)
