"""0-100 construct indices (ACSI/ECSI/CCSI style) and impacts."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _core, _followups
from .fit import Fit

__all__ = ["IndexResult", "indices"]

#: Columns of ``IndexResult.table`` and where each comes from in the C++ ``construct_index``.
_TABLE = {"index": lambda c: c.index, "mean": lambda c: c.overall.mean, "se": lambda c: c.overall.se,
          "ci_low": lambda c: c.overall.ci_low, "ci_high": lambda c: c.overall.ci_high,
          "n": lambda c: c.overall.n, "effective_n": lambda c: c.overall.effective_n,
          "score_sd": lambda c: c.score_sd}


class IndexResult:
    """Indices of every construct of a fit (immutable).

    ``table``: index, respondent mean with SE and t-interval, score SD per construct;
    ``impacts``: the 0-100 change of `to` for a 5-point rise of `from`; ``weights``: the
    normalised item weights of each index. ``core`` is the C++ ``index_result`` these come from.
    """

    def __init__(self, core: _core.index.IndexResult, fit: Fit) -> None:
        self.core = core
        rows = core.constructs
        # The index table's own constructs: an extended fit's differ from the fit's (interaction
        # terms have no index; LOCs left out of stage 2 have their stage-1 index).
        ids = [r.construct for r in rows]
        self.table = pd.DataFrame({k: [get(r) for r in rows] for k, get in _TABLE.items()},
                                  index=pd.Index([r.construct for r in rows], name="construct"))
        self.impacts = pd.DataFrame(np.array(core.impacts), index=pd.Index(ids, name="to"),
                                    columns=pd.Index(ids, name="from"))
        self.effects = pd.DataFrame(np.array(core.effects), index=pd.Index(ids, name="to"),
                                    columns=pd.Index(ids, name="from"))
        self.weights = {r.construct: pd.Series(np.array(r.weights), index=pd.Index(r.items, name="item"))
                        for r in rows}
        scores = np.array(core.scores)
        self.scores = pd.DataFrame(scores, index=fit.data.index if len(scores) == len(fit.data) else None,
                                   columns=pd.Index(ids, name="construct")) if np.size(scores) else None

    @property
    def index(self) -> pd.Series:
        """The 0-100 index of every construct."""
        return self.table["index"]

    def plot(self, ax: Any = None) -> Any:
        """Bar chart of the indices with their intervals (needs matplotlib; ``csikit.plots.index_bars``)."""
        return _followups.call("IndexResult.plot", self, ax=ax)

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
    core = _core.index.indices(fit.core, use_respondents=use_respondents, level=level,
                               refuse_negative_weights=refuse_negative_weights)
    return IndexResult(core, fit)


_followups.provide("Fit.indices", indices)
