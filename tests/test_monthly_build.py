"""The monthly trade files in the build: what they give (the current value of every month,
the revisions between the two releases, how current each dataset is), and each kind of bad
file refused by name and line, the last good database left byte for byte."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from etl import paths, rawfiles
from etl.build import build_database
from etl.errors import BuildError
from etl.inputs import Inputs
from tests.conftest import digest
from tests.wds import answer, body

MAIN = "trade-monthly/canada-trade-monthly-12100011.csv"
EARLIER = "trade-monthly/canada-trade-monthly-12100011-earlier-release.csv"


def test_every_month_has_its_current_value_and_release(con):
    rows = con.execute(
        "select partner, flow, count(*), min(ref_month), max(ref_month), max(release_date) "
        "from trade_monthly group by all order by all"
    ).fetchall()
    assert len(rows) == 8
    for _, _, months, first, last, release in rows:
        assert (months, first, last) == (355, dt.date(1997, 1, 1), dt.date(2026, 7, 1))
        assert release == dt.date(2026, 9, 3)
    # The README's figure a reader can repeat: Mexico's exports, January to June 2026.
    (total,) = con.execute(
        "select sum(value_cad_millions) from trade_monthly where partner = 'Mexico' "
        "and flow = 'exports' and ref_month between '2026-01-01' and '2026-06-01'"
    ).fetchone()
    assert total == Decimal("5223.0")


def test_the_revisions_between_the_two_releases_are_recorded(con):
    rows = con.execute(
        "select ref_month, flow, earlier_value, value, earlier_release, release "
        "from trade_monthly_revisions order by ref_month, flow"
    ).fetchall()
    assert len(rows) == 25  # as the README counts them
    assert {row[4:] for row in rows} == {(dt.date(2026, 6, 9), dt.date(2026, 9, 3))}
    assert (dt.date(2026, 4, 1), "imports", Decimal("4949.9"), Decimal("5118.0")) in [
        row[:4] for row in rows
    ]
    assert min(row[0] for row in rows) == dt.date(2025, 1, 1)  # every month before is the same


def test_every_dataset_says_how_current_it_is(con):
    rows = con.execute(
        "select dataset, release_date, reference_period_end from data_releases order by all"
    ).fetchall()
    assert rows == [
        ("mexico_tariff_lines", dt.date(2026, 4, 20), None),
        ("mexico_trade_monthly", dt.date(2026, 7, 22), dt.date(2026, 5, 31)),
        ("mission_page", None, None),
        ("trade_by_chapter", dt.date(2025, 3, 14), dt.date(2024, 12, 31)),
        ("trade_by_origin", dt.date(2025, 3, 14), dt.date(2024, 12, 31)),
        ("trade_monthly", dt.date(2026, 6, 9), dt.date(2026, 4, 30)),
        ("trade_monthly", dt.date(2026, 9, 3), dt.date(2026, 7, 31)),
    ]


def test_the_monthly_and_annual_products_agree_year_by_year(con):
    rows = dict(
        (row[:2], row[2])
        for row in con.execute(
            "select year, flow, round(difference_pct, 2) from monthly_annual_agreement "
            "where partner = 'Mexico' and release_date = '2026-09-03'"
        ).fetchall()
    )
    assert rows[(2024, "exports")] == -0.02 and rows[(2024, "imports")] == 0.36
    assert rows[(2023, "imports")] == 0.97
    assert len(rows) == 56  # 1997 (the monthly table's first year) to 2024, both flows


def refused(raw: Path, target: Path, releases: Path | None = None) -> BuildError:
    """The build's refusal of ``raw``, its edits recorded as deliberate (SHA256SUMS), so
    what refuses them is the check of their content."""
    rawfiles.record(raw)
    before = digest(target)
    with pytest.raises(BuildError) as error:
        build_database(Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, raw, releases), target)
    assert digest(target) == before
    return error.value


def edit_line(raw: Path, name: str, number: int, old: str, new: str) -> None:
    path = raw / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "old", "new", "expected"),
    [
        (2, "106.7", "1e3", "'1e3' is not a number with one decimal"),
        (2, "106.7", "106.75", "'106.75' is not a number"),
        (2, "106.7", "0x10", "'0x10' is not a number"),
        (2, "106.7", "1_06.7", "'1_06.7' is not a number"),
        (2, "106.7", "١٠٦.٧", "is not a number with one decimal"),  # Arabic-Indic digits
        (2, "1997-01", "1997-13", "'1997-13' is not a month"),
        (2, "v87008879", "v87008869", "is not the README's for Mexico exports"),
        (3, "imports,495.1,v87008763", "exports,495.1,v87008879", "again (first on line 2)"),
    ],
)
def test_a_bad_row_is_refused_by_its_line(raw_copy, existing_db, line, old, new, expected):
    edit_line(raw_copy, MAIN, line, old, new)
    error = refused(raw_copy, existing_db)
    assert error.path.name == Path(MAIN).name and error.line == line
    assert expected in str(error)


def test_a_missing_month_is_refused(raw_copy, existing_db):
    path = raw_copy / EARLIER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[5]  # 1997-03 Mexico exports
    path.write_text("".join(lines), encoding="utf-8")
    error = refused(raw_copy, existing_db)
    assert "rows, but the README counts 704" in str(error)


def test_swapped_vectors_cannot_slip_in(raw_copy, existing_db):
    """Mexico's exports of 2010 carrying China's values, in both releases, pass every row
    check and the README's figures; the annual totals catch them."""
    main = (raw_copy / MAIN).read_text(encoding="utf-8").splitlines()
    china = {line.split(",")[0]: line.split(",")[3] for line in main if ",China,exports," in line}
    for name in (MAIN, EARLIER):
        path = raw_copy / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for index, line in enumerate(lines):
            if ",Mexico,exports," in line and line.startswith("2010"):
                month, partner, flow, _, vector = line.rstrip("\n").split(",")
                lines[index] = ",".join([month, partner, flow, china[month], vector]) + "\n"
        path.write_text("".join(lines), encoding="utf-8")
    error = refused(raw_copy, existing_db)
    assert error.path.name == Path(EARLIER).name
    assert "Mexico exports: the twelve months of 2010" in str(error)
    assert "Trade Data Online" in str(error)


def test_all_countries_below_the_partners_is_refused(raw_copy, existing_db):
    edit_line(raw_copy, MAIN, 8, "23909.2", "2390.9")
    error = refused(raw_copy, existing_db)
    assert error.line == 8 and "less than the other partners together" in str(error)


def test_a_changed_check_figure_is_refused(raw_copy, existing_db):
    readme = raw_copy / "trade-monthly/README.md"
    readme.write_text(readme.read_text().replace("C$5,223.0 million", "C$5,223.1 million"))
    assert "check figure is C$5223.1 million" in str(refused(raw_copy, existing_db))


def kept_release(releases: Path, name: str, served: bytes, retrieved: str) -> None:
    folder = releases / name
    folder.mkdir(parents=True)
    (folder / "answer.json").write_bytes(served)
    (folder / "retrieval.json").write_text(json.dumps({"retrieved_at": retrieved}))


def test_a_kept_release_is_read_strictly(tmp_path, existing_db):
    releases = tmp_path / "releases"
    kept_release(releases, "2026-10-06", body(answer()), "2026-10-07T16:05:00+00:00")
    error = refused(paths.RAW_DIR, existing_db, releases)
    assert "holds the release of 2026-10-07; the folder must be named so" in str(error)
    (releases / "2026-10-06").rename(releases / "2026-10-07")
    ((releases / "2026-10-07") / "retrieval.json").unlink()
    assert "incomplete release folder: no retrieval.json" in str(
        refused(paths.RAW_DIR, existing_db, releases)
    )


@pytest.mark.slow  # builds a whole database of its own
def test_a_kept_release_joins_the_shipped_ones(tmp_path):
    releases = tmp_path / "releases"
    kept_release(releases, "2026-10-07", body(answer()), "2026-10-07T16:05:00+00:00")
    target = tmp_path / "with-kept.duckdb"
    report = build_database(
        Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, paths.RAW_DIR, releases), target
    )
    assert report.row_counts["trade_monthly"] == 2848  # one month more, eight series
