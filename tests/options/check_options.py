#!/usr/bin/env python3
"""Options parity: every option of every analysis (include/csikit/options.hpp) is reachable from
every face (CLI flags, Python keyword arguments, C option structs), or the description names the
deliberate exception and its reason. Fails on an option a face lacks without an exception, on
an exception still marked "TODO" (every face now reaches every option it should), and on a
described name the face does not have.

The description comes from the library itself (csikit_options_json through ctypes), the faces
from their sources, so neither the wheel nor a build of the CLI is needed:
  - C: the struct fields of include/csikit/csikit.h (parsed from the header text);
  - Python: the keyword arguments of the functions in bindings/python/csikit (read with ast);
  - CLI: `csikit __options --json` when --cli is given and the command exists, else the
    `allow_only({...})` flag lists of src/cli/*.cpp, else the flags `csikit COMMAND --help` names.

usage: check_options.py LIBCSIKIT_C SOURCE_DIR [--cli CSIKIT]
"""
from __future__ import annotations

import ast
import ctypes
import json
import pathlib
import re
import subprocess
import sys


def description(lib_path: str) -> dict:
    lib = ctypes.CDLL(lib_path)
    lib.csikit_options_json.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    lib.csikit_options_json.restype = ctypes.c_int
    lib.csikit_free.argtypes = [ctypes.c_void_p]
    lib.csikit_last_error.restype = ctypes.c_char_p
    out = ctypes.c_void_p()
    status = lib.csikit_options_json(ctypes.byref(out))
    if status != 0:
        sys.exit(f"check_options: csikit_options_json failed: {lib.csikit_last_error().decode()}")
    text = ctypes.string_at(out.value).decode()
    lib.csikit_free(out)
    return json.loads(text)


# ---- the C face: struct fields of csikit.h -------------------------------------------------

def c_structs(header: str) -> dict[str, set[str]]:
    text = re.sub(r"/\*.*?\*/", "", header, flags=re.S)  # comments hold words that are not fields
    structs = {}
    for m in re.finditer(r"typedef\s+struct\s+(\w+)\s*\{(.*?)\}\s*(\w+)\s*;", text, re.S):
        fields = set()
        for decl in m.group(2).split(";"):
            decl = decl.strip()
            if not decl:
                continue
            fp = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl)  # a function pointer field
            if fp:
                fields.add(fp.group(1))
                continue
            # "double ci_low, ci_high" -> both names; the type is everything before the first name
            for part in decl.split(","):
                name = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*$", part.strip())
                if name:
                    fields.add(name.group(1))
        structs[m.group(3)] = fields
    return structs


# ---- the Python face: keyword arguments, read with ast ---------------------------------------

def python_functions(package: pathlib.Path) -> dict[str, set[str]]:
    """'estimate' -> its parameters; 'Fit.to_json' -> the method's parameters."""
    found: dict[str, set[str]] = {}

    def params(f: ast.FunctionDef) -> set[str]:
        a = f.args
        return {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs} - {"self", "cls"}

    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                found.setdefault(node.name, set()).update(params(node))
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        found.setdefault(f"{node.name}.{item.name}", set()).update(params(item))
    return found


# ---- the CLI face: accepted flags per command --------------------------------------------------

def cli_from_binary(cli: str | None) -> dict[str, set[str]] | None:
    if not cli:
        return None
    try:
        r = subprocess.run([cli, "__options", "--json"], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    if r.returncode != 0:
        return None
    try:
        doc = json.loads(r.stdout)
    except json.JSONDecodeError:
        return None
    commands = doc.get("commands", doc) if isinstance(doc, dict) else {}
    out = {}
    for name, flags in commands.items():
        if isinstance(flags, dict):  # {"flags": [...]} or {"--flag": {...}}
            flags = flags.get("flags", list(flags))
        out[name] = {str(f if isinstance(f, str) else f.get("name", "")).lstrip("-") for f in flags}
    return out


def cli_from_sources(cli_dir: pathlib.Path) -> dict[str, set[str]]:
    """Each src/cli/NAME.cpp's allow_only({...}) lists, as the flags of command NAME."""
    out: dict[str, set[str]] = {}
    for path in sorted(cli_dir.glob("*.cpp")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"allow_only\(\s*\{(.*?)\}\s*\)", text, re.S):
            out.setdefault(path.stem, set()).update(re.findall(r'"([^"]+)"', m.group(1)))
    return out


def cli_from_help(cli: str | None, command: str) -> set[str] | None:
    """The --flags named by `csikit COMMAND --help` (the last resort)."""
    if not cli:
        return None
    try:
        r = subprocess.run([cli, *command.split(), "--help"], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    flags = set(re.findall(r"--([a-z][a-z0-9-]*)", r.stdout + r.stderr)) - {"help"}
    return flags or None


# ---- the check -------------------------------------------------------------------------------

def main() -> int:
    args = sys.argv[1:]
    cli_bin = None
    if "--cli" in args:
        i = args.index("--cli")
        cli_bin = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    lib_path, source = args[0], pathlib.Path(args[1])
    desc = description(lib_path)
    structs = c_structs((source / "include/csikit/csikit.h").read_text(encoding="utf-8"))
    functions = python_functions(source / "bindings/python/csikit")
    commands = cli_from_binary(cli_bin)
    cli_source = "csikit __options --json"
    if commands is None:
        commands = cli_from_sources(source / "src/cli")
        cli_source = "allow_only lists of src/cli"

    problems, todos, stale, checked = [], [], [], 0
    for a in desc["analyses"]:
        if a["cli"] not in commands:  # sources in another shape: ask the binary's help
            found = cli_from_help(cli_bin, a["cli"])
            if found is not None:
                commands[a["cli"]] = found
        faces = {
            "cli": (f"`csikit {a['cli']}` ({cli_source})", commands.get(a["cli"])),
            "python": (f"csikit {a['python']}()", functions.get(a["python"])),
            "c": (f"struct {a['c']}", structs.get(a["c"])),
        }
        for face, (where, names) in faces.items():
            if names is None:
                problems.append(f"{a['analysis']}: {where} not found (the description names it)")
        for o in a["options"]:
            if not o["doc"] or o["type"] == "" or o["default"] is None:
                problems.append(f"{a['analysis']}.{o['name']}: incomplete description (type, default and doc required)")
            for face, (where, names) in faces.items():
                f = o[face]
                checked += 1
                if f["name"]:
                    if names is not None and f["name"] not in names:
                        problems.append(f"{a['analysis']}.{o['name']}: {where} has no '{f['name']}' "
                                        f"(expected it, or an exception with its reason in options.cpp)")
                elif not f["exception"]:
                    problems.append(f"{a['analysis']}.{o['name']}: not reachable from the {face} face and no exception given")
                elif f["exception"].startswith("TODO"):
                    todos.append(f"{a['analysis']}.{o['name']} [{face}]: {f['exception']}")
                    # The face may have gained it since: say so (the description should then name it).
                    guesses = {o["name"].split(".")[-1]} | {o[x]["name"] for x in ("cli", "python", "c") if o[x]["name"]}
                    guesses |= {g.replace("_", "-") for g in guesses} | {g.replace("-", "_") for g in guesses}
                    present = sorted(g for g in guesses if names and g in names)
                    if present:
                        stale.append(f"{a['analysis']}.{o['name']} [{face}]: {where} seems to have it now "
                                     f"({', '.join(present)}): name it in src/analysis/options.cpp instead of the TODO")

        # The other way round for the C face (owned next to the description): a field of the C
        # struct that no option names is an option the description lacks.
        named = {o["c"]["name"] for o in a["options"] if o["c"]["name"]}
        for field in sorted((structs.get(a["c"]) or set()) - named - {"struct_size", "user_data"}):
            problems.append(f"{a['analysis']}: struct {a['c']} field '{field}' is not in the description")

    for t in todos:  # none remain: a new one is an option added to one face and not the others
        problems.append(f"not yet reachable (a TODO exception): {t}")
    for t in stale:
        print(f"check_options: warning: {t}")
    for p in problems:
        print(f"check_options: {p}", file=sys.stderr)
    print(f"check_options: {checked} (option, face) pairs, {len(todos)} TODO exceptions, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
