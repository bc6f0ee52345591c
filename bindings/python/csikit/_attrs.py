"""Read-only attributes a result class passes through from its compiled handle (``.core``),
declared once each instead of a property that repeats ``return self._core.<name>``. The owner class
provides the ``core`` property."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

__all__ = ["core_attr"]

T = TypeVar("T")


class core_attr(Generic[T]):  # noqa: N801 - used like ``property``
    """``name = core_attr[T]("doc")`` reads ``self.core.name`` (or ``self.core.<field>``);
    with ``none_if_empty=True`` an empty value reads as None. Assigning raises AttributeError,
    as for a property without a setter."""

    def __init__(self, doc: str, *, field: str = "", none_if_empty: bool = False) -> None:
        self.__doc__ = doc
        self._field = field
        self._none_if_empty = none_if_empty
        self._name = field

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        self._field = self._field or name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> core_attr[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = getattr(obj.core, self._field)
        return (value or None) if self._none_if_empty else value

    def __set__(self, obj: object, value: object) -> None:
        raise AttributeError(f"attribute '{self._name}' of '{type(obj).__name__}' object is read-only")
