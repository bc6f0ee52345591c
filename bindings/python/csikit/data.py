"""Response data: ``read_responses`` from a CSV file, a pandas DataFrame or a NumPy array."""

from __future__ import annotations

import os
from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _core
from .survey import Survey, SurveySource, load_survey

__all__ = ["Responses", "read_responses"]


class Responses:
    """The answers of n respondents to a survey's items, recoded on reading (immutable).

    Missing-value codes and empty cells are NaN, reverse-worded items are recoded. ``summary``
    counts every cell that became missing and why.
    """

    def __init__(self, core: _core.Responses, index: pd.Index | None = None) -> None:
        self._core = core
        self._index = index

    @property
    def survey(self) -> Survey:
        """The survey these answers belong to."""
        return Survey(self._core.survey)

    @property
    def items(self) -> list[str]:
        """Item ids (the columns of ``values``)."""
        return self._core.item_ids

    @property
    def index(self) -> pd.Index:
        """Respondent labels: the DataFrame's index when read from one, else 0..n-1."""
        return self._index if self._index is not None else pd.RangeIndex(len(self), name="respondent")

    @property
    def values(self) -> pd.DataFrame:
        """Recoded answers as a respondents x items DataFrame (NaN = missing)."""
        return pd.DataFrame(self._core.values, index=self.index, columns=pd.Index(self.items, name="item"))

    @property
    def weights(self) -> pd.Series:
        """Respondent weights (all 1 when unweighted)."""
        return pd.Series(self._core.weights, index=self.index, name="weight")

    @property
    def weighted(self) -> bool:
        """True if the weights came from the survey's weight column."""
        return self._core.weighted

    @property
    def groups(self) -> pd.DataFrame:
        """Segment and wave columns as strings ("" = missing)."""
        return pd.DataFrame(self._core.groups, index=self.index)

    @property
    def summary(self) -> dict[str, Any]:
        """What reading did: respondents, empty cells, missing codes, out-of-scale values, ..."""
        return self._core.summary

    def to_frame(self) -> pd.DataFrame:
        """Answers, weights and group columns in one DataFrame."""
        frame = self.values
        if self.weighted:
            frame["weight"] = self.weights
        return frame.join(self.groups) if self._core.groups else frame

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"Responses({len(self)} respondents x {len(self.items)} items, source={self._core.source!r})"


def _from_frame(frame: pd.DataFrame, survey: Survey, out_of_scale_missing: bool) -> Responses:
    wanted = set(survey.item_columns.values())
    # Only the item columns go to the core (others may hold text); it names any that are missing.
    columns = [str(c) for c in frame.columns if str(c) in wanted]
    try:
        values = frame[columns].apply(pd.to_numeric, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (ValueError, TypeError) as exc:
        from .errors import DataError

        raise DataError(f"<DataFrame>: item columns must be numeric (expected numbers or NaN): {exc}") from exc
    weights = np.empty(0)
    if survey.weight_column and survey.weight_column in frame.columns:
        weights = frame[survey.weight_column].to_numpy(dtype=float)
    groups: dict[str, list[str]] = {}
    for col in [*survey.segment_columns, *([survey.wave_column] if survey.wave_column else [])]:
        if col in frame.columns:
            groups[col] = ["" if pd.isna(v) else str(v) for v in frame[col]]
    core = _core.from_matrix(survey._core, columns, np.ascontiguousarray(values), weights, groups,
                             out_of_scale_missing)
    return Responses(core, frame.index)


def read_responses(
    source: str | os.PathLike[str] | pd.DataFrame | np.ndarray,
    survey: SurveySource,
    *,
    columns: Sequence[str] | None = None,
    weights: Sequence[float] | np.ndarray | None = None,
    out_of_scale: str = "error",
) -> Responses:
    """Reads the answers to ``survey``.

    ``source`` is a CSV file path (UTF-8; comma, semicolon or tab), a pandas DataFrame (item
    columns numeric; the survey's weight, segment and wave columns are picked up by name) or a
    2-D NumPy array with ``columns`` naming its columns (``weights`` optional). NaN = missing.
    ``out_of_scale="missing"`` turns values outside an item's scale into missing answers
    instead of raising ``DataError``.
    """
    if out_of_scale not in ("error", "missing"):
        raise ValueError(f"read_responses: out_of_scale={out_of_scale!r} (expected 'error' or 'missing')")
    s = load_survey(survey)
    oos = out_of_scale == "missing"
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, s, oos)
    if isinstance(source, np.ndarray):
        if columns is None:
            raise ValueError("read_responses: a NumPy array needs `columns` (expected one name per column)")
        w = np.empty(0) if weights is None else np.asarray(weights, dtype=float)
        core = _core.from_matrix(s._core, list(columns), np.asarray(source, dtype=float), w, {}, oos)
        return Responses(core)
    if isinstance(source, (str, os.PathLike)):
        return Responses(_core.read_csv(s._core, os.fspath(source), oos))
    raise TypeError(f"read_responses: unsupported source {type(source).__name__} "
                    "(expected a CSV path, a DataFrame or a NumPy array)")
