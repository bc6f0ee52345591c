"""Bootstrap from Python: the same numbers as the CLI for a seed, any thread count, progress
callbacks, cancellation and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import numpy as np
import pytest

import csikit


@pytest.fixture(scope="module")
def boot(fit: csikit.Fit) -> csikit.BootstrapResult:
    return csikit.bootstrap(fit, resamples=100, seed=11, threads=2)


def test_tables(boot: csikit.BootstrapResult, fit: csikit.Fit) -> None:
    paths = boot.paths
    assert paths.index.names == ["from", "to"] and len(paths) == 12
    row = paths.loc[("IMAG", "CUEX")]
    assert row["estimate"] == fit.paths.loc[("IMAG", "CUEX"), "estimate"]
    assert 0 < row["se"] < 0.2 and row["ci_low"] < row["estimate"] < row["ci_high"]
    assert np.isfinite(row["bca_low"])
    assert set(boot.loadings.index) == set(fit.indicator_ids)
    assert "CUSA" in boot.r2.index
    assert boot.succeeded + boot.failed == boot.resamples == 100


def test_equals_cli_and_ignores_threads(boot: csikit.BootstrapResult, fit: csikit.Fit, ecsi_schema,
                                        ecsi_csv) -> None:
    one = csikit.bootstrap(fit, resamples=100, seed=11, threads=1)
    assert one.table.equals(boot.table)  # seed decides, threads do not
    out = subprocess.run([sys.executable, "-m", "csikit", "analyze", "--schema", str(ecsi_schema), "--data",
                          str(ecsi_csv), "--bootstrap", "100", "--seed", "11", "--threads", "2", "--json"],
                         check=True, capture_output=True, text=True).stdout
    cli = json.loads(out)
    mine = boot.to_dict()
    assert mine["paths"] == cli["paths"] and mine["indicators"] == cli["indicators"]
    assert mine["bootstrap"] == cli["bootstrap"]


def test_summary_has_bootstrap_columns(boot: csikit.BootstrapResult) -> None:
    text = str(boot.summary())
    assert "se" in text and "ci_low" in text and "100 resamples" in text


def test_progress_and_cancel(fit: csikit.Fit) -> None:
    seen: list[tuple[int, int]] = []
    csikit.bootstrap(fit, resamples=30, seed=1, bca=False, progress=lambda d, t: seen.append((d, t)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    with pytest.raises(csikit.CancelledError):
        csikit.bootstrap(fit, resamples=5000, seed=1, progress=lambda d, t: False)

    class Boom(RuntimeError):
        pass

    def explode(done: int, total: int) -> None:
        raise Boom("from the callback")

    with pytest.raises(Boom):
        csikit.bootstrap(fit, resamples=5000, seed=1, progress=explode)


def test_gil_is_released(fit: csikit.Fit) -> None:
    """Another Python thread keeps running while a bootstrap runs without a callback."""
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    t.start()
    csikit.bootstrap(fit, resamples=300, seed=2, threads=1, bca=False)
    stop.set()
    t.join()
    assert ticks > 1000


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_interrupts(ecsi_schema, ecsi_csv) -> None:
    code = f"""
import csikit, os, signal, threading, sys
s = csikit.load_survey({str(ecsi_schema)!r})
fit = csikit.estimate(csikit.read_responses({str(ecsi_csv)!r}, s))
threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
try:
    csikit.bootstrap(fit, resamples=100000, seed=1, threads=1, bca=False)
except KeyboardInterrupt:
    print("interrupted")
    sys.exit(0)
print("finished?")
sys.exit(1)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "interrupted" in out.stdout, out.stderr
    assert signal.SIGINT  # keep the import used on every platform
    assert os.sep


def test_index_bootstrap_and_index_report(fit: csikit.Fit) -> None:
    b = csikit.bootstrap(fit, resamples=50, seed=3, indices=True, bca=False)
    idx = csikit.indices(fit).table["index"]
    row = b.indices.loc["CUSA"]
    assert row["estimate"] == pytest.approx(idx["CUSA"], abs=1e-9)
    assert row["ci_low"] < row["estimate"] < row["ci_high"]
    assert boot_free_of_indices(fit)
    doc = fit.to_dict(b, target="CUSA")
    assert {"impacts", "ipa"} <= set(doc)
    with pytest.raises(csikit.ArgumentError):
        fit.to_dict(target="NOPE")


def boot_free_of_indices(fit: csikit.Fit) -> bool:
    """Without indices=True the table has no index rows."""
    return csikit.bootstrap(fit, resamples=10, seed=1, bca=False, indices=False).indices.empty
