"""Shared fixtures and helpers: one database built per test session into a temporary
folder, the app opened in AppTest, profiles for the self-assessment, the clock, and what
counts as English left on a French page."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import re
import shutil
import string
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from google.protobuf import text_format
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test

from etl import paths
from etl.build import build_database
from etl.inputs import Inputs
from etl.target import manifest_path
from trade_mission.text.i18n import catalog

PROJECT_ROOT = paths.PROJECT_ROOT
APP = str(PROJECT_ROOT / "app.py")
APP_TIMEOUT = 30
PAGES = [
    "pages/overview.py",
    "pages/sectors.py",
    "pages/market.py",
    "pages/trade.py",
    "pages/programme.py",
    "pages/self_assessment.py",
    "pages/sources.py",
    "pages/briefing.py",
]
SECTORS = [
    "advanced_manufacturing",
    "agriculture_processed_foods",
    "clean_technologies",
    "creative_industries",
    "ict",
]
# The charts each sector's view draws, in AppTest and in the browser.
SECTOR_CHARTS = {
    "advanced_manufacturing": 3,  # cluster map, goods trade, comparison
    "agriculture_processed_foods": 2,  # goods trade, comparison
    "clean_technologies": 1,  # chapters only a proxy: the comparison alone
    "creative_industries": 2,  # the published sub-sectors, comparison
    "ict": 1,  # chapters only a proxy: the comparison alone
}
# The two sides of the registration deadline (November 28, 2025, 23:59 Pacific time).
BEFORE_DEADLINE = dt.datetime(2025, 11, 1, tzinfo=dt.UTC)
AFTER_DEADLINE = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
# An SME in a mission sector that answers yes to everything the page asks.
ELIGIBLE_SME = {
    "organization_type": "company",
    "employees": 45,
    "sector": "clean_technologies",
    "services_to_canadian_organizations": False,
    "commercialized_offering": True,
    "mexico_in_international_plan": True,
    "resources_committed": True,
    "market_research_done": True,
    "registered_in_canada": True,
    "canadian_economic_benefit": True,
}
ORGANIZATION_YES = {
    "strategic_alignment": True,
    "fosters_partnerships": True,
    "demonstrated_value": True,
}
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|body: \"> [^\n]*")


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ is a browser test (``-m "not browser"`` leaves them)."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the imports and the collection made lives to the end of the run. Frozen, it is
    no longer walked again by every full garbage collection: about 4 of the 7 seconds a
    quick run's workers spent collecting garbage."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def streamlit_startup_once() -> Iterator[None]:
    """What each new AppTest does again though nothing it reads changes while the tests
    run, done once: reading every installed package's metadata for Streamlit components
    (about 0.07 s, a few hundred times a run), and compiling app.py and the page (a new
    script cache each; about an eighth of the AppTest tests' time)."""
    scripts = ScriptCache()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            manifest_scanner,
            "scan_component_manifests",
            functools.cache(manifest_scanner.scan_component_manifests),
        )
        patch.setattr(app_test, "ScriptCache", lambda: scripts)
        yield


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from the project's own inputs, shared by the whole session: the
    shipped releases only, whatever a refresh has fetched into data/releases."""
    path = tmp_path_factory.mktemp("database") / "trade_mission.duckdb"
    build_database(Inputs.shipped(), path)
    return path


@pytest.fixture(scope="session")
def con(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def source_text() -> str:
    return paths.SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def app_db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app and the command lines at the session's database."""
    monkeypatch.setenv(paths.DB_ENV_VAR, str(built_db))
    return built_db


def copy_database(built: Path, target: Path) -> Path:
    """A copy of a built database as a build leaves one: the file and its manifest beside
    it, so the next build knows the file as the project's by the manifest alone."""
    shutil.copyfile(built, target)  # in the kernel: dozens of refusal tests take a copy
    shutil.copyfile(manifest_path(built), manifest_path(target))
    return target


@pytest.fixture
def existing_db(built_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's database, as the last good build a refused one must keep."""
    return copy_database(built_db, tmp_path / "existing.duckdb")


def digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of data/raw, for tests that break one file."""
    target = tmp_path / "raw"
    shutil.copytree(paths.RAW_DIR, target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


@pytest.fixture
def curated_copy(tmp_path: Path) -> Path:
    """A writable copy of data/curated, for tests that break one file."""
    target = tmp_path / "curated"
    shutil.copytree(paths.CURATED_DIR, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.datetime], None]:
    """Set what time it is for the pages (``pages.ui.clock``)."""
    from pages import ui

    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(ui, "clock", lambda: moment)

    return set_to


def open_page(page: str, lang: str | None = None, **query: str | list[str]) -> AppTest:
    """The app, as a visitor opening ``page`` with ``query`` in the address."""
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    if lang is not None:
        at.query_params["lang"] = lang
    at.run()
    if page != PAGES[0] or query:
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(page).run()
    return at


WHO = ("organization_type", "employees")


def fill(at: AppTest, **answers) -> AppTest:
    """Answer as a person does: the type (and size) first, which brings the questions that
    apply; then the rest. No submit."""
    groups = [[name] for name in WHO if name in answers]
    for group in [*groups, [name for name in answers if name not in WHO]]:
        for name in group:
            key = f"question-{name}"
            value = answers[name]
            if name in ("employees", "representatives"):
                at.number_input(key=key).set_value(value)
            elif name == "sector":
                at.selectbox(key=key).set_value(value)
            else:
                at.radio(key=key).set_value(value)
        at.run()
    assert not at.exception
    return at


def answer(at: AppTest, **answers) -> AppTest:
    """``fill``, then "Check our answers"."""
    fill(at, **answers)
    at.button(key="question-submitted").click().run()
    assert not at.exception
    return at


def keyed_blocks(at: AppTest, prefix: str) -> list:
    """The boxes the page keyed ``prefix...`` (``st.container(key=...)``), in page order."""
    found = []

    def walk(node) -> None:
        key = getattr(node, "key", None)
        if isinstance(key, str) and key.startswith(prefix):
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


class TableReader(HTMLParser):
    """The cells of the HTML tables ``pages.ui.table_html`` writes, row by row; a long
    table's phone copy (folded in ``details.table-fold``) is the same table, read once."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.reading = False
        self.in_fold = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "details" and "table-fold" in classes:
            self.in_fold = True
        elif tag == "table" and "data-table" in classes and not self.in_fold:
            self.tables.append([])
            self.reading = True
        elif tag == "tr" and self.reading:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.reading:
            self.cell = []

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None
        elif tag == "table":
            self.reading = False
        elif tag == "details":
            self.in_fold = False


def html_tables(body: str) -> list[pd.DataFrame]:
    """The data tables in an ``st.html`` body, as the frames they were written from: the
    first column the index (named by its header), every cell as the text shown."""
    reader = TableReader()
    reader.feed(body)
    frames = []
    for header, *rows in reader.tables:
        frame = pd.DataFrame([row[1:] for row in rows], columns=header[1:])
        frame.index = pd.Index([row[0] for row in rows], name=header[0] or None)
        frames.append(frame)
    return frames


def shown_tables(node) -> list[pd.DataFrame]:
    """Every data table under ``node`` (the page, or a box of it), in page order."""
    return [frame for html in node.get("html") for frame in html_tables(html.value)]


def table_of(at: AppTest, key: str) -> pd.DataFrame:
    """The table the page shows under ``key`` (``pages.ui.table``; a chart's table under
    its chart id), found by name, never by its place on the page."""
    (box,) = [
        block for block in keyed_blocks(at, "data-table-") if block.key == f"data-table-{key}"
    ]
    return shown_tables(box)[0]


def tables_headed(at: AppTest, heading: str) -> list:
    """The page's tables whose first column (their index) is headed ``heading``: a table
    found by what it is, not by its place on the page."""
    return [frame for frame in shown_tables(at) if frame.index.name == heading]


def fake_render(figures: list) -> list[bytes]:
    """Stands in for Chromium where a test is about a deck's structure, not its images."""
    return [TINY_PNG for _ in figures]


def page_text(at: AppTest) -> str:
    """Every string the page sends to the browser, quotations of the page removed."""
    texts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return QUOTED.sub(" ", "\n".join(texts))


@pytest.fixture(scope="session")
def english_chunks() -> set[str]:
    """Runs of English catalog text long enough to be unmistakable.

    A run that is also the page's own wording is left out: it may be a quotation (the
    sources table quotes every figure's sentence, in English, as published).
    """
    page = " ".join(paths.SOURCE_PATH.read_text(encoding="utf-8").split())
    english, french = catalog("en"), catalog("fr")
    chunks = set()
    for key, text in english.items():
        if text == french[key]:
            continue
        for literal, *_ in string.Formatter().parse(text):
            for part in re.split(r"[“”(){}\[\]]", literal):
                part = part.strip(" .,:;")
                if len(part) >= 20 and part not in page:
                    chunks.add(part)
    return chunks
