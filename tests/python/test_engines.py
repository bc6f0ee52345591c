"""Spark (mapInArrow) and DuckDB (the Arrow C stream) give the moments and the estimate of the
in-memory route. Spark runs only where pyspark and Java 17 are installed (docs/scale.md says how);
DuckDB only where duckdb is importable."""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import csikit


def _java17() -> bool:
    java = shutil.which("java")
    if not java:
        return False
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    return '"17.' in out or " 17." in out


def test_duckdb_relation_reads_through_the_arrow_stream(ecsi_csv, ecsi_schema) -> None:
    duckdb = pytest.importorskip("duckdb")
    survey = csikit.load_survey(str(ecsi_schema))
    frame = pd.read_csv(ecsi_csv)
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_csv_auto('{ecsi_csv}')")
    data = csikit.read_responses(rel, survey)
    assert len(data) == len(frame)
    want = csikit.estimate(csikit.read_responses(frame, survey)).paths["estimate"]
    got = csikit.estimate(data).paths["estimate"]
    assert np.array_equal(got.to_numpy(), want.to_numpy())


@pytest.mark.skipif(not _java17(), reason="Spark needs Java 17")
def test_spark_moments_through_map_in_arrow(ecsi_csv, ecsi_schema, monkeypatch) -> None:
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    import csikit.spark as cspark

    survey = csikit.load_survey(str(ecsi_schema))
    frame = pd.read_csv(ecsi_csv)
    # The Python workers must import csikit: run them with this interpreter (a bare `python3`
    # on PATH may be another environment; local mode reads PYSPARK_PYTHON, not the config).
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("csikit-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        sdf = spark.createDataFrame(frame).repartition(3)
        m = cspark.moments(sdf, survey)
        local = csikit.read_responses(frame, survey)
        assert m["respondents_used"] == len(frame)
        items = m["item_ids"]
        want = local.values[items].corr().to_numpy()
        assert np.allclose(m["correlation"].to_numpy(), want, rtol=0, atol=1e-12)
        assert pyspark.__version__
    finally:
        spark.stop()
