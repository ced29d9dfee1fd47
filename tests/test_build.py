"""The build: parsing, value reading, refused inputs, atomic, deterministic and concurrent
builds, and its command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.__main__ import main as etl_main
from etl.build import build_database, quote_identifier, table_names
from etl.checksums import main as etl_checksums_main
from etl.errors import BuildError
from etl.inputs import Inputs
from etl.page import PageCapture, split_list
from etl.steps.opportunities import clean_item
from etl.target import PROJECT, check_replaceable, manifest_path
from etl.values import ExpressionError, evaluate, stated_value, unit_mismatch
from tests.conftest import PROJECT_ROOT, digest

SUBPROCESS_TIMEOUT = 60


def different_rows(first: Path, second: Path) -> dict[str, int]:
    """For each table whose rows differ between two databases, how many rows of either are
    not in the other (as a multiset, in DuckDB: a table of Mexico's months has 170,000)."""
    with duckdb.connect() as connection:
        for alias, path in (("one", first), ("two", second)):
            literal = "'" + str(path).replace("'", "''") + "'"
            connection.execute(f"attach {literal} as {alias} (read_only)")
        counts = {}
        for name in table_names():
            table = quote_identifier(name)
            row = connection.execute(
                f"select (select count(*) from (from one.{table} except all "
                f"from two.{table})) + (select count(*) from (from two.{table} "
                f"except all from one.{table}))"
            ).fetchone()
            if row and row[0]:
                counts[name] = row[0]
        return counts


# Parsing ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> PageCapture:
    return PageCapture.load(paths.SOURCE_PATH)


def test_headings_are_found_from_layout_alone(page):
    headings = [section.heading for section in page.sections]
    assert headings[:3] == ["Canada Trade Mission to Mexico", "On this page", "Event details"]
    assert "Creative industries" in headings  # directly after a bullet, no blank line
    assert "Date modified:" not in headings


def test_nested_bullets_keep_their_level(page):
    criteria = page.section("Eligibility criteria for Canadian companies")
    levels = [(item.level, item.text[:20]) for item in criteria.lists[0].items]
    assert levels[0][0] == 1 and levels[2][0] == 2  # "have a commercialized…" is nested


def test_quotes_match_across_no_break_spaces_and_keep_source_characters(page):
    located = page.locate("tariff-free entry for 99% of Canada-Mexico traded goods")
    assert located is not None
    assert "\u202f" in located.text  # the capture has a narrow no-break space before "goods"
    assert located.text in page.text


def test_quotes_never_match_across_lines(page):
    assert page.locate("Format: In-market Registration deadline") is None


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


def run_etl(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """``python -m etl`` run in this process: its exit status, stdout and stderr."""
    status = etl_main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def break_curated(curated: Path, file_name: str, old: str, new: str) -> None:
    path = curated / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_source_missing_a_quoted_passage_is_refused(existing_db, tmp_path, capsys):
    before = digest(existing_db)
    source = tmp_path / "source.txt"
    text = paths.SOURCE_PATH.read_text(encoding="utf-8")
    source.write_text(
        text.replace("reaching nearly $56 billion in 2024", "reaching record levels"),
        encoding="utf-8",
    )
    status, _, err = run_etl(capsys, "--db", str(existing_db), "--source", str(source))
    assert status == 1
    assert "figures.csv, line" in err
    assert "bilateral_trade_growth_since_1994" in err
    assert "quote not found" in err
    assert digest(existing_db) == before


REFUSALS = [
    (
        "headline_figures.csv",
        "flight_time_hours,6",
        "bilateral_trade_1994,6",
        "a headline is a published, country-wide figure",
    ),
    (
        "headline_figures.csv",
        "flight_time_hours,6",
        "flight_time_hours,5",
        "rank 5: ranks run 1, 2, 3… to at most 6, with no gap or repeat",
    ),
    (
        "figures.csv",
        "bought by Mexico,2.2,",
        "bought by Mexico,two point two,",
        "value 'two point two' is not a number",
    ),
    *(
        ("figures.csv", "bought by Mexico,2.2,", f"bought by Mexico,{value},", f"{value!r} is not")
        for value in ("2_2", "2.2e0", "inf", "٢.٢")
    ),
    (
        "headline_figures.csv",
        "flight_time_hours,6",
        "flight_time_hours,6,surplus",
        "flight_time_hours): more fields than the header has",
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
        "derived_figures.csv",
        "bilateral_trade_2024 / bilateral_trade_growth_since_1994",
        "bilateral_trade_2024 / bilateral_trade_growth_since_1993",
        "unknown figure 'bilateral_trade_growth_since_1993'",
    ),
    (
        "derived_figures.csv",
        "bilateral_trade_2024 / bilateral_trade_growth_since_1994",
        "bilateral_trade_2024 ** 2",
        "Pow is not allowed",
    ),
    (
        "derived_figures.csv",
        "ict_turnover_2023,ict,",
        "ict_turnover_2024,ict,",
        "figure_id is also a published figure",
    ),
    (
        "opportunities_prose.csv",
        "ict,technology,cybersecurity,",
        "ict,technology,quantum computing,",
        "the item is not in its quote",
    ),
    (
        "companies.csv",
        "advanced_manufacturing,Ford,oem,",
        "advanced_manufacturing,Tesla,oem,",
        "the company is not named in its quote",
    ),
    (
        "companies.csv",
        "advanced_manufacturing,Ford,oem,",
        "ict,Ford,oem,",
        "quote not found in the 'Information and communications technologies (ICT)' section",
    ),
    (
        "notices.csv",
        "b2b_smes_only,criteria_companies,Please note:",
        "b2b_smes_only,criteria_companies,Please kindly note:",
        "quote not found",
    ),
    (
        "notices.csv",
        "b2b_smes_only,criteria_companies,",
        "b2b_smes_only,criteria_for_everyone,",
        "unknown section_id 'criteria_for_everyone'",
    ),
    (
        "sections.csv",
        "why_mexico,Why Mexico?,2,",
        "why_mexico,Why Canada?,2,",
        "expected heading 'Why Canada?' here, but the source has 'Why Mexico?'",
    ),
    (
        "sections.csv",
        "opportunities_ict,Information and communications technologies (ICT),3,ict",
        "opportunities_ict,Information and communications technologies (ICT),3,telecom",
        "unknown sector_id 'telecom'",
    ),
    (
        "sectors.csv",
        "ict,Information and communications technologies,ICT",
        "ict,Information technology,ICT",
        "sector 'Information technology' is not on the page",
    ),
    (
        "eligibility_criteria.csv",
        "in_scope,important,,companies,",
        "in_scope,important,,everybody,",
        "applies_to 'everybody' is not one of",
    ),
    (
        "eligibility_criteria.csv",
        "commercialized_offering,criteria_companies,export_ready,",
        "commercialized_offering,criteria_companies,export_readiness,",
        "unknown parent_id 'export_readiness'",
    ),
    (
        "eligibility_checks.csv",
        "market_research_done,market_research_done,",
        "market_research_done,market_research,",
        "unknown criterion_id 'market_research'",
    ),
    (
        "eligibility_checks.csv",
        "commercialized_offering,commercialized_offering,",
        "commercialized_offering,export_ready,",
        "'export_ready' has sub-criteria",
    ),
    (
        "eligibility_checks.csv",
        "tcs_registered_in_canada",
        "tcs_registered",
        "unknown outside_rule 'tcs_registered'",
    ),
    (
        "chart_figures.csv",
        "creative_composition_2022,audiovisual_exports_2022,",
        "creative_composition_2022,audiovisual_export_2022,",
        "unknown figure_id 'audiovisual_export_2022'",
    ),
    (
        "chart_figures.csv",
        "creative_composition_2022,audiovisual_exports_2022,",
        "creative_composition,audiovisual_exports_2022,",
        "unknown chart_id 'creative_composition'",
    ),
    (
        "chart_figures.csv",
        "creative_composition_2022,live_performance_exports_2022,",
        "creative_composition_2022,creative_exports_other_2022,",
        "'creative_exports_other_2022' is an estimate derived from the page's figures",
    ),
    (
        "chart_figures.csv",
        "creative_composition_2022,live_performance_exports_2022,",
        "creative_composition_2022,creative_export_growth_2022,",
        "is not a part of 'creative_exports_2022'",
    ),
    (
        "chart_figures.csv",
        "creative_composition_2022,creative_exports_2022,value,total",
        "creative_composition_2022,interactive_digital_media_exports_2022,value,total",
        "the bars add up to more than 'interactive_digital_media_exports_2022'",
    ),
    (
        "charts.csv",
        "sector_trade_advanced_manufacturing,advanced_manufacturing,",
        "sector_trade_advanced_manufacturing,creative_industries,",
        "the chapters of 'creative_industries' are only a proxy for it",
    ),
    (
        "charts.csv",
        "aerospace_clusters,advanced_manufacturing,",
        "aerospace_clusters,aerospace,",
        "unknown sector_id 'aerospace'",
    ),
    (
        "city_time_zones.csv",
        "Monterrey,America/Monterrey,",
        "Monterrey,America/Nuevo_Leon,",
        "unknown time zone 'America/Nuevo_Leon'",
    ),
    (
        "translations_fr.csv",
        "figures,mexico_population,label,Population of Mexico,",
        "figures,mexico_population,label,Mexico's population,",
        "the English has changed to 'Population of Mexico': check the French",
    ),
    (
        "translations_fr.csv",
        "Limites des États\u00a0: INEGI",
        "Limites des États : INEGI",
        "' :' needs a no-break space (U+00A0), not a space",
    ),
    (
        "translations_fr.csv",
        "sectors,ict,short_name,ICT,TIC\n",
        "sectors,ict,short_name,ICT,TIC\nsectors,ict,acronym,ICT,TIC\n",
        "translates nothing in the data",
    ),
]


@pytest.mark.parametrize(
    "file_name, old, new, expected", REFUSALS, ids=[f"{r[0]}:{r[3][:30]}" for r in REFUSALS]
)
def test_bad_curated_rows_are_refused_by_file_line_and_problem(
    existing_db, curated_copy, capsys, file_name, old, new, expected
):
    before = digest(existing_db)
    break_curated(curated_copy, file_name, old, new)
    status, _, err = run_etl(capsys, "--db", str(existing_db), "--curated", str(curated_copy))
    assert status == 1
    assert f"{file_name}, line " in err
    assert expected in err
    assert digest(existing_db) == before


def test_a_changed_figure_label_without_new_french_is_refused(existing_db, curated_copy, capsys):
    break_curated(
        curated_copy, "figures.csv", ",Population of Mexico,", ",People living in Mexico,"
    )
    status, _, err = run_etl(capsys, "--db", str(existing_db), "--curated", str(curated_copy))
    assert status == 1
    assert "translations_fr.csv, line 22 (figures/mexico_population/label)" in err
    assert "the English has changed to 'People living in Mexico'" in err


@pytest.mark.parametrize(
    "file_name, row, expected",
    [
        ("translations_fr.csv", "sectors,ict,short_name,ICT,TIC\n", "no French for sectors/ict"),
        (
            "eligibility_checks.csv",
            "market_research_done,market_research_done,market_research_done,yes,plans,\n",
            "no check for the page's criterion market_research_done",
        ),
        (
            "city_time_zones.csv",
            "Monterrey,America/Monterrey,GeoNames (geonameid 3995465)\n",
            "no time zone for Monterrey",
        ),
    ],
)
def test_something_left_out_is_refused(
    existing_db, curated_copy, capsys, file_name, row, expected
):
    break_curated(curated_copy, file_name, row, "")
    status, _, err = run_etl(capsys, "--db", str(existing_db), "--curated", str(curated_copy))
    assert status == 1
    assert file_name in err and expected in err


def test_a_missing_column_names_the_header_line(curated_copy, tmp_path):
    break_curated(curated_copy, "figures.csv", ",value_text,", ",stated,")
    with pytest.raises(BuildError, match=r"figures.csv, line 1: missing column\(s\) value_text"):
        build_database(
            Inputs(paths.SOURCE_PATH, curated_copy, paths.RAW_DIR), tmp_path / "x.duckdb"
        )
    assert not (tmp_path / "x.duckdb").exists()


def test_no_headline_figure_is_refused_because_the_deck_cannot_draw_it(curated_copy, capsys):
    path = curated_copy / "headline_figures.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    target = curated_copy / "x.duckdb"
    status, _, err = run_etl(capsys, "--db", str(target), "--curated", str(curated_copy))
    assert status == 1 and "headline_figures.csv: no headline figure" in err
    assert not target.exists()


def test_a_curated_file_saved_with_a_byte_order_mark_is_refused_saying_so(curated_copy, capsys):
    path = curated_copy / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    status, _, err = run_etl(
        capsys, "--db", str(curated_copy / "x.duckdb"), "--curated", str(curated_copy)
    )
    assert status == 1
    assert "figures.csv, line 1: starts with a byte-order mark" in err
    assert "unexpected column" not in err


def test_an_unreadable_source_is_refused(tmp_path, capsys):
    source = tmp_path / "source.txt"
    source.write_bytes(b"\xff\xfe not utf-8")
    status, _, err = run_etl(capsys, "--db", str(tmp_path / "x.duckdb"), "--source", str(source))
    assert status == 1
    assert "not UTF-8" in err
    assert not (tmp_path / "x.duckdb").exists()


def test_a_load_refused_by_the_database_leaves_the_old_file_and_no_temporary_one(
    existing_db, monkeypatch
):
    before = digest(existing_db)

    def refuse(con, prepared, inputs):
        con.execute("create table half_written (x integer)")
        raise duckdb.ConstraintException("simulated constraint failure")

    monkeypatch.setattr("etl.build.write", refuse)
    with pytest.raises(BuildError, match="the database refused the data"):
        build_database(Inputs.default(), existing_db)
    assert digest(existing_db) == before
    assert sorted(path.name for path in existing_db.parent.iterdir()) == sorted(
        [existing_db.name, manifest_path(existing_db).name]
    )


# Building -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_command_prints_one_line_per_table(tmp_path, capsys):
    status, out, _ = run_etl(capsys, "--db", str(tmp_path / "db.duckdb"))
    assert status == 0
    lines = out.strip().splitlines()
    for name in table_names():
        assert any(line.startswith(name + " ") and line.endswith(" rows") for line in lines)
    assert lines[-1].startswith("built ")


@pytest.mark.slow
def test_the_environment_variable_chooses_the_database(tmp_path, monkeypatch, capsys):
    target = tmp_path / "from-env.duckdb"
    monkeypatch.setenv(paths.DB_ENV_VAR, str(target))
    assert run_etl(capsys)[0] == 0
    assert target.is_file()


@pytest.mark.slow
def test_python_m_etl_runs_and_refuses_with_exit_1(tmp_path, curated_copy):
    """The command as people type it: a build, then a refusal with one line and no traceback."""
    target = tmp_path / "db.duckdb"
    command = [sys.executable, "-m", "etl", "--db", str(target)]
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT
    )
    assert done.returncode == 0, done.stderr
    before = digest(target)
    break_curated(curated_copy, "figures.csv", "bought by Mexico,2.2,", "bought by Mexico,2.3,")
    refused = subprocess.run(
        [*command, "--curated", str(curated_copy)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
    )
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0].startswith("etl: error: ")
    assert "Traceback" not in refused.stderr
    assert digest(target) == before


@pytest.mark.slow
def test_builds_are_deterministic(tmp_path):
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    build_database(Inputs.default(), first)
    build_database(Inputs.default(), second)
    assert different_rows(first, second) == {}


@pytest.mark.slow
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
    assert reader.stdin is not None and reader.stdout is not None  # both piped
    try:
        first = reader.stdout.readline().strip()
        build_database(Inputs.default(), existing_db)
        reader.stdin.write("\n")
        reader.stdin.flush()
        second = reader.stdout.readline().strip()
    finally:
        reader.stdin.close()
        reader.wait(timeout=SUBPROCESS_TIMEOUT)
    assert first == second != ""  # the reader kept its file; the rebuild replaced the path
    with duckdb.connect(str(existing_db), read_only=True) as connection:
        assert connection.table("figures").fetchall()


# Writing only over the project's own database ------------------------------------------------


def test_a_mistyped_path_to_someone_elses_file_is_refused_and_left_untouched(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes, not a database\n")
    status, _, err = run_etl(capsys, "--db", str(notes))
    assert status == 1
    assert str(notes) in err and "not a database this dashboard built" in err
    assert notes.read_text() == "meeting notes, not a database\n"
    assert not manifest_path(notes).exists()


def test_a_users_own_duckdb_file_is_never_replaced(tmp_path, capsys):
    theirs = tmp_path / "analysis.duckdb"
    with duckdb.connect(str(theirs)) as con:
        con.execute("create table results as select 42 as answer")
    before = digest(theirs)
    status, _, err = run_etl(capsys, "--db", str(theirs))
    assert status == 1 and "left untouched" in err
    assert digest(theirs) == before


@pytest.mark.slow  # builds a whole database of its own
def test_a_database_of_an_earlier_build_without_the_marker_is_replaced(existing_db, capsys):
    with duckdb.connect(str(existing_db)) as con:
        con.execute("drop table build_info")
    status, _, _ = run_etl(capsys, "--db", str(existing_db))
    assert status == 0
    with duckdb.connect(str(existing_db), read_only=True) as con:
        assert con.execute("select project from build_info").fetchall() == [(PROJECT,)]


@pytest.mark.parametrize("kind", ["notes", "duckdb"])
def test_a_leftover_manifest_speaks_only_for_the_file_it_was_written_for(built_db, tmp_path, kind):
    """An earlier build's manifest beside the path does not make whatever is there now
    the project's: a text file or someone's DuckDB database is left untouched."""
    target = tmp_path / "db.duckdb"
    shutil.copy(manifest_path(built_db), manifest_path(target))
    if kind == "notes":
        target.write_text("my notes\n" * 20000)
    else:
        with duckdb.connect(str(target)) as con:
            con.execute("create table invoices as select range as number from range(100000)")
    before = digest(target)
    with pytest.raises(BuildError, match="left untouched"):
        check_replaceable(target)
    assert digest(target) == before


@pytest.mark.slow
def test_a_database_damaged_beyond_reading_is_rebuilt_only_where_the_build_made_it(
    built_db, tmp_path, capsys
):
    ours, unknown = tmp_path / "ours" / "db.duckdb", tmp_path / "unknown" / "db.duckdb"
    for damaged in (ours, unknown):
        damaged.parent.mkdir()
        damaged.write_bytes(built_db.read_bytes()[: built_db.stat().st_size // 20])
    shutil.copy(manifest_path(built_db), manifest_path(ours))
    before = digest(unknown)
    assert run_etl(capsys, "--db", str(ours))[0] == 0
    assert run_etl(capsys, "--db", str(unknown))[0] == 1
    assert digest(unknown) == before


# The raw files as recorded (data/raw/SHA256SUMS) --------------------------------------------


def build_from(raw: Path, target: Path) -> None:
    build_database(Inputs(raw / paths.SOURCE_PATH.name, paths.CURATED_DIR, raw), target)


def test_an_edited_page_capture_is_refused_until_its_change_is_recorded(
    raw_copy, existing_db, tmp_path
):
    capture = raw_copy / paths.SOURCE_PATH.name
    text = capture.read_text(encoding="utf-8")
    capture.write_text(text.replace("November 28, 2025, 23:59 PT", "December 28, 2025, 23:59 PT"))
    before = digest(existing_db)
    with pytest.raises(BuildError) as error:
        build_from(raw_copy, existing_db)
    assert error.value.path == capture
    assert "changed since it was recorded" in error.value.problem
    assert "python -m etl.checksums" in error.value.problem
    assert digest(existing_db) == before
    assert etl_checksums_main(["--raw", str(raw_copy)]) == 0  # the change, made on purpose
    with pytest.raises(BuildError) as error:
        build_from(raw_copy, existing_db)
    assert error.value.path == capture  # now refused for what the page says, not its bytes
    assert "changed since it was recorded" not in error.value.problem


def test_a_raw_file_without_a_checksum_or_a_recorded_one_gone_is_refused(raw_copy, existing_db):
    extra = raw_copy / "trade" / "notes.csv"
    extra.write_text("a,b\n")
    with pytest.raises(BuildError, match="no checksum is recorded"):
        build_from(raw_copy, existing_db)
    extra.unlink()
    (raw_copy / "mexico-cities.csv").unlink()
    with pytest.raises(BuildError, match="missing, though SHA256SUMS records it"):
        build_from(raw_copy, existing_db)


def test_a_derived_figure_dividing_two_currencies_is_refused(curated_copy, existing_db):
    """Canada's sales (C$, checked against Statistics Canada) divided by Mexico's imports
    (US$, checked against INEGI): the build refuses the figure, naming both."""
    derived = curated_copy / "derived_figures.csv"
    derived.write_text(
        derived.read_text(encoding="utf-8")
        + "share_across_currencies,agriculture_processed_foods,A share across currencies,"
        "percent,2024,1,canada_agrifood_exports_2024 / mexico_agrifood_imports_2024 * 100,"
        "Canadian sales divided by Mexican imports\n",
        encoding="utf-8",
    )
    checks = curated_copy / "figure_checks.csv"
    checks.write_text(
        checks.read_text(encoding="utf-8")
        + "share_across_currencies,none,,,not_comparable,Not comparable.\n",
        encoding="utf-8",
    )
    before = digest(existing_db)
    with pytest.raises(BuildError) as error:
        build_database(Inputs(paths.SOURCE_PATH, curated_copy, paths.RAW_DIR), existing_db)
    assert "different currencies" in str(error.value)
    assert "canada_agrifood_exports_2024 (CAD)" in str(error.value)
    assert "mexico_agrifood_imports_2024 (USD)" in str(error.value)
    assert digest(existing_db) == before
