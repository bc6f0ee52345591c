"""A schema drafted from a data file: ``draft_schema`` (SPSS .sav/.zsav, Stata .dta, Excel
.xlsx, CSV), as ``csikit import`` drafts it. Reading those files needs nothing new:
``read_responses("answers.sav", survey)`` tells the format by the file's first bytes.
"""
from __future__ import annotations

import json
import os
from typing import Any

from . import _core
from .data import _check_file_options

__all__ = ["draft_schema"]


def draft_schema(
    path: str | os.PathLike[str],
    language: str = "en",
    sheet: str | None = None,
    *,
    encoding: str | None = None,
    header_rows: int | None = None,
) -> dict[str, Any]:
    """Drafts a schema from the data file at ``path``.

    Returns a dict: ``schema`` (a survey's JSON document, ready for ``csikit.Survey``/
    ``load_survey`` once saved), ``format``, ``respondents``, ``metadata_columns``,
    ``skipped_columns`` and ``notes`` (each ``{"column", "kind": "guess"|"check", "text"}``).
    ``language`` ("en" or "zh") is the language of the labels and notes; ``sheet`` names an
    Excel sheet (default the first). A CSV is read as ``read_responses`` reads it: ``encoding``
    ("gbk", "gb18030", "utf-16", "latin-1", ...; default: detect UTF-8/UTF-16) and
    ``header_rows`` (default: detect a Qualtrics, SurveyMonkey or 问卷星 export's header rows).
    """
    _check_file_options(encoding, header_rows, sheet, True, "draft_schema")
    text = _core.readers.draft_schema_json(os.fspath(path), language, sheet or "", encoding or "", header_rows or 0)
    return json.loads(text)
