"""A schema drafted from a data file: ``draft_schema`` (SPSS .sav/.zsav, Stata .dta, Excel
.xlsx, CSV), as ``csikit import`` drafts it. Reading those files needs nothing new:
``read_responses("answers.sav", survey)`` tells the format by the file's first bytes.
"""
from __future__ import annotations

import json
import os
from typing import Any

from . import _core

__all__ = ["draft_schema"]


def draft_schema(path: str | os.PathLike[str], language: str = "en", sheet: str | None = None) -> dict[str, Any]:
    """Drafts a schema from the data file at ``path``.

    Returns a dict: ``schema`` (a survey's JSON document, ready for ``csikit.Survey``/
    ``load_survey`` once saved), ``format``, ``respondents``, ``metadata_columns``,
    ``skipped_columns`` and ``notes`` (each ``{"column", "kind": "guess"|"check", "text"}``).
    ``language`` ("en" or "zh") is the language of the labels and notes; ``sheet`` names an
    Excel sheet (default the first).
    """
    text = _core.readers.draft_schema_json(os.fspath(path), language, sheet or "")
    return json.loads(text)
