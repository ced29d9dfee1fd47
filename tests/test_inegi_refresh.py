"""``python -m etl.refresh --source inegi`` against a local stand-in for INEGI's download
address: a new month and a revision come in; already current changes nothing; every
failure is one line, exit 1, nothing kept and the database byte for byte as it was; an
interrupted refresh is finished by the next."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import inegi_refresh, refresh
from etl.errors import BuildError
from etl.inegi import PACKAGE_NAME
from tests.conftest import copy_database
from tests.inegi import Reply, add_june_and_revise_april, fake_inegi, package

NOW = dt.datetime(2026, 8, 20, 15, 0, tzinfo=dt.UTC)
NEW_RELEASE = "2026-08-19"


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> Path:
    return copy_database(built_db, tmp_path / "trade_mission.duckdb")


@pytest.fixture
def releases(tmp_path: Path) -> Path:
    return tmp_path / "releases"


def run(url: str, db: Path, releases: Path, *extra: str) -> int:
    arguments = [
        "--source",
        "inegi",
        "--db",
        str(db),
        "--inegi-url",
        url,
        "--releases",
        str(releases),
        *extra,
    ]
    return refresh.main(arguments, now=lambda: NOW, backoff=0)


def new_release() -> bytes:
    return package(NEW_RELEASE, "2026-06-30", add_june_and_revise_april)


@pytest.mark.slow  # builds a whole database of its own
def test_a_new_month_and_a_revision_come_in_and_the_package_is_kept(db, releases, capsys):
    served = new_release()
    with fake_inegi(Reply(body=served)) as inegi:
        assert run(inegi.url, db, releases) == 0
    kept = releases / "inegi" / NEW_RELEASE
    assert (kept / PACKAGE_NAME).read_bytes() == served  # as received
    retrieval = json.loads((kept / "retrieval.json").read_text())
    assert retrieval == {"retrieved_at": "2026-08-20T15:00:00+00:00", "url": inegi.url}
    printed = capsys.readouterr().out
    assert "kept INEGI's release of 2026-08-19" in printed
    assert "new months: 2026-06" in printed and "1 value(s) revised" in printed
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select max(ref_month) from mexico_trade_monthly").fetchone() == (
        dt.date(2026, 6, 1),
    )
    revision = con.execute(
        "select chapter, transport_mode, value - earlier_value, earlier_release, release "
        "from mexico_trade_revisions"
    ).fetchall()
    assert [(c, m, round(d, 6), str(e), str(r)) for c, m, d, e, r in revision] == [
        ("03", "road", 1.0, "2026-07-22", NEW_RELEASE)
    ]
    releases_held = con.execute(
        "select release_date, reference_period_end, source from data_releases "
        "where dataset = 'mexico_trade_monthly' order by release_date"
    ).fetchall()
    assert releases_held[-1] == (dt.date(2026, 8, 19), dt.date(2026, 6, 30), inegi.url)


def test_the_same_release_again_is_already_current(db, releases, capsys):
    before = db.read_bytes()
    with fake_inegi(Reply(body=package())) as inegi:
        assert run(inegi.url, db, releases) == 0
    assert "already current" in capsys.readouterr().out
    assert db.read_bytes() == before


def not_inegi_layout() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    return buffer.getvalue()


def comma_in_a_value(lines: list[str]) -> list[str]:
    """The last line's value written with a decimal comma."""
    return [*lines[:-1], lines[-1].replace(",4.786,", ",4,786,")]


def months_to_december(lines: list[str]) -> list[str]:
    """June to December 2026 as copies of May: months that end after an August release."""
    may = [line for line in lines if ",2026,05," in line]
    return lines + [
        line.replace(",2026,05,", f",2026,{month:02d},") for month in range(6, 13) for line in may
    ]


@pytest.mark.parametrize(
    "served, extra, message",
    [
        (lambda: Reply(status=500, body=b"oops"), (), "answered HTTP 500"),
        (lambda: Reply(body=b"<html>maintenance</html>"), (), "not INEGI's zip package"),
        (lambda: Reply(body=not_inegi_layout()), (), "not the documented layout"),
        (lambda: Reply(body=package("2026-06-01", "2026-04-30")), (), "older than the release"),
        (lambda: Reply(body=package("2099-12-31", "2099-11-30")), (), "after today"),
        (lambda: Reply(status=302, location="http://127.0.0.1:9/elsewhere.zip"), (), "redirected"),
        (lambda: Reply(trickle=True), ("--timeout", "1"), "within 1 s"),
        (
            lambda: Reply(body=package(NEW_RELEASE, "2026-05-31", comma_in_a_value)),
            (),
            "is refused, nothing kept",
        ),
        (
            lambda: Reply(body=package(NEW_RELEASE, "2026-12-31", months_to_december)),
            (),
            "after the period the package covers",  # months after the release are refused
        ),
    ],
    ids=[
        "http-500",
        "not-a-zip",
        "not-the-layout",
        "older",
        "dated-in-the-future",
        "redirect",
        "trickle",
        "build-refuses",
        "period-after-release",
    ],
)
def test_every_failure_is_one_line_exit_1_nothing_kept(
    db, releases, capsys, served, extra, message
):
    before = db.read_bytes()
    with fake_inegi(served()) as inegi:  # made here, not at collection: a package takes time
        assert run(inegi.url, db, releases, *extra) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and message in error, error
    assert "\x1b" not in error
    assert db.read_bytes() == before
    assert not any((releases / "inegi").glob("*")) if (releases / "inegi").exists() else True


def test_a_package_the_build_refuses_after_its_own_checks_is_not_kept(
    db, releases, capsys, monkeypatch
):
    """The package passes its own checks, then the build refuses it (a check across
    datasets): one line, exit 1, the kept package removed, the database as it was."""

    def refuse(inputs, target):
        raise BuildError(target, "the figures across datasets do not agree")

    monkeypatch.setattr(inegi_refresh, "build_database", refuse)
    before = db.read_bytes()
    with fake_inegi(Reply(body=new_release())) as inegi:
        assert run(inegi.url, db, releases) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert f"INEGI's release of {NEW_RELEASE} is refused, nothing kept" in error
    assert "do not agree" in error
    assert db.read_bytes() == before
    assert not any((releases / "inegi").iterdir())


@pytest.mark.slow  # builds a whole database of its own
def test_an_interrupted_refresh_is_finished_by_the_next(db, releases, capsys):
    """A package kept whose database was never built (the run was stopped): the next run
    rebuilds with it before asking INEGI anything new."""
    served = new_release()
    folder = releases / "inegi" / NEW_RELEASE
    folder.mkdir(parents=True)
    (folder / PACKAGE_NAME).write_bytes(served)
    (folder / "retrieval.json").write_text(
        json.dumps({"retrieved_at": "2026-08-20T14:00:00+00:00", "url": "http://127.0.0.1/x"})
    )
    with fake_inegi(Reply(body=served)) as inegi:
        assert run(inegi.url, db, releases) == 0
    printed = capsys.readouterr().out
    assert "finished an interrupted refresh" in printed and "already current" in printed
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select max(ref_month) from mexico_trade_monthly").fetchone() == (
        dt.date(2026, 6, 1),
    )
