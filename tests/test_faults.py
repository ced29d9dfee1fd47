"""Faults while the app runs: a rebuild under load, a deleted or damaged database, and
hostile addresses on every page. Each runs the real server with its own database copy."""

from __future__ import annotations

import asyncio
import random
import shutil
import string
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.build import build_database
from etl.inputs import Inputs
from etl.target import manifest_path
from harness.server import AppServer
from harness.wsclient import AppSession, run_sync
from tests.conftest import copy_database, digest
from trade_mission.text.i18n import t

# Each test starts a server, often several sessions and rebuilds: not in `make test-fast`.
pytestmark = pytest.mark.slow

PAGES = ["", "sectors", "market", "trade", "programme", "self-assessment", "sources", "briefing"]
UNAVAILABLE = t("app.database_unavailable", "en", command="make db")
WAIT_SECONDS = 60


@pytest.fixture
def app(built_db: Path, tmp_path: Path):
    """The server on a copy of the database, with the manifest the build writes beside it."""
    database = tmp_path / "db" / "trade_mission.duckdb"
    database.parent.mkdir()
    copy_database(built_db, database)
    server = AppServer(database, tmp_path / "streamlit.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shared_app(built_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """One server for the tests that only read."""
    folder = tmp_path_factory.mktemp("shared")
    server = AppServer(built_db, folder / "streamlit.log")
    yield server
    server.stop()


def relabel(curated: Path, old: str, new: str) -> None:
    """Change a figure's label, and the English its French translation refers to."""
    for name in ("figures.csv", "translations_fr.csv"):
        path = curated / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_while_ten_sessions_read_shows_no_error_and_new_data_appears(app, curated_copy):
    relabel(curated_copy, "Population of Mexico", "Population of Mexico as rebuilt")
    readers_count = 10

    async def scenario() -> tuple[list[str], list[bool]]:
        problems: list[str] = []
        reading: set[int] = set()
        all_reading, rebuilt = asyncio.Event(), asyncio.Event()

        async def reader(number: int) -> bool:
            async with AppSession(app.url) as session:
                while True:
                    for page, query in (("", {"lang": "en"}), ("sectors", {"sector": "ict"})):
                        result = await session.run(page, query)
                        if not result.ok or UNAVAILABLE in result.errors:
                            problems.append(
                                f"reader {number}: {result.exceptions or result.errors}"
                            )
                    reading.add(number)
                    if len(reading) == readers_count:
                        all_reading.set()
                    if rebuilt.is_set():
                        after = await session.run("", {"lang": "en"})
                        return "Population of Mexico as rebuilt" in after.texts

        readers = [asyncio.create_task(reader(number)) for number in range(readers_count)]
        # The database is replaced once every reader is mid-flight, and they go on reading.
        await asyncio.wait_for(all_reading.wait(), WAIT_SECONDS)
        inputs = Inputs(paths.SOURCE_PATH, curated_copy, paths.RAW_DIR)
        await asyncio.to_thread(build_database, inputs, app.db_path)
        rebuilt.set()
        return problems, await asyncio.wait_for(asyncio.gather(*readers), WAIT_SECONDS)

    problems, saw_new_data = run_sync(scenario())
    assert problems == []
    assert all(saw_new_data)  # no restart needed


async def visit(url: str, page: str = "", **query: str):
    async with AppSession(url) as session:
        return await session.run(page, query)


def test_a_deleted_database_is_rebuilt_and_nobody_sees_an_error(app):
    assert run_sync(visit(app.url)).ok
    app.db_path.unlink()
    result = run_sync(visit(app.url, "sectors", sector="ict"))
    assert result.ok and UNAVAILABLE not in result.errors
    assert app.db_path.is_file()


def test_a_file_written_over_the_database_is_left_alone_manifest_or_not(app):
    """Whatever now sits at the path is not the file the manifest was written for (its
    head differs): it may be someone's, so it is not replaced. Users get the message."""
    app.db_path.write_bytes(b"\x00garbage, or someone's notes\xff" * 4000)
    before = digest(app.db_path)
    result = run_sync(visit(app.url, "programme"))
    assert result.ok and UNAVAILABLE in result.errors
    assert digest(app.db_path) == before


def cut_short(database: Path, fraction: float) -> None:
    """Replace ``database`` by a copy cut to ``fraction`` of its size (a full disk, a bad
    copy), as ``cp db t; truncate -s 50% t; mv t db`` does."""
    copy = database.with_name("cut.duckdb")
    shutil.copy(database, copy)
    with copy.open("r+b") as file:
        file.truncate(int(copy.stat().st_size * fraction))
    copy.replace(database)


def test_a_truncated_database_heals_while_ten_sessions_keep_reading(app):
    readers_count = 10

    async def scenario() -> list[str]:
        problems: list[str] = []
        reading: set[int] = set()
        all_reading, damaged = asyncio.Event(), asyncio.Event()

        async def reader(number: int) -> None:
            async with AppSession(app.url) as session:
                runs_after = 0
                while runs_after < 3:  # three full rounds once the file was damaged
                    for page, query in (("trade", {"hs": "03"}), ("programme", {})):
                        result = await session.run(page, query)
                        if not result.ok or UNAVAILABLE in result.errors:
                            problems.append(f"reader {number}: {result.exceptions}")
                    reading.add(number)
                    if len(reading) == readers_count:
                        all_reading.set()
                    runs_after += damaged.is_set()

        readers = [asyncio.create_task(reader(number)) for number in range(readers_count)]
        await asyncio.wait_for(all_reading.wait(), WAIT_SECONDS)
        cut_short(app.db_path, 0.5)
        damaged.set()
        await asyncio.wait_for(asyncio.gather(*readers), WAIT_SECONDS * 2)
        return problems

    assert run_sync(scenario()) == []
    with duckdb.connect(str(app.db_path), read_only=True) as con:  # healed: every row back
        assert con.table("trade_by_chapter").aggregate("count(*)").fetchall()[0][0] > 100_000


def test_a_database_cut_too_short_to_open_is_rebuilt_because_the_build_made_it(app):
    cut_short(app.db_path, 0.05)
    result = run_sync(visit(app.url, "sectors", sector="ict"))
    assert result.ok and UNAVAILABLE not in result.errors


def test_a_file_the_project_did_not_build_is_never_overwritten(app):
    """A mistyped TRADE_MISSION_DB: a user's own DuckDB file stays as it was."""
    manifest_path(app.db_path).unlink()
    app.db_path.unlink()
    with duckdb.connect(str(app.db_path)) as con:
        con.execute("create table invoices (number integer, total decimal(10, 2))")
        con.execute("insert into invoices values (1, 12.50)")
    before = digest(app.db_path)
    result = run_sync(visit(app.url, "sources"))
    assert result.ok and UNAVAILABLE in result.errors  # a clear message, not a traceback
    assert digest(app.db_path) == before


def test_when_the_database_cannot_be_rebuilt_users_get_a_clear_message_then_recovery(app):
    app.db_path.unlink()
    app.db_path.mkdir()  # nothing can be written where the database should be
    broken = run_sync(visit(app.url))
    assert broken.ok  # a message, not an exception
    assert UNAVAILABLE in broken.errors
    app.db_path.rmdir()
    recovered = run_sync(visit(app.url))
    assert recovered.ok and UNAVAILABLE not in recovered.errors


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "../../../../etc/passwd",
    "{{7*7}}${7*7}",
    "%00%0d%0aSet-Cookie:x=1",
    "\u202e\u0000\ufeff",
    "😀" * 200,
    "x" * 20000,
]


def random_values(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = string.printable + "éàçüßø中文😀\u00a0"
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(count)
    ]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_and_random_addresses_get_no_traceback_and_are_not_reflected(shared_app, page):
    app = shared_app
    values = HOSTILE + random_values(PAGES.index(page), 4)

    async def scenario() -> list[str]:
        problems = []
        async with AppSession(app.url) as session:
            for value in values:
                for query in (
                    [("sector", value), ("hs", value), ("province", value), ("view", value)],
                    [("lang", value), (value[:50] or "empty", value)],
                    [("lang", "fr"), ("lang", value), ("sector", value), ("sector", "ict")],
                ):
                    result = await session.run(page, query)
                    if not result.ok:
                        problems.append(f"{query!r:.80}: {result.exceptions}")
                    shown = "\n".join(result.texts)
                    if len(value) >= 6 and value in shown:
                        problems.append(f"reflected: {value[:40]!r}")
                    if "<script" in shown or "onerror=" in shown:
                        problems.append(f"markup reflected for {value[:40]!r}")
        return problems

    assert run_sync(scenario()) == []
