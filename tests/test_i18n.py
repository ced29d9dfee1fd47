"""Both catalogs complete and in use; numbers and dates written as each language writes them."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.typography import french_typography_problems
from trade_mission.data import queries
from trade_mission.text import formatting
from trade_mission.text.i18n import LANGUAGES, MISSING, catalog, choose_language, t

# The code that words things: the app, and the build (which words the figure checks).
SOURCE_FILES = [
    path
    for folder in ("trade_mission", "pages", "etl")
    for path in (PROJECT_ROOT / folder).rglob("*.py")
] + [PROJECT_ROOT / "app.py", PROJECT_ROOT / "server.py"]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def used_key_patterns() -> list[re.Pattern]:
    """Every key the code asks for: literal keys, and f-string keys as patterns."""
    patterns = []
    for path in SOURCE_FILES:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t"):
                continue
            if not node.args:
                continue
            keys = [node.args[0]]
            if isinstance(keys[0], ast.IfExp):  # t("a" if x else "b", ...)
                keys = [keys[0].body, keys[0].orelse]
            for key in keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    patterns.append(re.compile(re.escape(key.value) + "$"))
                elif isinstance(key, ast.JoinedStr):
                    parts = [
                        re.escape(str(part.value)) if isinstance(part, ast.Constant) else "[^.]+"
                        for part in key.values
                    ]
                    patterns.append(re.compile("".join(parts) + "$"))
    return patterns


def test_the_catalogs_have_the_same_keys():
    assert set(catalog("en")) == set(catalog("fr"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_empty(lang):
    assert [key for key, text in catalog(lang).items() if not text.strip()] == []


def test_translations_keep_their_placeholders():
    english, french = catalog("en"), catalog("fr")
    assert [
        key for key in english if placeholders(english[key]) != placeholders(french[key])
    ] == []


def string_constants() -> set[str]:
    """Every string literal in the code: keys kept in tables (such as app.PAGES) count."""
    found = set()
    for path in SOURCE_FILES:
        for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_entry_is_used_by_the_code():
    patterns = used_key_patterns()
    literals = string_constants()
    unused = [
        key
        for key in catalog("en")
        if key not in literals and not any(p.match(key) for p in patterns)
    ]
    assert unused == []


def test_every_literal_key_the_code_uses_exists():
    keys = set(catalog("en"))
    for pattern in used_key_patterns():
        assert any(pattern.match(key) for key in keys), pattern.pattern


def test_every_chart_and_question_the_data_names_has_its_words(con):
    """Chart ids and questions come from the curated layer; their words from the catalogs."""
    keys = set(catalog("en"))
    charts = queries.charts(con)
    links = queries.chart_figures(con)
    # Trade charts take their words from the trade.chart.* entries, written for any sector.
    own_words = charts[charts["kind"].isin(["figure_bars", "cluster_map"])]
    needed = {
        f"chart.{chart_id}.{part}"
        for chart_id in own_words["chart_id"]
        for part in ("title", "alt")
    }
    for row in charts.itertuples():
        if row.kind == "figure_bars":
            bars = links[(links["chart_id"] == row.chart_id) & (links["role"] == "bar")]
            needed |= {f"chart.{row.chart_id}.{figure_id}" for figure_id in bars["figure_id"]}
    for check in queries.eligibility_checks(con).itertuples():
        needed |= {
            f"eligibility.question.{check.question}.label",
            f"eligibility.title.{check.check_id}",
            *(
                f"eligibility.criterion.{check.check_id}.{part}"
                for part in ("met", "not_met", "next")
            ),
        }
    assert sorted(needed - keys) == []


def test_a_missing_key_is_visible_not_fatal():
    assert t("no.such.key", "fr") == MISSING.format(key="no.such.key")


def test_french_typography_uses_no_break_spaces():
    """Every French sentence the dashboard writes, from the catalog and from the translations
    of the page's data: a no-break space before : ; ? ! and inside « », so a mark never
    starts a line (tests/typography.py)."""
    texts = dict(catalog("fr"))
    with (PROJECT_ROOT / "data" / "curated" / "translations_fr.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            texts[f"{row['table']}/{row['key']}/{row['field']}"] = row["french"]
    assert {
        key: problems
        for key, text in texts.items()
        if (problems := french_typography_problems(text))
    } == {}


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize(
    "lang, money, share, day",
    [
        ("en", "$56 billion", "25%", "February 15, 2026"),
        ("fr", "56 milliards $", "25 %", "15 février 2026"),
    ],
)
def test_numbers_money_percentages_and_dates_per_language(lang, money, share, day):
    assert plain(formatting.value(56, "$ billion", lang)) == money
    assert plain(formatting.value(25, "percent", lang)) == share
    assert formatting.date(dt.date(2026, 2, 15), lang) == day


def test_french_contracts_after_de():
    row = {"value": 1 / 3, "unit": "fraction", "qualifier": "nearly", "is_derived": False}
    assert formatting.figure_value(row, "fr") == "près d’un tiers"
    assert formatting.figure_value(row, "en") == "nearly one-third"


@pytest.mark.parametrize(
    "requested, remembered, locale, expected",
    [
        (["fr"], None, "en-US", ("fr", False)),
        (["fr-CA"], None, None, ("fr", False)),
        (["en", "fr"], None, None, ("fr", False)),
        ([], "fr", "en-US", ("fr", False)),
        ([], None, "fr-CA", ("fr", False)),
        ([], None, "de-DE", ("en", False)),
        ([], None, None, ("en", False)),
        (["<script>"], "fr", None, ("fr", True)),
        (["de"], None, None, ("en", True)),
    ],
)
def test_choose_language(requested, remembered, locale, expected):
    choice = choose_language(requested, remembered, locale)
    assert (choice.lang, choice.rejected) == expected
