"""Exceptions raised by csikit: one class per kind of C++ ``csikit::error``.

Every exception carries ``kind`` (the C++ error kind, e.g. ``"schema"``) and ``problems``, a
list of ``(where, message)`` pairs; ``str(exc)`` lists every problem, one per line, in the
form ``where: what is wrong (what was expected)``.
"""

from __future__ import annotations

__all__ = [
    "Error",
    "IoError",
    "ParseError",
    "SchemaError",
    "DataError",
    "ModelError",
    "NumericError",
    "ConvergenceError",
    "CancelledError",
    "ArgumentError",
]


class Error(Exception):
    """Base class of every csikit error."""

    #: The C++ error kind ("io", "parse", "schema", "data", ...).
    kind: str = "error"
    #: Every problem found, as (where, message) pairs.
    problems: list[tuple[str, str]]

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.problems = []


class IoError(Error, OSError):
    """A file cannot be opened or read."""


class ParseError(Error, ValueError):
    """Malformed JSON or CSV text."""


class SchemaError(Error, ValueError):
    """The survey schema is inconsistent (unknown ids, duplicates, bad ranges, ...)."""


class DataError(Error, ValueError):
    """The response data do not fit the schema (missing columns, out-of-scale values)."""


class ModelError(Error, ValueError):
    """The path model cannot be estimated as specified (cycles, empty blocks, ...)."""


class NumericError(Error, ArithmeticError):
    """Singular or degenerate matrices, constant items."""


class ConvergenceError(Error, ArithmeticError):
    """An iterative algorithm did not converge."""


class CancelledError(Error):
    """A long computation was cancelled by its progress callback."""


class ArgumentError(Error, ValueError):
    """A bad option or argument value."""
