#!/usr/bin/env python3
"""Fails when a stage of csikit includes a higher stage (docs/design.md, "Stages").

Every folder under src/ is a stage with a rank; every public header in include/csikit belongs to
one stage. A file may include public headers of its own or a lower stage, and private headers of
its own folder only. Faces (capi, cli) sit side by side and may not include each other; the
Python bindings sit on top. Usage: check_layers.py [SOURCE_DIR]
"""
import pathlib
import re
import sys

# Stages in the direction the data flow; equal ranks may not include each other's private files.
STAGES = {
    "core": 0, "stats": 1, "schema": 2, "data": 3, "sampling": 4, "scoring": 5, "pls": 6,
    "index": 7, "bootstrap": 8, "predict": 8, "simulate": 9, "analysis": 10, "report/json": 11,
    "report/html": 12, "capi": 13, "cli": 13,
    "report/tables": 12,  # readers: result tables beside the HTML report
}
PYTHON_RANK = 14

# The stage of each public header.
HEADERS = {
    "version.hpp": "core", "error.hpp": "core", "fwd.hpp": "core", "format.hpp": "core",
    "text.hpp": "core", "options.hpp": "core", "limits.hpp": "core", "enum_names.hpp": "core",
    "stats.hpp": "stats",
    "schema.hpp": "schema", "presets.hpp": "schema", "model.hpp": "schema", "model_syntax.hpp": "schema",
    "data.hpp": "data", "csv_stream.hpp": "data",  # csv_stream: streaming files (issue 13)
    "accumulator.hpp": "data",  # mergeable moments: the streaming readers produce them
    "draft.hpp": "data",  # readers: the schema drafted from a data file
    "arrow.hpp": "data", "arrow_abi.h": "data",
    "sampling.hpp": "sampling",
    "scoring.hpp": "scoring", "score_stream.hpp": "scoring", "ahp.hpp": "scoring", "trend.hpp": "scoring", "feedback.hpp": "scoring",
    "crosstab.hpp": "scoring", "standardize.hpp": "scoring",  # issue 14 (helper xtab)
    "pls.hpp": "pls", "model_expand.hpp": "pls", "preset_binding.hpp": "pls",
    "mediation.hpp": "pls",
    "index.hpp": "index", "importance.hpp": "index", "ipa.hpp": "index",
    "ipa_survey.hpp": "index",
    "bootstrap.hpp": "bootstrap", "poisson_bootstrap.hpp": "bootstrap",
    "predict.hpp": "predict",
    "simulate.hpp": "simulate",
    "analysis.hpp": "analysis", "provenance.hpp": "analysis",
    "report.hpp": "report/json", "json.hpp": "report/json",
    "html_report.hpp": "report/html",
    "tables.hpp": "report/tables",  # readers
    "csikit.hpp": "report/html",  # the umbrella: everything
    "csikit.h": "capi",
    "mga.hpp": "analysis",  # multi-group analysis and MICOM
}

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)


def stage_of_source(src_root, path):
    rel = path.relative_to(src_root).as_posix()
    for name in sorted(STAGES, key=len, reverse=True):
        if rel.startswith(name + "/"):
            return name
    return None


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    src, inc = root / "src", root / "include" / "csikit"
    problems = []

    for f in sorted(src.iterdir()):
        if f.is_file() and f.suffix in {".cpp", ".hpp", ".h", ".ipp"}:
            problems.append(f"src/{f.name}: a source file at the top of src/ (expected it in a stage folder)")

    for h in sorted(inc.iterdir()):
        if h.name not in HEADERS:
            problems.append(f"include/csikit/{h.name}: a public header with no stage (add it to HEADERS in {pathlib.Path(__file__).name})")

    def check(path, rank, own_stage, folder):
        text = path.read_text(encoding="utf-8")
        for m in INCLUDE.finditer(text):
            kind, name = m.group(1), m.group(2)
            line = text.count("\n", 0, m.start()) + 1
            where = f"{path.relative_to(root).as_posix()}:{line}"
            if name.startswith("csikit/") or (folder == inc and kind == '"'):
                header = name.removeprefix("csikit/")
                stage = HEADERS.get(header)
                if stage is None:
                    if (inc / header).exists() or name.startswith("csikit/"):
                        problems.append(f"{where}: includes {name}, which has no stage")
                    continue
                if STAGES[stage] > rank:
                    problems.append(f"{where}: {own_stage} includes {name} of the higher stage {stage}")
                elif STAGES[stage] == rank and stage != own_stage and own_stage != "python":
                    problems.append(f"{where}: {own_stage} includes {name} of the side-by-side stage {stage}")
            elif kind == '"':
                if ".." in pathlib.PurePosixPath(name).parts:
                    problems.append(f"{where}: includes {name} from another folder (expected a public header or one of its own folder)")
                elif folder is not None and not (folder / name).exists() and not name.endswith(".inc"):
                    problems.append(f"{where}: includes {name}, which is not in its own folder")

    for path in sorted(src.rglob("*")):
        if path.suffix not in {".cpp", ".hpp", ".h", ".ipp"} or not path.is_file():
            continue
        stage = stage_of_source(src, path)
        if stage is None:
            problems.append(f"{path.relative_to(root).as_posix()}: in no stage folder")
            continue
        check(path, STAGES[stage], stage, path.parent)
    for h in sorted(inc.iterdir()):
        if h.name in HEADERS:
            check(h, STAGES[HEADERS[h.name]], HEADERS[h.name], inc)
    py = root / "bindings" / "python" / "src"
    for path in sorted(py.glob("*.[ch]pp")):
        check(path, PYTHON_RANK, "python", path.parent)

    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} problem(s)")
        return 1
    print("check_layers: every include goes to its own or a lower stage")
    return 0


if __name__ == "__main__":
    sys.exit(main())
