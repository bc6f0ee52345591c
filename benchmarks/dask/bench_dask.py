"""Figures of docs/performance.md "Dask and the bootstrap at scale": csikit.dask.estimate with 1
and 2 workers on an n-row Parquet of 24 items (ECSI's model, integer answers 1..10 from a
population with known correlations), and a B-replicate Poisson bootstrap of the same file.
Prints wall and CPU time (this process plus the workers) and the peak RSS of a worker.

usage: python benchmarks/dask/bench_dask.py SCHEMA.json OUT_DIR [--rows N] [--resamples B]
       [--partitions P]   (defaults: 10^7 rows, 200 replicates, 20 partitions)
The machine may be shared: the CPU time is the figure to compare, the wall time depends on load.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path


def write_parquet(schema: str, out: Path, rows: int, partitions: int) -> Path:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    import csikit

    path = out / f"answers_{rows}"
    if path.exists():
        return path
    path.mkdir(parents=True)
    items = csikit._core.scale.model_items(csikit.load_survey(schema).core, None)
    rng = np.random.default_rng(13)
    per = -(-rows // partitions)
    for k in range(partitions):
        m = min(per, rows - k * per)
        if m <= 0:
            break
        common = rng.normal(size=(m, 1))
        x = 0.7 * common + 0.7 * rng.normal(size=(m, len(items)))
        cols = {it: np.clip(np.rint(5.5 + 1.6 * x[:, j]), 1, 10).astype(np.int8) for j, it in enumerate(items)}
        pq.write_table(pa.table(cols), path / f"part-{k:04d}.parquet")
    return path


def cpu_now() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def run(schema: str, path: Path, workers: int, resamples: int) -> None:
    import dask.dataframe as dd
    import distributed

    import csikit
    import csikit.dask as cdask

    survey = csikit.load_survey(schema)
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        def worker_cpu() -> float:
            import resource as r
            u = r.getrusage(r.RUSAGE_SELF)
            return u.ru_utime + u.ru_stime

        def worker_peak() -> int:
            import resource as r
            return r.getrusage(r.RUSAGE_SELF).ru_maxrss

        ddf = dd.read_parquet(str(path))
        for label, call in (("estimate", lambda: cdask.estimate(ddf, survey)),
                            (f"bootstrap B={resamples}", lambda: cdask.bootstrap(ddf, survey, resamples=resamples, seed=1))):
            c0, w0 = cpu_now(), sum(client.run(worker_cpu).values())
            t0 = time.perf_counter()
            call()
            wall = time.perf_counter() - t0
            cpu = cpu_now() - c0 + sum(client.run(worker_cpu).values()) - w0
            peak = max(client.run(worker_peak).values()) / 1024
            print(f"{label:>16}  workers={workers}  rows={ddf.shape[0].compute()}  wall={wall:.2f} s  "
                  f"cpu={cpu:.2f} s  worker peak RSS={peak:.0f} MB  driver peak RSS="
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("schema")
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--resamples", type=int, default=200)
    ap.add_argument("--partitions", type=int, default=20)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    a = ap.parse_args()
    path = write_parquet(a.schema, Path(a.out), a.rows, a.partitions)
    print(f"{path}: {sum(f.stat().st_size for f in path.iterdir()) / 1e6:.0f} MB, load {os.getloadavg()[0]:.1f}")
    for w in a.workers:
        run(a.schema, path, w, a.resamples)


if __name__ == "__main__":  # LocalCluster(processes=True) starts processes that import this file
    main()
