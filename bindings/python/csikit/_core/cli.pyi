"""csikit._core.cli: the csikit command line, run in-process."""

from typing import Sequence

def run_cli(args: Sequence[str]) -> int: ...
