"""``python -m csikit ARGS``: the csikit command line (the C++ CLI, run in-process)."""

from __future__ import annotations

import sys

from . import _core


def main(argv: list[str] | None = None) -> int:
    """Runs the command line with ``argv`` (default: ``sys.argv[1:]``); returns its exit code."""
    sys.stdout.flush()
    sys.stderr.flush()
    return _core.cli.run_cli(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
