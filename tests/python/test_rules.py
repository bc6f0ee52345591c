"""The shared rules seen from Python: Kish's n_eff at extreme weight scales (issue 11 #5) and the
in-process command line (one compiled copy, entered through csikit_cli::run)."""
import json
import os
import subprocess
import sys

import pytest

import csikit
from csikit import _core


@pytest.mark.parametrize("scale", [1e200, 1.0, 1e-300])
def test_effective_n_any_scale(scale):
    assert csikit.effective_n([scale, scale]) == pytest.approx(2.0)
    assert csikit.effective_n([scale, 3 * scale]) == pytest.approx(1.6)


def test_run_cli_in_process_lists_options(capfd):
    assert _core.cli.run_cli(["__options", "--json"]) == 0
    options = json.loads(capfd.readouterr().out)
    assert {o["name"] for o in options["analyze"]} == {o["name"] for o in options["report"]}


def test_python_m_csikit_full_disk_fails():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "csikit", "--version"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 2 and "cannot write the output" in r.stderr
