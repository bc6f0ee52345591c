"""The survey schema: ``load_survey`` and the read-only ``Survey`` (picklable: it travels as
its schema JSON)."""

from __future__ import annotations

import json
import os
from functools import cached_property
from typing import Any, Optional, Union

from . import _core
from ._args import INDENT_RANGE, integer
from ._attrs import core_attr

__all__ = ["Survey", "load_survey"]

SurveySource = Union[str, "os.PathLike[str]", dict, "Survey"]


class Survey:
    """A validated survey schema: scales, items, the indicator hierarchy, constructs and paths.

    Immutable. The fields follow the JSON schema (docs/schema.md); ``to_dict()`` gives all of it.
    """

    def __init__(self, core: _core.schema.Survey) -> None:
        self._core = core

    @property
    def core(self) -> _core.schema.Survey:
        """The compiled handle (``csikit._core.schema.Survey``), for the other csikit modules."""
        return self._core

    @cached_property
    def _doc(self) -> dict[str, Any]:
        return json.loads(self._core.to_json(-1))

    name = core_attr[str]("""The survey's name ("" if none).""")

    items = core_attr[list[str]]("Item ids, in schema order.", field="item_ids")

    @property
    def item_columns(self) -> dict[str, str]:
        """Item id -> the data column that holds it."""
        return {i["id"]: i.get("column") or i["id"] for i in self._doc.get("items", [])}

    @property
    def constructs(self) -> dict[str, list[str]]:
        """Construct id -> its item ids (the index model's measurement model)."""
        return {c["id"]: list(c["items"]) for c in self.model()["constructs"]}

    @property
    def paths(self) -> list[tuple[str, str]]:
        """Structural paths as (from, to) pairs."""
        return [(p["from"], p["to"]) for p in self.model()["paths"]]

    @property
    def scales(self) -> dict[str, dict[str, Any]]:
        """Scale id -> its JSON description (min, max, values, missing codes, top box)."""
        return {s["id"]: s for s in self._doc.get("scales", [])}

    languages = core_attr[list[str]]("Label languages; the first is the default.")

    weight_column = core_attr[Optional[str]]("Column of respondent weights, or None when unweighted.", none_if_empty=True)

    segment_columns = core_attr[list[str]]("Segment columns (e.g. age band, channel).")

    wave_column = core_attr[Optional[str]]("Column of the survey wave/period, or None.", none_if_empty=True)

    nps_item = core_attr[Optional[str]]("The 0-10 recommendation item, or None.", none_if_empty=True)

    def model(self) -> dict[str, list[dict[str, Any]]]:
        """The PLS model declared in the schema: ``{"constructs": [...], "paths": [...]}``."""
        return self._core.model()

    def to_dict(self) -> dict[str, Any]:
        """The whole schema as a JSON-compatible dict."""
        return json.loads(self._core.to_json(-1))

    def to_json(self, indent: int = 2) -> str:
        """The schema as JSON text (round-trips through ``load_survey``); ``indent`` -1 (one
        line) .. 64."""
        return self._core.to_json(integer("Survey.to_json", "indent", indent, *INDENT_RANGE))

    def __repr__(self) -> str:
        return (f"Survey({self.name!r}: {len(self.items)} items, {len(self.constructs)} constructs, "
                f"{len(self.paths)} paths)")


def load_survey(source: SurveySource) -> Survey:
    """Loads and validates a survey schema.

    ``source`` is a file path, JSON text (starting with ``{``), a dict in the JSON form, or a
    ``Survey`` (returned as is). Raises ``ParseError`` for malformed JSON, ``SchemaError``
    listing every problem, ``IoError`` for an unreadable file.
    """
    if isinstance(source, Survey):
        return source
    if isinstance(source, dict):
        return Survey(_core.schema.parse_survey(json.dumps(source), "<dict>"))
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return Survey(_core.schema.parse_survey(source, "<string>"))
    if isinstance(source, (str, os.PathLike)):
        return Survey(_core.schema.load_survey(os.fspath(source)))
    raise TypeError(f"load_survey: unsupported source {type(source).__name__} "
                    "(expected a path, JSON text, a dict or a Survey)")
