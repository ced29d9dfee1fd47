"""Where the build finds its inputs and writes its output, derived from the project root.

The database path can be overridden with the ``TRADE_MISSION_DB`` environment variable or
``python -m etl --db``, so tests and benchmarks build into a temporary directory without
touching the working copy. The app reads the same variable (``etl.database_path``).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ETL_DIR = PROJECT_ROOT / "etl"
RAW_DIR = PROJECT_ROOT / "data" / "raw"
CURATED_DIR = PROJECT_ROOT / "data" / "curated"
SOURCE_PATH = RAW_DIR / "canada-trade-mission-mexico.txt"
# Monthly releases fetched by ``python -m etl.refresh`` (not committed).
RELEASES_DIR = PROJECT_ROOT / "data" / "releases"

DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "trade_mission.duckdb"
DB_ENV_VAR = "TRADE_MISSION_DB"


def database_path() -> Path:
    """The database file the build writes and the app reads.

    ``TRADE_MISSION_DB`` wins over the default ``data/trade_mission.duckdb``.
    """
    override = os.environ.get(DB_ENV_VAR, "").strip()
    return Path(override).expanduser().resolve() if override else DEFAULT_DB_PATH


def display_path(path: Path | str) -> str:
    """A path relative to the project root when it lies inside it, else as given."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
