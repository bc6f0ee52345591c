"""The layering of the Python package: errors -> survey/data/model -> fit -> bootstrap/indices/
ipa/scoring/sampling -> summary/plots. Every import counts, at module level, inside functions
(deferred) and under ``if TYPE_CHECKING``; a module may import only its own or a lower layer,
and no module may import (directly or through others) a module that imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import csikit

PACKAGE = Path(csikit.__file__).resolve().parent

#: Layer of every module; a module may import modules of its own layer or below.
LAYERS = {
    "errors": 0, "_args": 0, "_attrs": 0, "_followups": 0,
    "survey": 1, "data": 1, "model": 1, "readers": 1,
    "fit": 2,
    "bootstrap": 3, "accumulator": 3, "predict": 3, "indices": 3, "mga": 3, "ipa": 3, "crosstab": 3, "standardize": 3, "scoring": 3, "sampling": 3, "simulate": 3,
    "summary": 4, "plots": 4, "dask": 4, "spark": 4,  # the engines: states of partitions
    "__init__": 5, "__main__": 5,
}


def _modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(PACKAGE.glob("*.py"))}


def _imports(path: Path) -> set[str]:
    """The csikit modules (by short name) that `path` imports anywhere in its text."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:  # from .x import y
                out.add(node.module.split(".")[0])
            elif node.level == 1:  # from . import x, y
                out.update(a.name for a in node.names)
            elif node.level == 0 and node.module and node.module.split(".")[0] == "csikit":
                parts = node.module.split(".")
                out.update([parts[1]] if len(parts) > 1 else [a.name for a in node.names])
            elif node.level > 1:
                raise AssertionError(f"{path.name}: relative import above the package")
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "csikit":
                    out.add(parts[1] if len(parts) > 1 else "__init__")
    return out - {"_core"}  # the compiled module imports no Python module of the package


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {name: {m for m in _imports(path) if m in mods} for name, path in mods.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_every_module_has_a_layer() -> None:
    assert set(_modules()) == set(LAYERS), "add the new module to LAYERS (and to docs/python.md)"


def test_no_import_cycle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_cycle_finder_finds_a_deferred_cycle() -> None:
    """The checker itself: a function-level import that closes a loop is found."""
    graph = {"fit": {"data"}, "data": set(), "bootstrap": {"fit"}}
    assert _cycle(graph) is None
    graph["fit"].add("bootstrap")  # e.g. `def bootstrap(self): from .bootstrap import bootstrap`
    assert _cycle(graph) == ["bootstrap", "fit", "bootstrap"]


def test_imports_go_down_the_layers() -> None:
    wrong = [f"{a} (layer {LAYERS[a]}) imports {b} (layer {LAYERS[b]})"
             for a, deps in _graph().items() for b in deps if LAYERS[b] > LAYERS[a]]
    assert not wrong, "; ".join(wrong)


def test_no_module_reads_another_objects_core() -> None:
    """`x._core` only on `self` (or a class's own constructor); other modules use `.core`."""
    wrong = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr == "_core"
                    and not (isinstance(node.value, ast.Name) and node.value.id == "self")):
                wrong.append(f"{name}.py:{node.lineno}")
    assert not wrong, "reads another object's private _core: " + ", ".join(wrong)
