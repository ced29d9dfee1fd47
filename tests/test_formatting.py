"""Numbers, money, percentages and dates as each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from trade_mission.text import formatting


def plain(text: str) -> str:
    """Collapse no-break spaces so expectations can be written with plain ones."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize(
    "amount, unit, english",
    [
        (56, "$ billion", "$56 billion"),
        (2.2, "$ billion", "$2.2 billion"),
        (377.8, "$ million", "$377.8 million"),
        (25, "percent", "25%"),
        (52.7, "percent", "52.7%"),
        (4500, "count", "4,500"),
        (3, "rank", "3rd"),
        (132, "million people", "132 million"),
        (1 / 3, "fraction", "one-third"),
        (12, "multiple", "12-fold"),
        (6, "hours", "6 hours"),
    ],
)
def test_english_values_keep_every_published_digit(amount, unit, english):
    assert plain(formatting.value(amount, unit, "en")) == english


def test_derived_values_are_rounded_to_their_display_decimals():
    assert formatting.value(4.8458149779735695, "percent", "en", 1) == "4.8%"
    assert formatting.value(247.41322855271773, "$ million", "en", 1) == "$247.4 million"


def test_published_figures_keep_their_qualifier_and_derived_ones_say_approximately():
    published = {"value": 56.0, "unit": "$ billion", "qualifier": "nearly", "is_derived": False}
    derived = {"value": 4.6667, "unit": "$ billion", "is_derived": True, "display_decimals": 1}
    assert formatting.figure_value(published, "en") == "nearly $56 billion"
    assert formatting.figure_value(derived, "en") == "≈ $4.7 billion"


def test_english_dates():
    assert formatting.date(dt.date(2026, 2, 15), "en") == "February 15, 2026"
    assert formatting.date_range(dt.date(2026, 2, 15), dt.date(2026, 2, 20), "en") == (
        "February 15 to 20, 2026"
    )


def test_the_deadline_is_shown_in_pacific_time():
    deadline = dt.datetime(2025, 11, 29, 7, 59, tzinfo=dt.UTC)
    assert formatting.deadline(deadline, "America/Los_Angeles", "en") == (
        "November 28, 2025, 23:59 Pacific time"
    )


@pytest.mark.parametrize(
    "label, year, lang, expected",
    [
        ("Canada-Mexico bilateral trade", 2024, "en", "Canada-Mexico bilateral trade, 2024"),
        ("Commerce bilatéral", 2024, "fr", "Commerce bilatéral, 2024"),
        ("ICT turnover in 2023, implied", 2023, "en", "ICT turnover in 2023, implied"),
        ("Population of Mexico", None, "en", "Population of Mexico"),
    ],
)
def test_a_figure_card_label_carries_its_year_once(label, year, lang, expected):
    assert formatting.figure_label({"label": label, "year": year}, lang) == expected


@pytest.mark.parametrize(
    "value, unit, lang, expected",
    [
        (55.98321, "$ billion", "en", "C$55.98 billion"),
        (55.98321, "$ billion", "fr", "55,98\u00a0milliards\u00a0$\u00a0CA"),
        # French puts the singular below 2, as everywhere else in the app.
        (1.4999, "$ billion", "fr", "1,50\u00a0milliard\u00a0$\u00a0CA"),
        (12.34, "multiple", "en", "12.3 times"),
        (12.34, "multiple", "fr", "12,3\u00a0fois"),
        (25.46, "percent", "fr", "25,5\u00a0%"),
        (3.0, "rank", "en", "3rd"),
        (1.0, "rank", "fr", "1er"),
    ],
)
def test_an_official_value_checked_is_written_to_the_checks_precision(value, unit, lang, expected):
    assert formatting.checked_value(value, unit, lang) == expected
