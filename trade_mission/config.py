"""Every path the project uses, derived from the project root in one place.

The database path can be overridden with the ``TRADE_MISSION_DB`` environment variable
(the ETL also takes ``--db``), so tests and benchmarks build into a temporary directory
without touching the working copy.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
CURATED_DIR = DATA_DIR / "curated"
ETL_DIR = PROJECT_ROOT / "etl"

SOURCE_PATH = RAW_DIR / "canada-trade-mission-mexico.txt"
SOURCE_README_PATH = RAW_DIR / "SOURCE.md"
GEODATA_README_PATH = RAW_DIR / "GEODATA.md"
STATES_GEOJSON_PATH = RAW_DIR / "mexico-states.geojson"
CITIES_CSV_PATH = RAW_DIR / "mexico-cities.csv"

DEFAULT_DB_PATH = DATA_DIR / "trade_mission.duckdb"
DB_ENV_VAR = "TRADE_MISSION_DB"


def db_path() -> Path:
    """The database file the app and the command-line tools read.

    ``TRADE_MISSION_DB`` wins over the default ``data/trade_mission.duckdb``.
    """
    override = os.environ.get(DB_ENV_VAR, "").strip()
    return Path(override).expanduser().resolve() if override else DEFAULT_DB_PATH
