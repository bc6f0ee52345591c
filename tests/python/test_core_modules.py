"""csikit._core: one submodule per area, each with a stub installed next to the compiled module
whose names match the module's attributes; every pls_options field reachable from estimate()."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
from pathlib import Path

import pytest

import csikit
from csikit import _core

STUBS = Path(csikit.__file__).resolve().parent / "_core"
AREAS = ["bootstrap", "cli", "data", "errors", "index", "limits", "mga", "pls", "predict", "sampling", "scale", "schema", "scoring",
         "simulate", "readers"]  # readers: the schema draft


def _stub_names(tree: ast.Module) -> dict[str, set[str] | None]:
    """Top-level names a stub defines: classes (with their public members) and functions and
    variables (None); imports are not names of the module."""
    out: dict[str, set[str] | None] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for m in node.body:
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(m.name)
                elif isinstance(m, ast.AnnAssign) and isinstance(m.target, ast.Name):
                    members.add(m.target.id)
            out[node.name] = {m for m in members if not m.startswith("__")}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = None
    return out


def _public(obj: object) -> set[str]:
    return {n for n in dir(obj) if not n.startswith("_")}


def test_the_compiled_module_is_what_import_finds() -> None:
    """The stub directory _core/ (no __init__.py) must not shadow the extension module."""
    assert STUBS.is_dir() and not (STUBS / "__init__.py").exists()
    assert Path(_core.__file__).suffix in (".so", ".pyd") and Path(_core.__file__).parent == STUBS.parent


@pytest.mark.parametrize("area", AREAS)
def test_submodule_imports_and_matches_its_stub(area: str) -> None:
    by_attr = getattr(_core, area)
    by_import = importlib.import_module(f"csikit._core.{area}")
    assert by_import is by_attr and by_attr.__name__ == f"csikit._core.{area}"
    stub = STUBS / f"{area}.pyi"
    assert stub.exists(), f"{stub} is not installed"
    names = _stub_names(ast.parse(stub.read_text(encoding="utf-8")))
    assert set(names) == _public(by_attr), f"{area}.pyi and csikit._core.{area} differ"
    for name, members in names.items():
        if members is not None:
            cls = getattr(by_attr, name)
            assert members == _public(cls), f"{area}.pyi: class {name} and the bound class differ"


def test_package_stub_lists_every_submodule() -> None:
    tree = ast.parse((STUBS / "__init__.pyi").read_text(encoding="utf-8"))
    imported = {a.name for n in tree.body if isinstance(n, ast.ImportFrom) and n.level == 1 for a in n.names}
    assert imported == set(AREAS)
    assert {n for n in _public(_core) if not n.startswith("__")} == set(AREAS)


def _pls_option_fields() -> list[str]:
    src = os.environ.get("CSIKIT_SOURCE_DIR")
    header = Path(src) / "include" / "csikit" / "pls.hpp" if src else None
    if header is None or not header.exists():
        pytest.skip("the C++ headers are not available (set CSIKIT_SOURCE_DIR)")
    body = re.search(r"struct pls_options \{(.*?)\n\};", header.read_text(encoding="utf-8"), re.S)
    assert body
    return re.findall(r"^\s+[\w:<>]+\s+(\w+)\s*=", body.group(1), re.M)


def test_every_pls_option_is_a_keyword_of_estimate() -> None:
    fields = _pls_option_fields()
    assert "f2_reestimate" in fields and len(fields) >= 11
    keywords = set(inspect.signature(csikit.estimate).parameters)
    python_name = {"max_iterations": "max_iter"}  # the documented keyword
    missing = [f for f in fields if python_name.get(f, f) not in keywords]
    assert not missing, f"pls_options fields without an estimate() keyword: {missing}"
    assert set(fields) == _public(_core.pls.Options)


def test_f2_reestimate_reaches_the_core(data: csikit.Responses, fit: csikit.Fit) -> None:
    again = csikit.estimate(data, f2_reestimate=True)
    assert again.options["f2_reestimate"] is True and fit.options["f2_reestimate"] is False
    assert set(fit.options) == set(inspect.signature(csikit.estimate).parameters) - {"data", "model"}


def test_every_error_kind_has_its_python_class() -> None:
    kinds = _core.errors.error_kinds()
    assert len(kinds) == 9
    for kind, cls in kinds.items():
        assert issubclass(getattr(csikit.errors, cls), csikit.Error), kind


def test_results_are_the_bound_core_structs(fit: csikit.Fit) -> None:
    """Tables are built from the C++ result structs, not from dicts assembled in the binding."""
    res = csikit.indices(fit)
    assert isinstance(res.core, _core.index.IndexResult)
    first = res.core.constructs[0]
    assert res.table.loc[first.construct, "ci_low"] == first.overall.ci_low
    ipma = csikit.ipma(fit, "CUSA")
    assert isinstance(ipma.core, _core.index.IpmaResult) and ipma.core.target == "CUSA"
    assert isinstance(ipma.constructs.core, _core.index.IpaResult)
    assert ipma.constructs.by_priority == ipma.constructs.core.by_priority()


def test_quadrant_names_come_from_the_core() -> None:
    ipa_module = importlib.import_module("csikit.ipa")  # csikit.ipa is the function
    assert ipa_module.QUADRANTS == ("concentrate_here", "keep_up", "low_priority", "possible_overkill")
    assert csikit.quadrant_label("keep_up") == "keep up the good work"
    assert csikit.quadrant_label("concentrate_here", "zh") == "急需改进"
    res = csikit.ipa({"a": (1, 0), "b": (0, 1)})
    with pytest.raises(csikit.ArgumentError, match="quadrant"):
        res.quadrant("nope")
