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
    """The columns the core reads as text: segments, the wave, then the feedback records (the
    0/1 columns of multi-response items and the verbatim column; docs/feedback.md)."""
    doc = survey.to_dict()
    records = [c.get("column") or c["id"] for m in doc.get("multi_response", []) for c in m["categories"]]
    if doc.get("verbatim_column"):
        records.append(doc["verbatim_column"])
    return [*survey.segment_columns, *([survey.wave_column] if survey.wave_column else []), *records]


def _text_cells(series: pd.Series) -> list[str | None]:
    """A text-like column as strings for the core, which reads numbers written as text and the
    scale's labels (an unknown label is reported once per column). None = missing."""
    out: list[str | None] = []
    for v in series:
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
            out.append(None)
        elif isinstance(v, (pd.Timestamp, pd.Timedelta, np.datetime64, np.timedelta64)):
            raise DataError(f"<DataFrame>: column {str(series.name)!r}: the date or duration {v!r} is not a number "
                            "(expected item answers: numbers, labels of the scale, NaN or None)")
        elif isinstance(v, (bool, np.bool_)):
            out.append("1" if v else "0")
        elif isinstance(v, (float, np.floating)):
            out.append(repr(float(v)))
        else:
            out.append(str(v))
    return out


def _is_text(series: pd.Series) -> bool:
    return (series.dtype == object or isinstance(series.dtype, pd.CategoricalDtype)
            or pd.api.types.is_string_dtype(series.dtype))


def _from_frame(frame: pd.DataFrame, survey: Survey, weights: np.ndarray | None,
                groups: Mapping[str, Sequence[Any]] | None, out_of_scale_missing: bool) -> Responses:
    wanted = set(survey.item_columns.values())
    # Every column is named to the core (so a missing one is told among all of them, with the
    # closest names); only item columns are passed, as numbers or, when text, as strings.
    by_name = {str(c): c for c in frame.columns}
    columns: list[tuple[str, Any]] = []
    for name, col in by_name.items():
        if name not in wanted:
            columns.append((name, None))
        elif _is_text(frame[col]):
            columns.append((name, _text_cells(frame[col])))
        else:
            columns.append((name, _numeric_column(frame, col, "item answers")))
    if weights is None and survey.weight_column and survey.weight_column in by_name:
        weights = _numeric_column(frame, by_name[survey.weight_column], "weights")
    _check_weights_given(survey, weights is not None, "<DataFrame>")
    found: dict[str, list[str]] = {}
    for col in _group_columns(survey):
        if col in by_name:
            found[col] = ["" if pd.isna(v) else str(v) for v in frame[by_name[col]]]
    found.update(_groups_argument(groups))
    core = _core.data.from_columns(survey.core, len(frame), columns,
                                   np.empty(0) if weights is None else weights, found, out_of_scale_missing)
    return Responses(core, frame.index)


def _arrow_stream(source: Any, what: str) -> Any:
    """The PyCapsule of an object's Arrow C stream (pyarrow, polars, DuckDB, nanoarrow ...)."""
    try:
        return source.__arrow_c_stream__()
    except Exception as exc:  # the producer's own error, named
        raise DataError(f"<arrow>: {what}.__arrow_c_stream__() failed: {exc} "
                        "(expected an Arrow table, record batch reader or data frame)") from exc


_PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")


def _is_parquet(path: str) -> bool:
    if path.lower().endswith(_PARQUET_SUFFIXES):
        return True
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"PAR1"
    except OSError:
        return False  # the CSV reader names the problem


def _read_parquet(path: str, survey: Survey, oos: bool) -> Responses:
    """A Parquet file through pyarrow, batch by batch, reading only the columns the survey uses."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise DataError(f"{path}: reading Parquet needs pyarrow (expected `pip install pyarrow`)") from exc
    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise DataError(f"{path}: not a readable Parquet file: {exc} (expected a Parquet file)") from exc
    used = set(survey.item_columns.values()) | set(_group_columns(survey))
    if survey.weight_column:
        used.add(survey.weight_column)
    names = pf.schema_arrow.names
    keep = [n for n in names if n in used]
    # The others are passed as null columns, so that messages count and suggest among all of them.
    batches = pf.iter_batches(columns=keep)
    schema = pa.schema([pf.schema_arrow.field(n) for n in keep])
    reader = pa.RecordBatchReader.from_batches(schema, batches)
    if len(keep) < len(names):
        others = [n for n in names if n not in used]
        full = pa.schema([*schema, *[pa.field(n, pa.null()) for n in others]])

        def widened(inner: Any) -> Any:
            for b in inner:
                yield pa.RecordBatch.from_arrays([*b.columns, *[pa.nulls(b.num_rows) for _ in others]], schema=full)
        reader = pa.RecordBatchReader.from_batches(full, widened(reader))
    core = _core.data.read_arrow(survey.core, reader.__arrow_c_stream__(), oos)
    return Responses(core)


def _check_file_options(encoding: str | None, header_rows: int | None, sheet: str | None, is_path: bool,
                        where: str = "read_responses") -> None:
    """The keywords that say how a data file is read (read_options): only with a path, typed."""
    if (encoding is not None or header_rows is not None or sheet is not None) and not is_path:
        raise ValueError(f"{where}: encoding=, header_rows= and sheet= are for a data file (expected a path)")
    if header_rows is not None and (isinstance(header_rows, bool) or not isinstance(header_rows, int)
                                    or header_rows < 1):
        raise ValueError(f"{where}: header_rows={header_rows!r} (expected a whole number >= 1)")
    for name, value in (("encoding", encoding), ("sheet", sheet)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{where}: {name}={value!r} (expected a str)")


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
    encoding: str | None = None,
    header_rows: int | None = None,
    sheet: str | None = None,
) -> Responses:
    """Reads the answers to ``survey``.

    ``source`` is a CSV file path (comma, semicolon or tab; UTF-8 or UTF-16 detected, else
    ``encoding="gbk"``, ``"gb18030"``, ``"latin-1"``, ...; a Qualtrics or SurveyMonkey export's
    header rows detected, else ``header_rows=N``), an SPSS ``.sav``/``.zsav``, Stata ``.dta`` or
    Excel ``.xlsx`` path (told by the file's first bytes; ``sheet="NAME"`` picks a sheet, default
    the first), a Parquet file path (through pyarrow), a
    pandas DataFrame (item columns numeric, or text holding numbers or the scale's labels; the
    survey's weight, segment and wave columns are picked up by name), any object with
    ``__arrow_c_stream__`` (a pyarrow Table or RecordBatchReader, a polars DataFrame, a DuckDB
    relation: read through the Arrow C stream interface, no conversion to pandas) or a 2-D
    NumPy array with ``columns`` naming its columns. NaN (and, in a DataFrame, None, pd.NA
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
    _check_file_options(encoding, header_rows, sheet, isinstance(source, (str, os.PathLike)))
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, s, w, groups, oos)
    if hasattr(source, "__arrow_c_stream__") and not isinstance(source, (str, os.PathLike, np.ndarray)):
        for name, value in (("weights", weights), ("groups", groups)):
            if value is not None:
                raise ValueError(f"read_responses: {name}= with an Arrow source (expected it as a column)")
        return Responses(_core.data.read_arrow(s.core, _arrow_stream(source, type(source).__name__), oos))
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
        path = os.fspath(source)
        if _is_parquet(path):
            if encoding is not None or header_rows is not None or sheet is not None:
                raise ValueError("read_responses: encoding=, header_rows= and sheet= are for CSV and Excel, "
                                 "not Parquet")
            return _read_parquet(path, s, oos)
        return Responses(_core.data.read_csv(s.core, path, oos, encoding or "", header_rows or 0, sheet or ""))
    raise TypeError(f"read_responses: unsupported source {type(source).__name__} "
                    "(expected a CSV or Parquet path, a DataFrame, an object with __arrow_c_stream__ or a NumPy array)")
