"""Type stubs of csikit._core, the private compiled module (use the csikit package instead).

One submodule per area, each with its own stub in this directory. The directory holds only
stubs: at run time the compiled module ``_core.<abi>.so`` next to it is what ``import`` finds
(a directory without ``__init__.py`` never shadows an extension module of the same name).
"""

from . import bootstrap, cli, data, errors, index, limits, mga, pls, predict, readers, sampling, scale, schema, scoring, simulate

__version__: str

__all__ = ["bootstrap", "cli", "data", "errors", "index", "limits", "mga", "pls", "predict", "readers", "sampling", "scale", "schema", "scoring", "simulate"]
