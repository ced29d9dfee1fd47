"""Shared fixtures: one database built per test session into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.build import build_database
from etl.transform import Inputs
from trade_mission import config


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from the project's own inputs, shared by the whole session."""
    path = tmp_path_factory.mktemp("database") / "trade_mission.duckdb"
    build_database(Inputs.default(), path)
    return path


@pytest.fixture(scope="session")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def source_text() -> str:
    return config.SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def app_db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the session's database."""
    monkeypatch.setenv(config.DB_ENV_VAR, str(built_db))
    return built_db


@pytest.fixture
def curated_copy(tmp_path: Path) -> Path:
    """A writable copy of data/curated, for tests that break one file."""
    target = tmp_path / "curated"
    shutil.copytree(config.CURATED_DIR, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target
