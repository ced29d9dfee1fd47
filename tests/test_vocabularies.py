"""Each closed vocabulary of the curated files is stated in several places: the file's
declaration (``etl/inputs.py``), the table's check (``etl/schema.sql``), the rules' types
and the code that acts on each value. They must say the same: a value added in one
place and forgotten in another would be accepted by the build and then mishandled."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from etl import inputs
from etl.csvfiles import CsvFile
from etl.paths import ETL_DIR
from etl.steps.checks import METHODS
from trade_mission.rules import eligibility
from trade_mission.text.i18n import LANGUAGES, catalog
from trade_mission.views.assessment import CHECK_SECTIONS

TABLE = re.compile(r"create table (\w+) \((.*?)\n\);", re.S)
CHOICES = re.compile(r"(\w+) varchar[^,]*?check \(\1 in \(([^)]*)\)\)", re.S)


def schema_choices() -> dict[tuple[str, str], frozenset[str]]:
    """(table, column) -> the values its check allows."""
    text = (ETL_DIR / "schema.sql").read_text(encoding="utf-8")
    found = {}
    for table, body in TABLE.findall(text):
        for column, values in CHOICES.findall(body):
            found[table, column] = frozenset(re.findall(r"'([^']*)'", values))
    return found


def declared_choices() -> dict[tuple[str, str], frozenset[str]]:
    """(table named like its file, column) -> the values the file's declaration allows."""
    files = [value for value in vars(inputs).values() if isinstance(value, CsvFile)]
    return {
        (file.file_name.removesuffix(".csv"), column.name): column.choices
        for file in files
        for column in file.columns
        if column.choices is not None
    }


def test_the_schema_reads_the_values_it_checks():
    # The parser below is what the agreement rests on: it must find the checks.
    found = schema_choices()
    assert found["eligibility_checks", "met_when"] == {"yes", "no", "mission_sector"}
    assert len(found) >= 10


def test_each_file_and_its_table_allow_the_same_values():
    schema = schema_choices()
    shared = sorted(set(schema) & set(declared_choices()))
    assert len(shared) >= 6, shared
    for key in shared:
        assert declared_choices()[key] == schema[key], key
    # Two files, one table: the page's opportunities, from its lists and from its prose.
    assert schema["opportunities", "category"] == inputs.OPPORTUNITY_CATEGORIES


@pytest.mark.parametrize(
    "declared, typed",
    [
        (inputs.CHECK_MET_WHEN, eligibility.MetWhen),
        (inputs.FORM_SECTIONS, eligibility.FormSection),
        (inputs.CRITERION_SCOPES, eligibility.Scope),
    ],
)
def test_the_rules_types_are_the_files_values(declared, typed):
    assert set(get_args(typed)) == declared


def test_every_scope_belongs_to_a_track_and_every_section_is_asked():
    scopes = set().union(*eligibility.TRACK_SCOPES.values())
    assert scopes == inputs.CRITERION_SCOPES
    # "who" questions are the organization's own, asked before the sections.
    assert {"who", *CHECK_SECTIONS} == inputs.FORM_SECTIONS


def test_every_check_method_is_computed_and_worded_in_both_languages():
    assert {*METHODS, "none"} == inputs.CHECK_METHODS
    for lang in LANGUAGES:
        words = catalog(lang)
        for name, method in METHODS.items():
            assert f"check.basis.{name}" in words, (lang, name)
            assert f"check.source.{method.source}" in words, (lang, name)
