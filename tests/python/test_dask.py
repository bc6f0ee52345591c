"""csikit.dask on a real two-process LocalCluster over Parquet written here: the moments, the
estimate and the Poisson bootstrap from partitions equal the one-piece computation (bitwise on
ECSI's integer answers, where the accumulator is in exact mode), whatever the partitioning.
Skipped when dask or distributed is not importable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import csikit  # noqa: E402
import csikit.dask as cdask  # noqa: E402


def _floats(col: pd.Series) -> np.ndarray:
    """A JSON column as floats (null = NaN)."""
    return pd.to_numeric(col, errors="coerce").to_numpy(dtype=float)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def frame(ecsi_csv) -> pd.DataFrame:
    df = pd.read_csv(ecsi_csv)
    df.insert(0, "resp", [f"R{i:04d}" for i in range(len(df))])
    return df


@pytest.fixture(scope="module")
def parquet(tmp_path_factory, frame) -> str:
    path = tmp_path_factory.mktemp("ecsi_parquet") / "mobi"
    dd.from_pandas(frame, npartitions=4).to_parquet(str(path), write_index=False)
    return str(path)


def test_estimate_equals_the_in_memory_estimate(client, parquet, frame, ecsi_schema) -> None:
    survey = csikit.load_survey(str(ecsi_schema))
    ddf = dd.read_parquet(parquet)
    assert ddf.npartitions == 4
    dist = cdask.estimate(ddf, survey)
    local = csikit.estimate(csikit.read_responses(frame.drop(columns="resp"), survey))
    got = dist["tables"]["paths"]["estimate"]
    want = local.paths["estimate"]
    assert len(got) == len(want) > 0
    for (f, t), v in want.items():
        assert got.loc[(f, t)] == v  # bitwise: exact mode
    m = cdask.moments(ddf, survey)
    assert m["respondents_used"] == len(frame)
    # the item means against pandas' (a different summation: 1e-14)
    assert np.allclose(m["mean"].to_numpy(), frame[m["item_ids"]].mean().to_numpy(), rtol=1e-14, atol=0)


def test_bootstrap_does_not_depend_on_the_partitioning(client, parquet, frame, ecsi_schema) -> None:
    survey = csikit.load_survey(str(ecsi_schema))
    four = cdask.bootstrap(dd.read_parquet(parquet), survey, resamples=30, seed=7, id_column="resp")
    one = cdask.bootstrap(dd.from_pandas(frame, npartitions=1), survey, resamples=30, seed=7, id_column="resp")
    a, b = four["parameters"], one["parameters"]
    assert len(a) > 40 and list(a.index) == list(b.index)
    for col in ("estimate", "se", "ci_low", "ci_high"):
        assert np.array_equal(_floats(a[col]), _floats(b[col]), equal_nan=True), col
    assert four["bootstrap"]["resamples"] == 30 and four["bootstrap"]["succeeded"] == 30
    assert four["bootstrap"]["seed"] == 7
    # Without an id column the keys are the global row numbers: the same here, too.
    rows4 = cdask.bootstrap(dd.read_parquet(parquet), survey, resamples=30, seed=7)
    rows1 = cdask.bootstrap(dd.from_pandas(frame, npartitions=1), survey, resamples=30, seed=7)
    assert np.array_equal(_floats(rows4["parameters"]["se"]), _floats(rows1["parameters"]["se"]), equal_nan=True)
    # Another seed gives other replicates.
    other = cdask.bootstrap(dd.read_parquet(parquet), survey, resamples=30, seed=8, id_column="resp")
    assert not np.array_equal(_floats(other["parameters"]["se"]), _floats(a["se"]), equal_nan=True)


def test_the_merge_tree_is_fixed_by_the_partition_count() -> None:
    from dask import delayed

    # ((0,1),(2,3)),4 for five partitions: four merges, whose inputs are fixed by position
    parts = [delayed(bytes)(k) for k in range(5)]
    root = cdask.tree_reduce(parts)
    graph = dict(root.__dask_graph__())
    merges = [k for k in graph if str(k).startswith("merge_states")]
    assert len(merges) == 4
    assert cdask.tree_reduce(parts[:1]) is parts[0]
    with pytest.raises(ValueError, match="no partitions"):
        cdask.tree_reduce([])


def test_a_missing_id_column_is_named(client, parquet, ecsi_schema) -> None:
    survey = csikit.load_survey(str(ecsi_schema))
    with pytest.raises(Exception, match="customer"):
        cdask.bootstrap(dd.read_parquet(parquet), survey, resamples=5, seed=1, id_column="customer")


def test_real_weights_agree_within_1e12(client, tmp_path, frame, ecsi_schema) -> None:
    """Real weights put the accumulator in real mode: the partitioned estimate agrees with the
    in-memory one within 1e-12."""
    import json

    schema = json.loads(open(ecsi_schema, encoding="utf-8").read())
    schema["weight_column"] = "w"
    path = tmp_path / "weighted.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    survey = csikit.load_survey(str(path))
    df = frame.copy()
    df["w"] = np.random.default_rng(3).uniform(0.2, 3.0, len(df))
    dist = cdask.estimate(dd.from_pandas(df, npartitions=3), survey)
    local = csikit.estimate(csikit.read_responses(df.drop(columns="resp"), survey))
    got = dist["tables"]["paths"]["estimate"]
    for (f, t), v in local.paths["estimate"].items():
        assert abs(got.loc[(f, t)] - v) <= 1e-12
