"""``python -m etl.refresh`` against a local stand-in for Statistics Canada's Web Data
Service: a new month and a revised one come in; already current changes nothing; every
failure is one line, exit 1, nothing kept and the database byte for byte as it was."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import paths, refresh
from tests.conftest import copy_database
from tests.inegi import Reply as InegiReply
from tests.inegi import fake_inegi, package
from tests.wds import Reply, answer, body, data_point, element, fake_wds, shipped_series

NOW = dt.datetime(2026, 10, 7, 16, 5, tzinfo=dt.UTC)
MEXICO_EXPORTS, MEXICO_IMPORTS = "v87008879", "v87008763"


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's database that a refresh may rebuild."""
    return copy_database(built_db, tmp_path / "trade_mission.duckdb")


@pytest.fixture
def releases(tmp_path: Path) -> Path:
    return tmp_path / "releases"


def run(url: str, db: Path, releases: Path, *extra: str) -> int:
    arguments = [
        "--source",
        "statcan",
        "--db",
        str(db),
        "--wds-url",
        url,
        "--releases",
        str(releases),
        *extra,
    ]
    return refresh.main(arguments, now=lambda: NOW, backoff=0)


@pytest.mark.slow  # builds a whole database of its own
def test_a_new_month_a_revised_one_and_a_flag_come_in_and_the_release_is_kept(
    db, releases, capsys
):
    """The new month comes with a Statistics Canada flag (preliminary): kept with its value."""
    served = body(
        answer(
            revised={(MEXICO_IMPORTS, "2026-07"): 5555.5},
            flags={(MEXICO_EXPORTS, "2026-08"): {"symbolCode": 1}},
        )
    )
    with fake_wds(Reply(body=served)) as wds:
        assert run(wds.url, db, releases) == 0
    asked = wds.requests[0]
    assert {"vectorId": 87008879, "latestN": 24} in asked and len(asked) == 8
    kept = releases / "2026-10-07"
    assert (kept / "answer.json").read_bytes() == served  # as received
    retrieval = json.loads((kept / "retrieval.json").read_text())
    assert retrieval["retrieved_at"] == "2026-10-07T16:05:00+00:00"
    printed = capsys.readouterr().out
    assert "new months: 2026-08" in printed
    assert "revised 2026-07 Mexico imports" in printed
    con = duckdb.connect(str(db), read_only=True)
    latest = con.execute(
        "select max(ref_month), count(*) from trade_monthly where ref_month = '2026-08-01'"
    ).fetchone()
    assert latest == (dt.date(2026, 8, 1), 8)
    revision = con.execute(
        "select earlier_value, value, earlier_release, release from trade_monthly_revisions "
        "where ref_month = '2026-07-01' and partner = 'Mexico' and flow = 'imports'"
    ).fetchall()
    assert [tuple(map(str, row)) for row in revision] == [
        (str(value_of(MEXICO_IMPORTS, "2026-07")), "5555.5", "2026-09-03", "2026-10-07")
    ]
    row = con.execute(
        "select release_date, reference_period_end, retrieved_at from data_releases "
        "where dataset = 'trade_monthly' order by release_date desc limit 1"
    ).fetchone()
    assert row == (dt.date(2026, 10, 7), dt.date(2026, 8, 31), dt.datetime(2026, 10, 7, 16, 5))
    assert con.execute(
        "select symbol_code from trade_monthly where vector = ? and ref_month = '2026-08-01'",
        [MEXICO_EXPORTS],
    ).fetchone() == (1,)


def value_of(vector: str, month: str) -> str:
    return dict(shipped_series()[vector])[month]


def test_already_current_says_so_and_changes_nothing(db, releases, capsys):
    before = db.read_bytes()
    served = body(answer(new_month=None))  # the shipped release itself
    with fake_wds(Reply(body=served)) as wds:
        assert run(wds.url, db, releases) == 0
    assert "already current" in capsys.readouterr().out
    assert db.read_bytes() == before
    assert not releases.exists() or list(releases.iterdir()) == []


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_vector() -> list[dict]:
    return [item for item in answer() if item["object"]["vectorId"] != 87008879]


def failing_vector() -> list[dict]:
    elements = answer()
    elements[0]["object"]["responseStatusCode"] = 4
    return elements


def failed_status() -> list[dict]:
    return [*answer()[1:], {"status": "FAILED", "object": "Vector is invalid"}]


def with_point(change: dict, index: int = -1) -> list[dict]:
    elements = answer()
    elements[0]["object"]["vectorDataPoint"][index].update(change)
    return elements


def months_out_of_order() -> list[dict]:
    elements = answer()
    points = elements[0]["object"]["vectorDataPoint"]
    points[-1], points[-2] = points[-2], points[-1]
    return elements


def after_a_gap() -> list[dict]:
    """September 2026 alone, though August was never held: the build refuses the gap."""
    all_countries = {"v87008868", "v87008752"}
    return [
        element(
            vector,
            [
                data_point(
                    "2026-09", 1000.0 if vector in all_countries else 100.0, "2026-10-07T08:30"
                )
            ],
        )
        for vector in shipped_series()
    ]


def months_after_the_release() -> list[dict]:
    """September and October 2026 appended to every vector of an October 7 release."""
    elements = answer(latest=22)
    for item in elements:
        points = item["object"]["vectorDataPoint"]
        last = points[-1]["value"]
        for month in ("2026-09", "2026-10"):
            points.append(data_point(month, last, "2026-10-07T08:30"))
    return elements


FAILURES = {
    "HTTP 500": (Reply(status=500, body=b"oops"), "answered HTTP 500"),
    "HTTP 429": (Reply(status=429, body=b"slow down"), "HTTP 429 Too Many Requests"),
    "not JSON": (Reply(body=b"<html>maintenance</html>"), "is not JSON"),
    "not the documented shape": (Reply(body=b'{"status": "SUCCESS"}'), "not a JSON array"),
    "a vector missing": (Reply(body=body(missing_vector())), "v87008879 is missing"),
    "a vector failing": (Reply(body=body(failing_vector())), "vector is invalid"),
    "a failure status": (Reply(body=body(failed_status())), "is a failure: Vector is invalid"),
    "a value not a number": (
        Reply(body=body(with_point({"value": "1,026.2"}))),
        "value '1,026.2' is not a number",
    ),
    "an empty value": (Reply(body=body(with_point({"value": None}))), "value None is not"),
    "a month out of order": (Reply(body=body(months_out_of_order())), "months must come in order"),
    "an older release": (
        Reply(body=body(answer(new_month=None, held_release="2026-06-09T08:30"))),
        "older than the release of 2026-09-03 held",
    ),
    "another unit": (Reply(body=body(with_point({"scalarFactorCode": 3}))), "scalarFactorCode"),
    "months missing before it": (Reply(body=body(after_a_gap())), "months would be missing"),
    "a redirect": (
        Reply(status=302, location="http://127.0.0.1:9/elsewhere"),
        "redirected (HTTP 302)",
    ),
    "dated in the future": (
        Reply(body=body(answer(release_time="2099-12-31T08:30"))),
        "a release dated 2099-12-31, after today",
    ),
    "months after the release": (
        Reply(body=body(months_after_the_release())),
        "2026-10, a month that ends after its release of 2026-10-07",
    ),
    "a failure without vectorId": (
        Reply(body=body([*answer()[1:], {"status": "FAILED", "object": {"x": 1}}])),
        "is a failure",
    ),
    "a terminal escape in a failure": (
        Reply(body=body([*answer()[1:], {"status": "FAILED", "object": "\x1b[2K\rkept the"}])),
        "is a failure",
    ),
    "nested 200,000 deep": (Reply(body=b"[" * 200_000 + b"]" * 200_000), "nests deeper"),
    "a 5,000-digit number": (
        Reply(
            body=body(with_point({"value": 1})).replace(
                b'"value": 1,', b'"value": ' + b"9" * 5000 + b","
            )
        ),
        "5,000 digits",
    ),
    "1.0e27": (Reply(body=body(with_point({"value": 1.0e27}))), "beyond any month's trade"),
    "a repeated key": (
        Reply(body=body(answer()).replace(b'"decimals": 1,', b'"decimals": 1, "decimals": 1,', 1)),
        "repeated in an object",
    ),
    "a refPer with a newline": (
        Reply(body=body(with_point({"refPer": "2026-08-01\n"}))),
        "is not the first day of a month",
    ),
    "a refPer in wide digits": (
        Reply(body=body(with_point({"refPer": "２０２６-０８-01"}))),
        "is not the first day of a month",
    ),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_every_failure_is_one_line_and_leaves_everything_as_it_was(db, releases, capsys, case):
    reply, expected = FAILURES[case]
    before = db.read_bytes()
    with fake_wds(reply) as wds:
        assert run(wds.url, db, releases) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("refresh: error: ")
    assert expected in error
    assert "\x1b" not in error and "\r" not in error and len(error) < 1000
    assert db.read_bytes() == before
    assert not releases.exists() or list(releases.iterdir()) == []


def test_no_network_is_one_line_and_leaves_everything_as_it_was(db, releases, capsys):
    before = db.read_bytes()
    assert run(f"http://127.0.0.1:{closed_port()}", db, releases) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot reach" in error
    assert db.read_bytes() == before and not releases.exists()


def test_a_server_that_never_answers_times_out_at_the_bound(db, releases, capsys):
    before = db.read_bytes()
    with fake_wds(Reply(slow=True)) as wds:
        assert run(wds.url, db, releases, "--timeout", "0.5") == 1
    error = capsys.readouterr().err
    assert "no answer from" in error and "within 0.5 s" in error
    assert db.read_bytes() == before and not releases.exists()


@pytest.mark.parametrize("bad", [["--latest", "0"], ["--timeout", "-1"], ["--wds-url", "ftp://x"]])
def test_bad_usage_exits_2(db, releases, capsys, bad):
    assert refresh.main(["--db", str(db), "--releases", str(releases), *bad]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.slow
def test_the_command_as_people_type_it(db, releases):
    """``make refresh``'s command, both sources asked: the WDS stand-in has a new release,
    INEGI's stand-in the package already held."""
    with (
        fake_wds(Reply(body=body(answer()))) as wds,
        fake_inegi(InegiReply(body=package())) as inegi,
    ):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "etl.refresh",
                "--db",
                str(db),
                "--wds-url",
                wds.url,
                "--inegi-url",
                inegi.url,
                "--releases",
                str(releases),
            ],
            cwd=paths.PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "kept the release of 2026-10-07" in done.stdout
    assert "INEGI: already current" in done.stdout
    assert (releases / "2026-10-07" / "answer.json").is_file()


def test_more_months_than_asked_for_are_refused(db, releases, capsys):
    before = db.read_bytes()
    with fake_wds(Reply(body=body(answer()))) as wds:
        assert run(wds.url, db, releases, "--latest", "12") == 1
    assert "holds 24 months, 12 were asked for" in capsys.readouterr().err
    assert db.read_bytes() == before and not releases.exists()


def test_a_trickling_server_is_cut_off_at_the_bound(db, releases, capsys):
    """--timeout bounds the whole exchange, not the wait between bytes."""
    before = db.read_bytes()
    with fake_wds(Reply(trickle=True)) as wds:
        assert run(wds.url, db, releases, "--timeout", "1") == 1
    error = capsys.readouterr().err
    assert "within 1 s" in error
    assert db.read_bytes() == before and not releases.exists()


@pytest.mark.slow  # builds a whole database of its own
def test_an_interrupted_refresh_is_finished_by_the_next(db, releases, capsys):
    """A release kept whose database was never rebuilt (the run was stopped in between):
    the next run rebuilds, and then finds itself current."""
    served = body(answer())
    kept = releases / "2026-10-07"
    kept.mkdir(parents=True)
    (kept / "answer.json").write_bytes(served)
    (kept / "retrieval.json").write_text(
        json.dumps({"retrieved_at": "2026-10-07T16:00:00+00:00", "url": "http://127.0.0.1/x"})
    )
    with fake_wds(Reply(body=served)) as wds:
        assert run(wds.url, db, releases) == 0
    printed = capsys.readouterr().out
    assert "finished an interrupted refresh" in printed and "already current" in printed
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select max(ref_month) from trade_monthly").fetchone() == (
        dt.date(2026, 8, 1),
    )
