"""csikit._core.data: response data read against a survey."""

from typing import Any, Final, Sequence

from ._types import Array
from .schema import Survey

class Responses:
    survey: Final[Survey]
    item_ids: Final[list[str]]
    values: Final[Array]
    weights: Final[Array]
    weighted: Final[bool]
    groups: Final[dict[str, list[str]]]
    lines: Final[list[int]]
    source: Final[str]
    summary: Final[dict[str, Any]]
    def __len__(self) -> int: ...
    def __getstate__(self) -> tuple[Any, ...]: ...
    def __setstate__(self, state: tuple[Any, ...]) -> None: ...

def read_csv(
    survey: Survey,
    path: str,
    out_of_scale_missing: bool = False,
    encoding: str = "",
    header_rows: int = 0,
    sheet: str = "",
) -> Responses: ...
def read_arrow(survey: Survey, stream: Any, out_of_scale_missing: bool = False) -> Responses: ...
def from_columns(
    survey: Survey,
    rows: int,
    columns: list[tuple[str, Any]],
    weights: Array = ...,
    groups: dict[str, list[str]] = ...,
    out_of_scale_missing: bool = False,
) -> Responses: ...
def parse_csv(survey: Survey, text: str, out_of_scale_missing: bool = False) -> Responses: ...
def from_matrix(
    survey: Survey,
    columns: Sequence[str],
    values: Array,
    weights: Array = ...,
    groups: dict[str, list[str]] = ...,
    out_of_scale_missing: bool = False,
) -> Responses: ...
