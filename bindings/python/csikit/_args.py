"""Checks of integer arguments, one rule for every face of csikit (docs/reliability.md).

An integer argument is a Python ``int`` (or anything with ``__index__``, such as a NumPy
integer; never a ``bool`` or a float) inside a documented range; anything else raises
``ArgumentError`` (a ``ValueError``) naming the keyword and the range. The ranges of the
options the CLI also has come from the core's table (include/csikit/limits.hpp, bound as
``csikit._core.limits``), so the two faces accept the same numbers.
"""

from __future__ import annotations

import operator

from ._core import limits as _limits
from .errors import ArgumentError

__all__ = ["COUNT_RANGE", "INDENT_RANGE", "INT_RANGE", "JACKKNIFE_MAX_RANGE", "MAX_ITER_RANGE", "PLAN_N_RANGE",
           "PLAN_TOTAL_RANGE", "RESAMPLES_RANGE", "SEED_RANGE", "SIMULATE_N_RANGE", "THREADS_RANGE", "integer"]

_CORE = _limits.ranges()
#: ``seed``: every 64-bit unsigned value, both ends included (CLI ``--seed``).
SEED_RANGE: tuple[int, int] = _CORE["seed"]
#: ``threads``: 0 means all cores; more than 1024 worker threads is refused (CLI ``--threads``).
THREADS_RANGE: tuple[int, int] = _CORE["threads"]
#: ``resamples`` of ``bootstrap`` (CLI ``--bootstrap``); 1 is refused separately.
RESAMPLES_RANGE: tuple[int, int] = _CORE["resamples"]
#: ``jackknife_max`` of ``bootstrap`` (CLI ``--jackknife-max``).
JACKKNIFE_MAX_RANGE: tuple[int, int] = _CORE["jackknife_max"]
#: ``max_iter`` of ``estimate`` (CLI ``--max-iter``).
MAX_ITER_RANGE: tuple[int, int] = _CORE["max_iterations"]
#: ``n`` of ``simulate`` (CLI ``simulate --n``).
SIMULATE_N_RANGE: tuple[int, int] = _CORE["simulate_n"]
#: ``n`` of ``moe_proportion`` / ``moe_mean`` (CLI ``plan moe --n``).
PLAN_N_RANGE: tuple[int, int] = _CORE["plan_n"]
#: ``total`` of ``allocate`` (CLI ``plan allocate --total``: 0 .. the plan maximum).
PLAN_TOTAL_RANGE: tuple[int, int] = (0, PLAN_N_RANGE[1])
#: ``indent`` of the JSON writers: -1 (one line) .. 64 spaces (no CLI flag).
INDENT_RANGE = (-1, 64)
#: Counts held in a size_t and a C++ int, for keywords without a CLI flag.
COUNT_RANGE = (0, 2**64 - 1)
INT_RANGE = (-(2**31), 2**31 - 1)


def _range_text(low: int, high: int) -> str:
    def show(v: int) -> str:
        return "2**64-1" if v == 2**64 - 1 else "2**31-1" if v == 2**31 - 1 else str(v)

    return f"{show(low)}..{show(high)}"


def _fail(where: str, name: str, what: str, low: int, high: int) -> ArgumentError:
    msg = f"{where}: {name} {what} (expected an integer in {_range_text(low, high)})"
    err = ArgumentError(msg)
    err.kind = "argument"
    err.problems = [(f"{where}: {name}", f"{what} (expected an integer in {_range_text(low, high)})")]
    return err


def integer(where: str, name: str, value: object, low: int, high: int) -> int:
    """``value`` as an int if it is an integer in ``low..high``; else ``ArgumentError``."""
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        raise _fail(where, name, f"= {value!r} is not an integer", low, high)
    v = operator.index(value)  # type: ignore[arg-type]
    if not low <= v <= high:
        raise _fail(where, name, f"= {v} is outside the range", low, high)
    return v
