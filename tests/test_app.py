"""AppTest over every page, and the app's behaviour when the database is missing or bad."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.errors import BuildError
from trade_mission import config

APP = str(config.PROJECT_ROOT / "app.py")
TIMEOUT = 30
PAGES = ["pages/overview.py"]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_exception(app_db, page):
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert at.title


def test_overview_shows_the_headline_figures_with_their_sources(app_db):
    at = open_page("pages/overview.py")
    values = [metric.value for metric in at.metric]
    assert "nearly $56 billion" in values
    assert "over 132 million" in values
    assert "≈ $4.7 billion" in values  # derived, and marked as such
    markdown = " ".join(block.value for block in at.markdown)
    assert "Estimate implied by the page" in markdown
    assert "reaching nearly \\$56 billion in 2024" in markdown  # the quote, escaped for Markdown
    assert "Registration closed on November 28, 2025" in " ".join(w.value for w in at.warning)


def test_a_missing_database_is_built_on_first_start(tmp_path, monkeypatch):
    target = tmp_path / "fresh.duckdb"
    monkeypatch.setenv(config.DB_ENV_VAR, str(target))
    at = open_page("pages/overview.py")
    assert not at.exception and not at.error
    assert target.is_file()


def test_a_damaged_database_is_rebuilt(tmp_path, monkeypatch):
    target = tmp_path / "damaged.duckdb"
    target.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv(config.DB_ENV_VAR, str(target))
    at = open_page("pages/overview.py")
    assert not at.exception and not at.error
    assert "nearly $56 billion" in [metric.value for metric in at.metric]


def test_when_the_database_cannot_be_built_the_app_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv(config.DB_ENV_VAR, str(tmp_path / "never.duckdb"))

    def refuse(inputs, path):
        raise BuildError(Path("data/curated/figures.csv"), "simulated refusal", 2)

    monkeypatch.setattr("etl.build.build_database", refuse)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "make db" in at.error[0].value
