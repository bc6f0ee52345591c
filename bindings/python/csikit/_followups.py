"""Methods a result offers whose work is done in a higher layer of the package.

The package is layered (errors -> survey/data/model -> fit -> bootstrap/indices/ipa/scoring/
sampling -> summary/plots) and a module never imports one above it, not even inside a
function. So ``Fit.bootstrap()`` cannot import ``csikit.bootstrap``; instead the higher module
provides the implementation here when it is imported (``import csikit`` imports them all),
and the method looks it up by name.
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["call", "provide"]

_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    """Registers ``function`` as the implementation of ``name`` (e.g. ``"Fit.bootstrap"``)."""
    _PROVIDED[name] = function


def call(name: str, *args: Any, **kwargs: Any) -> Any:
    """Runs the implementation of ``name``."""
    try:
        function = _PROVIDED[name]
    except KeyError:
        raise RuntimeError(f"csikit: {name} is not available (expected `import csikit` to load every module)") from None
    return function(*args, **kwargs)
