"""The app's own files, derived from the project root in one place.

The database's path is the build's to say (``trade_mission.data.bootstrap``).
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"
FONT_DIR = ASSETS_DIR / "fonts"
FAVICON = ASSETS_DIR / "favicon.png"
# The address server.py streams the current database file from (Sources links to it).
DATABASE_DOWNLOAD = "/download/trade_mission.duckdb"

# The addresses of the app's pages ("" is the first): app.py's navigation uses them, and
# the server answers any other one-word address with the first page and a notice.
PAGE_ADDRESSES = (
    "",
    "sectors",
    "market",
    "trade",
    "programme",
    "self-assessment",
    "sources",
    "briefing",
)
UNKNOWN_PAGE_NOTICE = "unknown-page"
