"""The ETL: parsing steps, value reading, refusals, atomic and deterministic builds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import LOAD_ORDER, build_database
from etl.errors import BuildError
from etl.source import SourceDocument
from etl.transform import Inputs, clean_item, split_list
from etl.values import ExpressionError, evaluate, stated_value, unit_mismatch
from trade_mission import config

PROJECT_ROOT = config.PROJECT_ROOT


def run_etl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_contents(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {name: sorted(connection.table(name).fetchall(), key=repr) for name in LOAD_ORDER}


# Parsing ---------------------------------------------------------------------------------


def test_headings_are_found_from_layout_alone():
    document = SourceDocument.load(config.SOURCE_PATH)
    headings = [section.heading for section in document.sections]
    assert headings[:3] == ["Canada Trade Mission to Mexico", "On this page", "Event details"]
    assert "Creative industries" in headings  # directly after a bullet, no blank line
    assert "Date modified:" not in headings


def test_nested_bullets_keep_their_level():
    document = SourceDocument.load(config.SOURCE_PATH)
    criteria = document.section("Eligibility criteria for Canadian companies")
    levels = [(item.level, item.text[:20]) for item in criteria.lists[0].items]
    assert levels[0][0] == 1 and levels[2][0] == 2  # "have a commercialized…" is nested


def test_quotes_match_across_no_break_spaces_and_keep_source_characters():
    document = SourceDocument.load(config.SOURCE_PATH)
    located = document.locate("tariff-free entry for 99% of Canada-Mexico traded goods")
    assert located is not None
    assert "\u202f" in located.text  # the capture has a narrow no-break space before "goods"
    assert located.text in document.text


def test_quotes_never_match_across_lines():
    document = SourceDocument.load(config.SOURCE_PATH)
    assert document.locate("Format: In-market Registration deadline") is None


@pytest.mark.parametrize(
    "text, items",
    [
        ("Guadalajara and Monterrey", ["Guadalajara", "Monterrey"]),
        (
            "Baja California, Chihuahua, Nuevo León, and Querétaro",
            ["Baja California", "Chihuahua", "Nuevo León", "Querétaro"],
        ),
        ("Mexico City", ["Mexico City"]),
    ],
)
def test_split_list(text, items):
    assert split_list(text) == items


def test_clean_item_closes_what_the_page_left_open():
    assert clean_item("enterprise software (for multiple industries") == (
        "enterprise software (for multiple industries)"
    )
    assert clean_item("Operate in one of the sectors.") == "Operate in one of the sectors"


@pytest.mark.parametrize(
    "text, value",
    [
        ("$56 billion", 56),
        ("$2.2 billion", 2.2),
        ("$377.8 million", 377.8),
        ("52.7 %", 52.7),
        ("4,500", 4500),
        ("third-largest", 3),
        ("fourth", 4),
        ("seventh", 7),
        ("twelvefold", 12),
        ("six hours", 6),
        ("one-third", 1 / 3),
        ("2 representatives", 2),
    ],
)
def test_stated_value_reads_what_the_page_writes(text, value):
    assert stated_value(text) == pytest.approx(value)


def test_stated_value_is_none_without_a_number():
    assert stated_value("streamlined customs procedures") is None


def test_unit_mismatch():
    assert unit_mismatch("$56 billion", "$ billion") is None
    assert unit_mismatch("$56 billion", "$ million")
    assert unit_mismatch("25%", "count")


def test_evaluate_writes_the_arithmetic_with_its_numbers():
    value, text = evaluate("a / (1 + b / 100)", {"a": 377.8, "b": 52.7})
    assert value == pytest.approx(247.41322855)
    assert text == "377.8 ÷ (1 + 52.7 ÷ 100)"
    assert evaluate("a - b - c", {"a": 10, "b": 3, "c": 2}) == (5, "10 − 3 − 2")


@pytest.mark.parametrize("expression", ["__import__('os')", "a ** 2", "a.b", "'x'", "a / 0"])
def test_evaluate_refuses_anything_but_arithmetic(expression):
    with pytest.raises(ExpressionError):
        evaluate(expression, {"a": 1.0})


# Refused input -----------------------------------------------------------------------------


@pytest.fixture
def existing_db(tmp_path: Path) -> Path:
    path = tmp_path / "existing.duckdb"
    result = run_etl("--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def break_curated(curated: Path, file_name: str, old: str, new: str) -> None:
    path = curated / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_source_missing_a_quoted_passage_is_refused(existing_db, tmp_path):
    before = digest(existing_db)
    source = tmp_path / "source.txt"
    text = config.SOURCE_PATH.read_text(encoding="utf-8")
    source.write_text(
        text.replace("reaching nearly $56 billion in 2024", "reaching record levels"),
        encoding="utf-8",
    )
    result = run_etl("--db", str(existing_db), "--source", str(source))
    assert result.returncode == 1
    assert "figures.csv, line" in result.stderr
    assert "bilateral_trade_growth_since_1994" in result.stderr
    assert "quote not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(existing_db) == before


@pytest.mark.parametrize(
    "file_name, old, new, expected",
    [
        (
            "figures.csv",
            "bought by Mexico,2.2,",
            "bought by Mexico,two point two,",
            "value 'two point two' is not a number",
        ),
        (
            "figures.csv",
            "bought by Mexico,2.2,",
            "bought by Mexico,2.3,",
            "value 2.3 does not appear in its quote",
        ),
        (
            "figures.csv",
            "mexico_agrifood_imports_2024,",
            "canada_agrifood_exports_2024,",
            "duplicate figure_id=canada_agrifood_exports_2024",
        ),
        (
            "figures.csv",
            "ghg_reduction_target_2030,clean_technologies,",
            "ghg_reduction_target_2030,clean_tech,",
            "unknown sector_id 'clean_tech'",
        ),
        (
            "opportunities_prose.csv",
            "ict,technology,cybersecurity,",
            "ict,technology,quantum computing,",
            "the item is not in its quote",
        ),
        (
            "sectors.csv",
            "ict,Information and communications technologies,ICT",
            "ict,Information technology,ICT",
            "sector 'Information technology' is not on the page",
        ),
        (
            "eligibility_criteria.csv",
            "in_scope,important,,everyone,",
            "in_scope,important,,everybody,",
            "applies_to 'everybody' is not one of",
        ),
    ],
)
def test_bad_curated_rows_are_refused_by_file_line_and_problem(
    existing_db, curated_copy, file_name, old, new, expected
):
    before = digest(existing_db)
    break_curated(curated_copy, file_name, old, new)
    result = run_etl("--db", str(existing_db), "--curated", str(curated_copy))
    assert result.returncode == 1
    assert f"{file_name}, line " in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(existing_db) == before


def test_a_missing_column_names_the_header_line(curated_copy, tmp_path):
    break_curated(curated_copy, "figures.csv", ",value_text,", ",stated,")
    with pytest.raises(BuildError, match=r"figures.csv, line 1: missing column\(s\) value_text"):
        build_database(
            Inputs(config.SOURCE_PATH, curated_copy, config.RAW_DIR), tmp_path / "x.duckdb"
        )
    assert not (tmp_path / "x.duckdb").exists()


def test_an_unreadable_source_is_refused(tmp_path):
    source = tmp_path / "source.txt"
    source.write_bytes(b"\xff\xfe not utf-8")
    result = run_etl("--db", str(tmp_path / "x.duckdb"), "--source", str(source))
    assert result.returncode == 1
    assert "not UTF-8" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_a_load_refused_by_the_database_leaves_the_old_file_and_no_temporary_one(
    existing_db, monkeypatch
):
    before = digest(existing_db)

    def refuse(con, tables):
        con.execute("create table half_written (x integer)")
        raise duckdb.ConstraintException("simulated constraint failure")

    monkeypatch.setattr("etl.build.load", refuse)
    with pytest.raises(BuildError, match="the database refused the data"):
        build_database(Inputs.default(), existing_db)
    assert digest(existing_db) == before
    assert sorted(path.name for path in existing_db.parent.iterdir()) == [existing_db.name]


# Building -----------------------------------------------------------------------------------


def test_the_command_prints_one_line_per_table(tmp_path):
    result = run_etl("--db", str(tmp_path / "db.duckdb"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    for name in LOAD_ORDER:
        assert any(line.startswith(name + " ") and line.endswith(" rows") for line in lines)
    assert lines[-1].startswith("built ")


def test_the_environment_variable_chooses_the_database(tmp_path):
    target = tmp_path / "from-env.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "etl"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, config.DB_ENV_VAR: str(target)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert target.is_file()


def test_builds_are_deterministic(tmp_path):
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    build_database(Inputs.default(), first)
    build_database(Inputs.default(), second)
    assert table_contents(first) == table_contents(second)


def test_a_rebuild_succeeds_while_another_process_reads_the_database(existing_db):
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys\n"
            f"con = duckdb.connect({str(existing_db)!r}, read_only=True)\n"
            "print(con.execute('select count(*) from figures').fetchone()[0], flush=True)\n"
            "sys.stdin.readline()\n"
            "print(con.execute('select count(*) from figures').fetchone()[0], flush=True)\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = reader.stdout.readline().strip()
        result = run_etl("--db", str(existing_db))
        assert result.returncode == 0, result.stderr
        reader.stdin.write("\n")
        reader.stdin.flush()
        second = reader.stdout.readline().strip()
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert first == second != ""  # the reader kept its file; the rebuild replaced the path
    assert table_contents(existing_db)["figures"]
