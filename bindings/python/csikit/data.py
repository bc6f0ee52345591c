"""Response data: ``read_responses`` from a CSV file, a pandas DataFrame or a NumPy array
(``Responses`` is picklable: it travels as its arrays and its survey)."""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from .errors import DataError
from .survey import Survey, SurveySource, load_survey

__all__ = ["Responses", "read_responses"]


class Responses:
    """The answers of n respondents to a survey's items, recoded on reading (immutable).

    Missing-value codes and empty cells are NaN, reverse-worded items are recoded. ``summary``
    counts every cell that became missing and why.
    """

    def __init__(self, core: _core.data.Responses, index: pd.Index | None = None) -> None:
        self._core = core
        self._index = index

    @property
    def core(self) -> _core.data.Responses:
        """The compiled handle (``csikit._core.data.Responses``), for the other csikit modules."""
        return self._core

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


def _numeric_column(frame: pd.DataFrame, col: Any, what: str) -> np.ndarray:
    """One column as floats (NaN = missing). Dates and durations are refused by name: pandas
    would turn them (and NaT) into nanosecond counts such as -9223372036854775808."""
    series = frame[col]
    if (pd.api.types.is_datetime64_any_dtype(series) or pd.api.types.is_timedelta64_dtype(series)
            or isinstance(series.dtype, pd.PeriodDtype)):
        raise DataError(f"<DataFrame>: column {str(col)!r}: {series.dtype} values are not answers "
                        f"(expected {what}: numbers, NaN or None)")
    if series.dtype == object:
        for v in series:
            if isinstance(v, (pd.Timestamp, pd.Timedelta, np.datetime64, np.timedelta64)) and not pd.isna(v):
                raise DataError(f"<DataFrame>: column {str(col)!r}: the date or duration {v!r} is not a number "
                                f"(expected {what}: numbers, NaN or None)")
        # pd.NaT, None and pd.NA in an object column are pandas' missing markers: missing answers.
        series = series.map(lambda v: np.nan if v is pd.NaT or v is None or v is pd.NA else v)
    try:
        return pd.to_numeric(series, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (ValueError, TypeError) as exc:
        raise DataError(f"<DataFrame>: column {str(col)!r}: {exc} (expected {what}: numbers or NaN)") from exc


def _weights_argument(weights: Sequence[float] | np.ndarray | pd.Series | None) -> np.ndarray | None:
    if weights is None:
        return None
    if isinstance(weights, pd.Series):
        return _numeric_column(weights.to_frame("weights"), "weights", "weights")
    w = np.asarray(weights)
    if w.dtype.kind in "mM":
        raise DataError("read_responses: weights are dates or durations (expected numbers >= 0)")
    return np.asarray(w, dtype=float).reshape(-1)


def _check_weights_given(survey: Survey, present: bool, source: str) -> None:
    if survey.weight_column and not present:
        raise DataError(f"{source}: weight column {survey.weight_column!r}: no weights given (expected a column "
                        f"{survey.weight_column!r} or read_responses(..., weights=[one weight per row]))")


def _group_columns(survey: Survey) -> list[str]:
    return [*survey.segment_columns, *([survey.wave_column] if survey.wave_column else [])]


def _from_frame(frame: pd.DataFrame, survey: Survey, weights: np.ndarray | None,
                groups: Mapping[str, Sequence[Any]] | None, out_of_scale_missing: bool) -> Responses:
    wanted = set(survey.item_columns.values())
    # Only the item columns go to the core (others may hold text); it names any that are missing.
    columns = [str(c) for c in frame.columns if str(c) in wanted]
    by_name = {str(c): c for c in frame.columns}
    values = (np.column_stack([_numeric_column(frame, by_name[c], "item answers") for c in columns])
              if columns else np.empty((len(frame), 0)))
    if weights is None and survey.weight_column and survey.weight_column in by_name:
        weights = _numeric_column(frame, by_name[survey.weight_column], "weights")
    _check_weights_given(survey, weights is not None, "<DataFrame>")
    found: dict[str, list[str]] = {}
    for col in _group_columns(survey):
        if col in by_name:
            found[col] = ["" if pd.isna(v) else str(v) for v in frame[by_name[col]]]
    found.update(_groups_argument(groups))
    core = _core.data.from_matrix(survey.core, columns, np.ascontiguousarray(values),
                                  np.empty(0) if weights is None else weights, found, out_of_scale_missing)
    return Responses(core, frame.index)


def _groups_argument(groups: Mapping[str, Sequence[Any]] | None) -> dict[str, list[str]]:
    return {str(k): ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in vs]
            for k, vs in (groups or {}).items()}


def read_responses(
    source: str | os.PathLike[str] | pd.DataFrame | np.ndarray,
    survey: SurveySource,
    *,
    columns: Sequence[str] | None = None,
    weights: Sequence[float] | np.ndarray | pd.Series | None = None,
    groups: Mapping[str, Sequence[Any]] | None = None,
    out_of_scale: str = "error",
) -> Responses:
    """Reads the answers to ``survey``.

    ``source`` is a CSV file path (UTF-8; comma, semicolon or tab), a pandas DataFrame (item
    columns numeric; the survey's weight, segment and wave columns are picked up by name) or a
    2-D NumPy array with ``columns`` naming its columns. NaN (and, in a DataFrame, None, pd.NA
    and pd.NaT) = missing; date and duration columns are refused (``DataError`` naming the
    column). ``out_of_scale="missing"`` turns values outside an item's scale into missing
    answers instead of raising ``DataError``.

    ``weights`` (one number >= 0 per row, not all zero) weights the respondents of a DataFrame
    or array; it overrides a weight column of the DataFrame. ``groups`` maps segment and wave
    columns to one value per row (an array source needs it for the columns the survey
    declares; a DataFrame may hold them instead). A CSV file's weights and groups come from its
    own columns, so both keywords are refused with a CSV source.
    """
    if out_of_scale not in ("error", "missing"):
        raise ValueError(f"read_responses: out_of_scale={out_of_scale!r} (expected 'error' or 'missing')")
    s = load_survey(survey)
    oos = out_of_scale == "missing"
    w = _weights_argument(weights)
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, s, w, groups, oos)
    if isinstance(source, np.ndarray):
        if columns is None:
            raise ValueError("read_responses: a NumPy array needs `columns` (expected one name per column)")
        if source.dtype.kind in "mM":
            raise DataError("read_responses: the array holds dates or durations (expected numbers or NaN)")
        names = [str(c) for c in columns]
        _check_weights_given(s, w is not None or (bool(s.weight_column) and s.weight_column in names), "<array>")
        given = _groups_argument(groups)
        for col in _group_columns(s):
            if col not in given:
                raise DataError(f"<array>: column {col!r}: the survey declares this segment/wave column (expected "
                                f"read_responses(..., groups={{{col!r}: [one value per row]}}) or a DataFrame "
                                "holding the column)")
        core = _core.data.from_matrix(s.core, names, np.asarray(source, dtype=float),
                                      np.empty(0) if w is None else w, given, oos)
        return Responses(core)
    if isinstance(source, (str, os.PathLike)):
        for name, value in (("weights", weights), ("groups", groups)):
            if value is not None:
                raise ValueError(f"read_responses: {name}= with a CSV file (expected it as a column of the file, "
                                 "or read the file with pandas and pass the DataFrame)")
        return Responses(_core.data.read_csv(s.core, os.fspath(source), oos))
    raise TypeError(f"read_responses: unsupported source {type(source).__name__} "
                    "(expected a CSV path, a DataFrame or a NumPy array)")
