"""Bring in INEGI's newest package of Mexico's monthly trade (``python -m etl.refresh
--source inegi``, part of ``make refresh``).

Downloads the open-data zip from INEGI's official address (``etl.inegi.OFFICIAL_URL``, or
``--inegi-url``), reads its metadata (when it was published, the period it covers) and,
when it is a release newer than any held whose package passes the build's own checks of
a package (staged in memory first: a bad package is refused before anything is kept),
keeps it as received in ``DIR/inegi/<release date>/`` with ``retrieval.json`` (when,
from where) and rebuilds the database from every release held: the newest package holding
a month gives its value and a changed value is a revision (``mexico_trade_revisions``).
It says what the release brought: the months it adds and how many values it revised.

The whole exchange is bounded by ``--timeout`` (a server sending a byte a second is cut
off, not waited on for hours); redirects are not followed (the address asked is the one
that answers, and the one recorded); at most ``MAX_PACKAGE_BYTES`` are read. A package
dated after tomorrow, older than one held, not a zip, not INEGI's layout, refused by its
own checks or by the build: one line, exit 1, nothing kept, the database byte for byte as it was.

A release counts as taken in only once a database built from it is in place: the package
waits in a hidden ``.incoming-`` folder while the database is rebuilt, and is moved into
place after. A run stopped between the two (a cron timeout, a shutdown) leaves a package
the database does not hold: the next run finds it and finishes the rebuild, or removes it
if the build refuses it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import requests

from etl import paths
from etl.build import build_database
from etl.errors import BuildError
from etl.inegi import PACKAGE_NAME, Package, read_package
from etl.inputs import Inputs
from etl.steps.mexico_trade import (
    RELEASES_SUBFOLDER,
    RETRIEVAL_FILE,
    read_mexico_trade,
    stage_package,
)

MAX_PACKAGE_BYTES = 100 * 1024 * 1024  # the package is 1.7 MB today
# A package dated more than this after the clock is refused: a release cannot come from
# the future, and one kept would make every genuine later release look older.
FUTURE_GRACE = dt.timedelta(days=1)
Clock = Callable[[], dt.datetime]


class InegiRefused(Exception):
    """What went wrong, in one line."""


def short(value: object, limit: int = 160) -> str:
    """Text from elsewhere, on one line, printable, and short: a server's words never
    reach the terminal as they were sent."""
    text = "".join(char if char.isprintable() else " " for char in str(value))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def download(url: str, timeout: float, clock: Callable[[], float] = time.monotonic) -> bytes:
    """The body at ``url``, within ``timeout`` seconds for the whole exchange."""
    deadline = clock() + timeout
    try:
        with requests.get(url, timeout=timeout, stream=True, allow_redirects=False) as response:
            if 300 <= response.status_code < 400:
                raise InegiRefused(
                    f"{url} redirected (HTTP {response.status_code}) to "
                    f"{short(response.headers.get('Location', '?'), 120)}: redirects are not "
                    "followed; give the final address with --inegi-url"
                )
            if response.status_code >= 400:
                raise InegiRefused(
                    f"{url} answered HTTP {response.status_code} {short(response.reason, 60)}"
                )
            body = bytearray()
            # read1: whatever has arrived, at most 64 KiB. iter_content would wait for a
            # whole chunk, and a server sending a byte at a time would hold it for hours.
            while chunk := response.raw.read1(65536, decode_content=True):
                body += chunk
                if len(body) > MAX_PACKAGE_BYTES:
                    raise InegiRefused(f"{url} sent more than {MAX_PACKAGE_BYTES:,} bytes")
                if clock() > deadline:
                    raise InegiRefused(f"{url} did not finish sending within {timeout:g} s")
            return bytes(body)
    except requests.exceptions.Timeout:
        raise InegiRefused(f"no answer from {url} within {timeout:g} s") from None
    except requests.exceptions.ConnectionError as error:
        raise InegiRefused(f"cannot reach {url} (no network?): {short(error)}") from None
    except requests.exceptions.RequestException as error:
        raise InegiRefused(f"the request to {url} failed: {short(error)}") from None


def held_in_database(db: Path) -> set[dt.date]:
    """The INEGI releases the database at ``db`` was built from (none if it has none)."""
    if not db.is_file():
        return set()
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute(
                "select release_date from data_releases where dataset = 'mexico_trade_monthly'"
            ).fetchall()
    except duckdb.Error:
        return set()
    return {row[0] for row in rows}


def rebuild(inputs: Inputs, db: Path) -> str:
    report = build_database(inputs, db)
    return f"rebuilt {paths.display_path(report.path)} in {report.seconds:.2f} s"


def finish_interrupted(inputs: Inputs, db: Path, folder: Path) -> list[str]:
    """Packages kept by an earlier run whose database was never built: rebuild with them,
    or remove them if the build refuses them. Unfinished downloads are removed."""
    lines: list[str] = []
    if not folder.is_dir():
        return lines
    for leftover in folder.glob(".incoming-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    kept = {
        package.release_date: package
        for package in read_mexico_trade(inputs).packages
        if package.path.parent.parent == folder
    }
    missing = sorted(set(kept) - held_in_database(db))
    if not missing:
        return lines
    try:
        lines.append(rebuild(inputs, db))
        lines.insert(
            0,
            "finished an interrupted refresh: the database now holds INEGI's release of "
            + ", ".join(day.isoformat() for day in missing),
        )
    except BuildError as error:
        for day in missing:
            shutil.rmtree(kept[day].path.parent, ignore_errors=True)
        lines.append(
            f"removed INEGI's release of {', '.join(d.isoformat() for d in missing)}, "
            f"kept by an interrupted refresh: the build refuses it ({short(error, 200)})"
        )
    return lines


def refresh_inegi(db: Path, url: str, releases_dir: Path, timeout: float, now: Clock) -> list[str]:
    """Fetch, check, keep and rebuild; the lines to print, or ``InegiRefused``."""
    inputs = Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, paths.RAW_DIR, releases_dir)
    folder = releases_dir / RELEASES_SUBFOLDER
    try:
        lines = finish_interrupted(inputs, db, folder)
        held = read_mexico_trade(inputs).packages
    except BuildError as error:
        raise InegiRefused(f"the INEGI releases held are refused: {short(error, 300)}") from None
    newest = held[-1]
    body = download(url, timeout)
    with tempfile.TemporaryDirectory(prefix="inegi-download-") as scratch:
        received = Path(scratch) / PACKAGE_NAME
        received.write_bytes(body)
        try:
            package = read_package(received)
        except BuildError as error:
            raise InegiRefused(f"{url}: {short(error.problem, 300)}") from None
        release = package.release_date
        today = now().astimezone(dt.UTC).date()
        if release > today + FUTURE_GRACE:
            raise InegiRefused(
                f"{url} answered a package dated {release.isoformat()}, after today "
                f"({today.isoformat()}): refused"
            )
        if release == newest.release_date:
            return [
                *lines,
                f"INEGI: already current: the release of {release.isoformat()} is held",
            ]
        if release < newest.release_date:
            raise InegiRefused(
                f"{url} answered INEGI's release of {release.isoformat()}, older than the "
                f"release of {newest.release_date.isoformat()} held"
            )
        # The package's own checks (its values, keys, months and sums, as the build stages
        # it) before anything is kept: a bad package is refused in a fraction of the time a
        # build takes, and never enters the releases folder.
        try:
            with duckdb.connect() as scratch_db:
                stage_package(scratch_db, package)
        except BuildError as error:
            where = f", line {error.line}" if error.line is not None else ""
            raise InegiRefused(
                f"INEGI's release of {release.isoformat()} is refused, nothing kept: "
                f"{PACKAGE_NAME}{where}: {short(error.problem, 300)}"
            ) from None
    last_before = newest.period_end
    folder.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=folder))
    target = folder / release.isoformat()
    try:
        (incoming / PACKAGE_NAME).write_bytes(body)
        retrieval = {
            "retrieved_at": now().astimezone(dt.UTC).isoformat(timespec="seconds"),
            "url": url,
        }
        (incoming / RETRIEVAL_FILE).write_text(
            json.dumps(retrieval, indent=2) + "\n", encoding="utf-8"
        )
        # The build reads the package where it will stay; the folder is hidden from every
        # other reader until a database built from it is in place.
        incoming.rename(target)
        try:
            rebuilt = rebuild(inputs, db)
        except BuildError as error:
            shutil.rmtree(target, ignore_errors=True)
            raise InegiRefused(
                f"INEGI's release of {release.isoformat()} is refused, nothing kept: "
                f"{short(error, 300)}"
            ) from None
    except OSError as error:
        shutil.rmtree(incoming, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        raise InegiRefused(f"cannot keep the release in {folder}: {error.strerror}") from None
    return [*lines, *report(db, package, last_before), rebuilt]


def report(db: Path, package: Package, last_before: dt.date) -> list[str]:
    """What the release brought: its months after those held, and its revisions."""
    with duckdb.connect(str(db), read_only=True) as con:
        (revised,) = con.execute(
            "select count(*) from mexico_trade_revisions where release = ?",
            [package.release_date],
        ).fetchone() or (0,)
    lines = [f"kept INEGI's release of {package.release_date.isoformat()}"]
    if package.period_end > last_before:
        first = last_before + dt.timedelta(days=1)
        lines.append(
            f"new months: {first:%Y-%m}"
            + (
                ""
                if first.strftime("%Y-%m") == package.period_end.strftime("%Y-%m")
                else f" to {package.period_end:%Y-%m}"
            )
        )
    lines.append(f"{revised} value(s) revised" if revised else "no value revised")
    return lines
