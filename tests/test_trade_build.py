"""The trade statistics in the build: each kind of bad file is refused by name and line,
and the last good database stays byte for byte."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pytest

from etl import paths, rawfiles
from etl.build import build_database
from etl.errors import BuildError
from etl.inputs import TRADE_BY_CHAPTER, TRADE_BY_ORIGIN, Inputs
from etl.steps.annual_trade import BY_CHAPTER, BY_ORIGIN, TradeFile, load_file
from etl.target import manifest_path
from tests.conftest import digest

PROVINCES = TRADE_BY_ORIGIN
CHAPTERS = TRADE_BY_CHAPTER


def rewrite(raw: Path, name: str, edit) -> None:
    """Apply ``edit`` to the lines of a gzip CSV and write it back."""
    path = raw / name
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines(keepends=True)
    # The fastest level: the test is about the content, not the compression.
    path.write_bytes(gzip.compress("".join(edit(lines)).encode("utf-8"), compresslevel=1))


def refused(raw: Path, curated: Path, target: Path) -> BuildError:
    """The build's refusal of ``raw``, its edits recorded as deliberate (SHA256SUMS), so
    what refuses them is the check of their content."""
    rawfiles.record(raw)
    before = digest(target)
    with pytest.raises(BuildError) as error:
        build_database(Inputs(paths.SOURCE_PATH, curated, raw), target)
    assert digest(target) == before
    assert sorted(item.name for item in target.parent.iterdir()) == sorted(
        [target.name, manifest_path(target).name, "curated", "raw"]
    )
    return error.value


def file_refusal(raw: Path, trade_file: TradeFile) -> BuildError:
    """What reading ``trade_file`` of ``raw`` refuses: the file loaded alone, in a database of
    its own, as the build loads it. The build's own refusal (by file and line, the last good
    database left byte for byte) is ``test_a_value_that_is_not_a_number_is_refused_by_line``."""
    with duckdb.connect() as con, pytest.raises(BuildError) as error:
        load_file(con, Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, raw), trade_file)
    return error.value


def replace_line(number: int, old: str, new: str):
    """An edit that changes one line (1 is the header) and checks it was there."""

    def edit(lines: list[str]) -> list[str]:
        assert old in lines[number - 1], lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
        return lines

    return edit


def test_a_value_that_is_not_a_number_is_refused_by_line(raw_copy, curated_copy, existing_db):
    rewrite(raw_copy, PROVINCES, replace_line(1000, ",102698,", ",10269B,"))
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.line == 1000
    assert error.path.name == Path(PROVINCES).name
    assert "total_exports_cad" in str(error) and "10269B" in str(error)


@pytest.mark.parametrize("value", ["102698.5", "0x10", "102_698", "1e3", "+102698", " 102698"])
def test_a_value_that_is_not_a_whole_number_of_dollars_is_refused_not_rounded(raw_copy, value):
    rewrite(raw_copy, CHAPTERS, replace_line(2, ",53014,", f",{value},"))
    error = file_refusal(raw_copy, BY_CHAPTER)
    assert error.line == 2
    assert error.problem == f"total_exports_cad: {value!r} is not a whole number"


def test_a_value_that_is_not_a_number_in_the_province_file_is_refused(raw_copy):
    rewrite(raw_copy, PROVINCES, replace_line(1000, ",102698,", ",99999999999999999999,"))
    error = file_refusal(raw_copy, BY_ORIGIN)
    assert error.line == 1000 and "is not a whole number" in error.problem


def test_a_negative_value_is_refused_by_line(raw_copy, curated_copy, existing_db):
    rewrite(raw_copy, PROVINCES, replace_line(1000, ",102698,", ",-102698,"))
    error = refused(raw_copy, curated_copy, existing_db)
    assert (error.line, error.problem) == (1000, "negative value -102698")


def test_a_repeated_row_is_refused_with_both_lines(raw_copy, curated_copy, existing_db):
    # The last row replaced by a copy of the first: the count stays right, the key repeats.
    rewrite(raw_copy, PROVINCES, lambda lines: [*lines[:-1], lines[1]])
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.line == 72892
    assert "duplicate year=1990, origin_code=CA, partner=(partner without a name 1)" in str(error)
    assert "first on line 2" in str(error)


def test_a_cut_row_is_refused_by_line(raw_copy):
    rewrite(raw_copy, PROVINCES, replace_line(5000, ",", ";"))
    error = file_refusal(raw_copy, BY_ORIGIN)
    assert error.line == 5000


def test_a_truncated_file_is_refused(raw_copy):
    path = raw_copy / CHAPTERS
    path.write_bytes(path.read_bytes()[:300_000])
    error = file_refusal(raw_copy, BY_CHAPTER)
    assert error.path.name == Path(CHAPTERS).name
    assert "gzip" in error.problem


def test_a_file_cut_at_a_row_boundary_is_refused_by_the_readme_count(
    raw_copy, curated_copy, existing_db
):
    rewrite(raw_copy, PROVINCES, lambda lines: lines[:50_000])
    assert "49,999 rows, but the README counts 72,891" in str(
        refused(raw_copy, curated_copy, existing_db)
    )


def test_an_unknown_chapter_is_refused_by_line(raw_copy, curated_copy, existing_db):
    rewrite(raw_copy, CHAPTERS, replace_line(2, "2000,01,", "2000,1A,"))
    error = refused(raw_copy, curated_copy, existing_db)
    assert (error.line, error.problem) == (2, "unknown chapter '1A'")


def test_a_partner_without_french_is_refused_by_line(raw_copy, curated_copy, existing_db):
    rewrite(raw_copy, PROVINCES, replace_line(3, "Afghanistan", "Atlantis"))
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.line == 3 and "'Atlantis' has no French name in partners.csv" in str(error)


def test_data_that_do_not_give_the_readme_check_figures_are_refused(
    raw_copy, curated_copy, existing_db
):
    def change_mexico_2024(lines):
        for number, line in enumerate(lines):
            if line.startswith("2024,CA,Canada,Mexico,"):
                lines[number] = line.replace(",8663078573,", ",8663078574,")
        return lines

    rewrite(raw_copy, PROVINCES, change_mexico_2024)
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.path.name == "README.md"
    assert "8663078574" in error.problem and "8663078573" in error.problem


def break_curated(curated: Path, name: str, old: str, new: str) -> None:
    path = curated / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "name, old, new, expected",
    [
        (
            "sector_chapters.csv",
            "agriculture_processed_foods,01-24,",
            "agriculture_processed_foods,01-99,",
            "unknown chapter '77'",
        ),
        (
            "sector_chapters.csv",
            "ict,84,part,",
            "ict,eighty-four,part,",
            "chapters 'eighty-four' is not NN or NN-NN",
        ),
        (
            "sector_chapters.csv",
            "ict,84,part,",
            "ict,84,most,",
            "coverage 'most' is not one of: part, whole",
        ),
        (
            "figure_checks.csv",
            "bilateral_trade_2024,two_way_trade,2024,,consistent,",
            "bilateral_trade_2024,two_way_trade,2024,,differs,",
            "the official data give 'consistent'",
        ),
        (
            "figure_checks.csv",
            "canada_agrifood_exports_2024,chapter_exports,2024,01-24,",
            "canada_agrifood_exports_2024,chapter_share,2024,01-24,",
            "chapter_share gives a value in 'percent', the figure is in '$ billion'",
        ),
        (
            "figure_checks.csv",
            "which the page rounds to twelvefold",
            "which the page rounds to {official_value}",
            "unknown placeholder {official_value}",
        ),
        (
            "hs_chapters.csv",
            '88,"Aircraft, spacecraft and their parts"',
            '87,"Aircraft, spacecraft and their parts"',
            "duplicate hs2=87",
        ),
    ],
)
def test_bad_curated_trade_rows_are_refused(
    raw_copy, curated_copy, existing_db, name, old, new, expected
):
    break_curated(curated_copy, name, old, new)
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.path.name == name
    assert error.line is not None
    assert expected in str(error)


def test_every_figure_needs_a_check_row(raw_copy, curated_copy, existing_db):
    path = curated_copy / "figure_checks.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("flight_time_hours,")))
    assert "no row for figure(s) flight_time_hours" in str(
        refused(raw_copy, curated_copy, existing_db)
    )
