"""Survey files as they come, from Python (issue 12): encodings and platform exports through
read_responses, DataFrames with label text, Arrow objects (pyarrow Table and RecordBatchReader,
polars) through __arrow_c_stream__, Parquet through pyarrow, and messages that count columns right.
Every fixture of tests/data/platforms holds the answers of base.csv (make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import csikit
from csikit.errors import DataError

here = Path(__file__).resolve().parents[1] / "data" / "platforms"


@pytest.fixture(scope="module")
def schema() -> Path:
    return here / "schema.json"


@pytest.fixture(scope="module")
def base(schema):
    return csikit.read_responses(here / "base.csv", schema)


def same(a, b, groups=True):
    np.testing.assert_array_equal(a.values.to_numpy(), b.values.to_numpy())
    assert a.summary["missing_by_item"] == b.summary["missing_by_item"]
    if groups:
        assert a.groups.to_dict("list") == b.groups.to_dict("list")


def test_encodings_and_platforms(schema, base):
    same(base, csikit.read_responses(here / "gbk.csv", schema, encoding="gbk"))
    same(base, csikit.read_responses(here / "utf16.tsv", schema))
    q = csikit.read_responses(here / "qualtrics.csv", schema)
    same(base, q)
    assert q.summary["layout"] == "qualtrics" and q.summary["header_rows"] == 3
    same(base, csikit.read_responses(here / "qualtrics.csv", schema, header_rows=3))
    same(base, csikit.read_responses(here / "wjx.csv", here / "wjx_schema.json"), groups=False)
    with pytest.raises(csikit.ParseError, match="it looks like GBK/GB18030"):
        csikit.read_responses(here / "gbk.csv", schema)
    with pytest.raises(ValueError, match="header_rows"):
        csikit.read_responses(here / "base.csv", schema, header_rows=0)


def test_dataframe_with_labels_and_columns_counted(schema, base):
    frame = pd.read_csv(here / "gbk.csv", encoding="gbk")  # Q1 holds 非常满意 ...
    same(base, csikit.read_responses(frame, schema))
    bad = frame.assign(Q1=frame["Q1"].where(frame.index != 3, "超级满意"))
    with pytest.raises(DataError, match=r'1 cell holds text that is neither a number nor a label of scale "sat5": "超级满意"'):
        csikit.read_responses(bad, schema)
    # 13 columns: the message counts 13, and names the closest.
    wide = frame.rename(columns={"Q2": "q2 "}).assign(**{f"x{k}": 0 for k in range(8)})
    assert len(wide.columns) == 13
    with pytest.raises(DataError, match=r'no column "Q2" \(expected it among the 13 columns; did you mean "q2 "\?\)'):
        csikit.read_responses(wide, schema)


def test_pyarrow_table_reader_and_parquet(schema, base, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    frame = pd.read_csv(here / "base.csv")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    same(base, csikit.read_responses(table, schema))
    # Chunked: a reader of 3-row batches, region dictionary-encoded, Q1 as label text.
    labels = {5: "非常满意", 4: "比较满意", 3: "一般", 2: "不太满意", 1: "很不满意", 98: "不知道"}
    t2 = table.set_column(1, "Q1", pa.array([labels[v] for v in frame["Q1"]]))
    t2 = t2.set_column(4, "region", t2.column("region").dictionary_encode())
    reader = pa.RecordBatchReader.from_batches(t2.schema, t2.to_batches(max_chunksize=3))
    same(base, csikit.read_responses(reader, schema))
    path = tmp_path / "answers.parquet"
    pq.write_table(t2, path, row_group_size=5)
    same(base, csikit.read_responses(path, schema))
    # A Parquet file without the suffix is found by its magic bytes.
    plain = tmp_path / "answers.bin"
    plain.write_bytes(path.read_bytes())
    same(base, csikit.read_responses(plain, schema))
    # A missing column is told among every column of the file.
    pq.write_table(t2.rename_columns(["id", "Q_1", "Q2", "Q3", "region"]), tmp_path / "renamed.parquet")
    with pytest.raises(DataError, match=r'no column "Q1" \(expected it among the 5 columns; did you mean "Q_1"\?\)'):
        csikit.read_responses(tmp_path / "renamed.parquet", schema)
    # An unsupported type in a used column is named.
    with pytest.raises(csikit.ParseError, match='column "Q2".*is not supported'):
        csikit.read_responses(table.set_column(2, "Q2", pa.array([pd.Timestamp(0)] * len(frame))), schema)


def test_polars(schema, base):
    pl = pytest.importorskip("polars")
    frame = pl.read_csv(here / "base.csv")
    same(base, csikit.read_responses(frame, schema))
