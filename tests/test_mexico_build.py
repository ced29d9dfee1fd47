"""Mexico's statistics and tariff in the build: what they hold, and each kind of bad file
refused by name and line (or sheet and row), the last good database byte for byte."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.errors import BuildError
from etl.inegi import PACKAGE_NAME
from etl.inputs import Inputs
from etl.steps.mexico_trade import read_mexico_trade, stage_package
from tests.test_trade_build import refused

PACKAGE = Path("mexico-trade") / PACKAGE_NAME
CHAPTER_MEMBER = "conjunto_de_datos/bcmm_mtra_capitulo_mensual_tr_cifra_2012_2026.csv"
WORKBOOK = Path("mexico-tariff") / "fracciones_arancelarias_20260420.xlsx"
# A line of the chapter file: chapter 03's imports by road in March 2025.
FISH_BY_ROAD = 'Importación,2025,03,"Capítulo 03 Pescados, crustáceos y moluscos",07,'


def rewrite_package(raw: Path, edit) -> None:
    """Apply ``edit`` to the chapter file's lines inside INEGI's zip, and write it back."""
    path = raw / PACKAGE
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    lines = members[CHAPTER_MEMBER].decode("utf-8").splitlines(keepends=True)
    members[CHAPTER_MEMBER] = "".join(edit(lines)).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def line_of(lines: list[str], fragment: str) -> int:
    return next(number for number, line in enumerate(lines) if fragment in line)


def change_value(fragment: str, new: str):
    """An edit that writes ``new`` as the value of the line holding ``fragment``."""

    def edit(lines: list[str]) -> list[str]:
        number = line_of(lines, fragment)
        fields = lines[number].rstrip("\n").split(",")
        # The value is the third field from the end; the concept may hold commas.
        fields[-3] = new
        lines[number] = ",".join(fields) + "\n"
        return lines

    return edit


def test_the_months_chapters_and_modes_are_held_as_inegi_published_them(con):
    (months, first, last) = con.execute(
        "select count(distinct ref_month), min(ref_month), max(ref_month) "
        "from mexico_trade_monthly"
    ).fetchone()
    assert (months, str(first), str(last)) == (173, "2012-01-01", "2026-05-01")
    statuses = dict(
        con.execute(
            "select year(ref_month), any_value(figure_status) from mexico_trade_monthly "
            "where year(ref_month) in (2021, 2024, 2026) group by 1"
        ).fetchall()
    )
    assert statuses == {2021: "definitive", 2024: "adjusted", 2026: "revised"}
    # Confidential cells are kept as such: no value, never 0.
    assert con.execute(
        "select count(*), count(value_usd_millions) from mexico_trade_monthly where confidential"
    ).fetchone() == (333, 0)
    # The chapters and the unclassified goods make INEGI's national total of 2025.
    parts, total = con.execute(
        "select (select sum(value_usd_millions) from mexico_trade_monthly "
        "        where flow = 'imports' and year(ref_month) = 2025), "
        "       (select sum(value_usd_millions) from mexico_trade_totals "
        "        where flow = 'imports' and transport_mode = 'all' and year(ref_month) = 2025)"
    ).fetchone()
    assert round(total, 1) == 664066.2
    assert abs(parts - total) < 0.5


def test_the_tariff_lines_keep_the_rate_as_published_and_its_kind(con):
    rows = dict(
        (line, (text, pct, kind))
        for line, text, pct, kind in con.execute(
            "select tariff_line, import_rate_as_published, import_rate_pct, rate_kind "
            "from mexico_tariff_lines where tariff_line in "
            "('3304.10.01', '8703.80.01', '0102.21.01', '1701.14.01', '2208.90.99')"
        ).fetchall()
    )
    assert rows["3304.10.01"] == ("36", 36.0, "ad_valorem")
    assert rows["8703.80.01"] == ("50", 50.0, "ad_valorem")
    assert rows["0102.21.01"] == ("Ex.", 0.0, "exempt")
    kinds = dict(
        con.execute("select rate_kind, count(*) from mexico_tariff_lines group by 1").fetchall()
    )
    assert kinds["prohibited"] == 43  # as the README counts them
    assert kinds["mixed"] > 0 and kinds["specific"] > 0
    # The README's comparison: lines at 25 % or more, April 2026 against April 2024.
    assert con.execute(
        "select count(*) from mexico_tariff_lines where import_rate_pct >= 25"
    ).fetchone() == (1646,)
    (before,) = con.execute(
        "select sum(line_count) from mexico_tariff_levels_2024 where import_rate_pct >= 25"
    ).fetchone()
    assert before == 696


def test_hs_names_label_headings_in_both_languages(con):
    names = {
        code: (en, fr)
        for code, en, fr in con.execute(
            "select code, name_en, name_fr from hs_names where code in ('0304', '8807', '8708')"
        ).fetchall()
    }
    assert names["0304"][0].startswith("Fish fillets and other fish meat")
    assert names["0304"][1].startswith("Filets de poissons et autre chair de poissons")
    assert names["8807"][1] == "Parties des appareils nos 8801, 8802 ou 8806"


def staged_refusal(raw: Path) -> BuildError:
    """What the checks of INEGI's package refuse in ``raw``: the package staged alone, in a
    database of its own, as the build stages it. The build's own refusal (by file and line,
    the last good database left byte for byte) is
    ``test_a_refused_package_leaves_the_last_good_database_and_names_the_line``."""
    (package,) = read_mexico_trade(Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, raw)).packages
    with duckdb.connect() as con, pytest.raises(BuildError) as error:
        stage_package(con, package)
    return error.value


def numbered_value_change(value: str, numbers: list[int]):
    """``change_value`` of the fish-by-road line, noting that line's number in ``numbers``."""

    def edit(lines):
        numbers.append(line_of(lines, FISH_BY_ROAD) + 1)
        return change_value(FISH_BY_ROAD, value)(lines)

    return edit


def test_a_refused_package_leaves_the_last_good_database_and_names_the_line(
    raw_copy, curated_copy, existing_db
):
    numbers: list[int] = []
    rewrite_package(raw_copy, numbered_value_change("1.5e3", numbers))
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.path.name == PACKAGE_NAME
    assert error.line == numbers[0]
    assert "not a plain decimal number" in str(error)


@pytest.mark.parametrize(
    "value, problem",
    [
        ("1,5", "not a plain decimal number"),  # a comma: the line no longer has its fields
        ("1.5e3", "not a plain decimal number"),
        ("", "not a plain decimal number"),  # a blank where the cell is available
        ("-4.2", "not a plain decimal number"),
    ],
)
def test_a_value_that_is_not_a_plain_number_is_refused_by_line(raw_copy, value, problem):
    numbers: list[int] = []
    rewrite_package(raw_copy, numbered_value_change(value, numbers))
    error = staged_refusal(raw_copy)
    assert error.path.name == PACKAGE_NAME
    assert error.line == numbers[0]
    assert problem in str(error) or "fields" in str(error).lower()


def test_a_repeated_row_is_refused_with_both_lines(raw_copy):
    def edit(lines):
        number = line_of(lines, FISH_BY_ROAD)
        return [*lines, lines[number]]

    rewrite_package(raw_copy, edit)
    assert "a second row for 2025-03 imports 03 road" in str(staged_refusal(raw_copy))


def test_a_missing_month_is_refused(raw_copy):
    rewrite_package(raw_copy, lambda lines: [line for line in lines if ",2019,07," not in line])
    assert "2019-07 is missing" in str(staged_refusal(raw_copy))


def test_chapters_that_do_not_add_up_to_their_mode_are_refused(raw_copy):
    rewrite_package(raw_copy, change_value(FISH_BY_ROAD, "9999.5"))
    error = str(staged_refusal(raw_copy))
    assert "2025-03 imports by road" in error and "add up to" in error


def test_a_month_after_the_release_is_refused(raw_copy):
    """A package published in July 2026 cannot hold December 2026."""

    def edit(lines):
        return [
            *lines,
            *(line.replace(",2026,05,", ",2026,12,") for line in lines if ",2026,05," in line),
        ]

    rewrite_package(raw_copy, edit)
    error = str(staged_refusal(raw_copy))
    assert "not contiguous" in error or "after the period" in error


def test_a_package_that_is_not_a_zip_is_refused(raw_copy, curated_copy, existing_db):
    (raw_copy / PACKAGE).write_bytes(b"<html>Service unavailable</html>")
    error = refused(raw_copy, curated_copy, existing_db)
    assert "not INEGI's zip package" in str(error)


def rewrite_workbook(raw: Path, old: str, new: str) -> None:
    """Replace text in the schedule's shared strings (every text cell's value)."""
    path = raw / WORKBOOK
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    strings = members["xl/sharedStrings.xml"].decode("utf-8")
    assert old in strings
    members["xl/sharedStrings.xml"] = strings.replace(old, new, 1).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            "<t>0101.21.01</t>",
            "<t>0101.2101</t>",
            "row 9: tariff line '0101.2101' is not NNNN.NN.NN",
        ),
        ("<t>0101.30.01</t>", "<t>0101.29.02</t>", "tariff line 0101.29.02 repeats row 10"),
        ("<t>Prohibida</t>", "<t>Prohibido salvo permiso</t>", "is not one SNICE writes"),
        ("<t>Fracción Arancelaria</t>", "<t>Código</t>", "no header row"),
    ],
)
def test_a_bad_tariff_line_is_refused_by_sheet_and_row(
    raw_copy, curated_copy, existing_db, old, new, problem
):
    rewrite_workbook(raw_copy, old, new)
    error = refused(raw_copy, curated_copy, existing_db)
    assert error.path.name == WORKBOOK.name
    assert problem in str(error)


def test_a_schedule_without_its_sheet_is_refused(raw_copy, curated_copy, existing_db):
    path = raw_copy / WORKBOOK
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/workbook.xml"] = re.sub(
        rb'<sheet name="FA"', b'<sheet name="Fracciones"', members["xl/workbook.xml"]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    error = refused(raw_copy, curated_copy, existing_db)
    assert "no sheet 'FA'" in str(error)
