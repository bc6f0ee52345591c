"""Fixtures of the Python suite: the ECSI reference data in ../shared/data (never copied)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import csikit


def _shared() -> Path:
    env = os.environ.get("CSIKIT_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    if not (path / "ecsi" / "mobi.csv").exists():
        pytest.skip(f"reference data not found at {path} (set CSIKIT_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return _shared()


@pytest.fixture(scope="session")
def ecsi_schema(shared: Path) -> Path:
    return shared / "ecsi" / "schema.json"


@pytest.fixture(scope="session")
def ecsi_csv(shared: Path) -> Path:
    return shared / "ecsi" / "mobi.csv"


@pytest.fixture(scope="session")
def csem(shared: Path) -> dict:
    return json.loads((shared / "ecsi" / "reference" / "cSEM_path_tol1e-10.json").read_text())


@pytest.fixture(scope="session")
def survey(ecsi_schema: Path) -> csikit.Survey:
    return csikit.load_survey(ecsi_schema)


@pytest.fixture(scope="session")
def data(ecsi_csv: Path, survey: csikit.Survey) -> csikit.Responses:
    return csikit.read_responses(ecsi_csv, survey)


@pytest.fixture(scope="session")
def fit(data: csikit.Responses) -> csikit.Fit:
    return csikit.estimate(data)
