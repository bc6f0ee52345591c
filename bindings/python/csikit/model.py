"""Path models as plain dicts: ``model`` builds one, ``preset`` binds ACSI/ECSI/CCSI to items."""

from __future__ import annotations

import json
from typing import Any, Literal, Mapping, Sequence

from . import _core

__all__ = ["model", "preset", "preset_names"]

Model = dict[str, list[dict[str, Any]]]


def model(constructs: Mapping[str, Sequence[str]], paths: Sequence[tuple[str, str]], *,
          modes: Mapping[str, Literal["A", "B"]] | None = None) -> Model:
    """A path model: ``constructs`` maps construct id -> item ids, ``paths`` lists (from, to)
    pairs, ``modes`` gives "B" for formative constructs (default "A"). Raises ``ModelError``
    listing every structural problem (cycles, unknown constructs, empty blocks)."""
    modes = modes or {}
    m: Model = {
        "constructs": [{"id": c, "items": list(items), "mode": modes.get(c, "A")} for c, items in constructs.items()],
        "paths": [{"from": f, "to": t} for f, t in paths],
    }
    _core.schema.validate_model(m)
    return m


def preset_names() -> list[str]:
    """The shipped index models: ["acsi", "ccsi", "ecsi"]."""
    return _core.schema.preset_names()


def preset(name: str, items: Mapping[str, Sequence[str]] | None = None, *, drop_complaints: bool = False,
           mode: Literal["A", "B"] = "A") -> Model | dict[str, Any]:
    """A shipped index model. With ``items`` (construct id -> item ids) the model ready for
    ``estimate(model=...)``; without, the preset's description (constructs, roles, paths)."""
    if items is None:
        return json.loads(_core.schema.preset_json(name))
    return _core.schema.bind_preset(name, {k: list(v) for k, v in items.items()}, drop_complaints, mode)
