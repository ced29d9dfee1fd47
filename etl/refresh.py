"""``python -m etl.refresh [--source all|statcan|inegi] [--db PATH] [--wds-url URL]
[--inegi-url URL] [--releases DIR] [--latest N] [--timeout S]``: bring in the newest
releases of the monthly statistics: Statistics Canada's table 12-10-0011-01 (below) and
INEGI's package of Mexico's trade (``etl.inegi_refresh``). ``--source all`` (the default)
asks both, one after the other; a failure of either exits 1 after both have run.

Asks the Web Data Service (``getDataFromVectorsAndLatestNPeriods``) for the latest N
months of every vector data/raw/trade-monthly/README.md declares, reads the answer as
strictly as the build does, and, when it is a release newer than any held, keeps it as
received in ``DIR/<release date>/`` (``answer.json``, and ``retrieval.json`` with when and
where it was retrieved) and rebuilds the database from every release held. It prints what
the release brought: the new months and every value it revised.

Already current: says so and exits 0, the database untouched. No network, no answer
within the timeout, an HTTP error (429 included, after two retries), an answer that is
not the documented shape, a vector missing or failing, a value that is not a number, a
month out of order, a release older than one held, or a database the build refuses: one
line on stderr naming what went wrong, exit 1, nothing kept and the database byte for
byte as it was. Bad usage exits 2.

HTTP goes through ``requests`` with urllib3's ``Retry`` (connection failures and 429/5xx
answers retried twice, with backoff; a timeout is not retried). ``--timeout`` bounds the
whole exchange, not only the wait between bytes: the body is read as it arrives and
abandoned at the bound. Redirects are not followed (a 302 would turn the POST into a GET,
and the address recorded would not be the one that answered). A release dated after
tomorrow, a month that ends after its release, or more months than were asked for is
refused. A release counts as taken in only once a database built from it is in place: one
kept by a run stopped before its rebuild is rebuilt (or removed, if refused) by the next.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import duckdb
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from etl import paths
from etl.build import build_database
from etl.errors import BuildError
from etl.inegi import OFFICIAL_URL as INEGI_URL
from etl.inegi_refresh import InegiRefused, refresh_inegi
from etl.inputs import Inputs
from etl.steps.monthly import ANSWER_FILE, RETRIEVAL_FILE, merge, month_text, read_releases
from etl.wds import Answer, AnswerRefused, printable, read_answer, vector_number

WDS_URL = "https://www150.statcan.gc.ca/t1/wds/rest"
METHOD = "getDataFromVectorsAndLatestNPeriods"
DEFAULT_LATEST = 24  # recent months are revised at each release
DEFAULT_TIMEOUT = 30.0  # seconds to connect, and between bytes of the answer
RETRIES = 2
MAX_ANSWER_BYTES = 50_000_000  # about 2,000 times the expected answer
# A release dated more than this after the clock is refused: kept, it would make every
# genuine later release look older than one held.
FUTURE_GRACE = dt.timedelta(days=1)
USAGE_ERROR = 2
SOURCES = ("all", "statcan", "inegi")
FAILED = 1
Clock = Callable[[], dt.datetime]


class RefreshFailed(Exception):
    """What went wrong, in one line."""


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def session(backoff_factor: float) -> requests.Session:
    """A session that retries a refused connection and a 429 or 5xx answer, not a timeout."""
    retry = Retry(
        total=RETRIES,
        connect=RETRIES,
        read=0,
        status=RETRIES,
        other=0,
        allowed_methods=frozenset({"POST"}),
        status_forcelist=(429, 500, 502, 503, 504),
        backoff_factor=backoff_factor,
        respect_retry_after_header=False,  # a long Retry-After would outlast any bound
        raise_on_status=False,
    )
    http = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    http.mount("http://", adapter)
    http.mount("https://", adapter)
    return http


def fetch(url: str, vectors: list[str], latest: int, timeout: float, backoff: float) -> bytes:
    """The body of the WDS answer for ``vectors``' latest ``latest`` months."""
    request = [{"vectorId": vector_number(vector), "latestN": latest} for vector in vectors]
    deadline = time.monotonic() + timeout
    try:
        with session(backoff) as http:
            response = http.post(
                url, json=request, timeout=timeout, stream=True, allow_redirects=False
            )
            with response:
                if 300 <= response.status_code < 400:
                    raise RefreshFailed(
                        f"{url} redirected (HTTP {response.status_code}) to "
                        f"{one_line(response.headers.get('Location', '?'))}: redirects are not "
                        "followed; give the final address with --wds-url"
                    )
                if response.status_code == 429:
                    raise RefreshFailed(
                        f"{url} answered HTTP 429 Too Many Requests, three times: Statistics "
                        "Canada asks callers to slow down; try again later"
                    )
                if response.status_code >= 400:
                    raise RefreshFailed(
                        f"{url} answered HTTP {response.status_code} {response.reason}"
                    )
                body = bytearray()
                # read1: what has arrived, at most 64 KiB; a server sending a byte a
                # second is cut off at the bound instead of holding the run for weeks.
                while chunk := response.raw.read1(65536, decode_content=True):
                    body += chunk
                    if len(body) > MAX_ANSWER_BYTES:
                        raise RefreshFailed(f"{url} answered more than {MAX_ANSWER_BYTES:,} bytes")
                    if time.monotonic() > deadline:
                        raise RefreshFailed(f"{url} did not finish answering within {timeout:g} s")
                return bytes(body)
    except requests.exceptions.Timeout:
        raise RefreshFailed(f"no answer from {url} within {timeout:g} s") from None
    except requests.exceptions.ConnectionError as error:
        reason = error.args[0] if error.args else error
        reason = getattr(reason, "reason", reason)
        if isinstance(reason, ReadTimeoutError):  # a timeout once retries are spent
            raise RefreshFailed(f"no answer from {url} within {timeout:g} s") from None
        raise RefreshFailed(f"cannot reach {url} (no network?): {one_line(reason)}") from None
    except requests.exceptions.RequestException as error:
        raise RefreshFailed(f"the request to {url} failed: {one_line(error)}") from None


def one_line(value: object) -> str:
    """Text from elsewhere on one line, printable (no terminal escape gets through), short."""
    return printable(value, 200)


def keep(
    releases_dir: Path, answer: Answer, body: bytes, url: str, latest: int, now: dt.datetime
) -> Path:
    """The answer as received, and when and where it was retrieved, in
    ``releases_dir/<release date>/``, moved into place in one step."""
    release = answer.release_time.date().isoformat()
    releases_dir.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=releases_dir))
    (incoming / ANSWER_FILE).write_bytes(body)
    retrieval = {
        "retrieved_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "url": url,
        "latest_n": latest,
        "release_time": answer.release_time.isoformat(timespec="minutes"),
    }
    (incoming / RETRIEVAL_FILE).write_text(
        json.dumps(retrieval, indent=2) + "\n", encoding="utf-8"
    )
    target = releases_dir / release
    incoming.rename(target)
    return target


def refresh(
    db: Path,
    wds_url: str,
    releases_dir: Path,
    latest: int,
    timeout: float,
    now: Clock = utc_now,
    backoff: float = 1.0,
) -> list[str]:
    """Fetch, check, keep and rebuild; the lines to print, or ``RefreshFailed``."""
    inputs = Inputs(paths.SOURCE_PATH, paths.CURATED_DIR, paths.RAW_DIR, releases_dir)
    try:
        finished = finish_interrupted(inputs, db)
        readme, held = read_releases(inputs)
    except BuildError as error:
        raise RefreshFailed(f"the releases held are refused: {one_line(error)}") from None
    newest = held[-1].release_date
    vectors = [series.vector for series in readme.series]
    url = wds_url.rstrip("/") + "/" + METHOD
    body = fetch(url, vectors, latest, timeout, backoff)
    try:
        answer = read_answer(body, vectors)
    except AnswerRefused as error:
        raise RefreshFailed(f"{url}: {error}") from None
    release = answer.release_time.date()
    today = now().astimezone(dt.UTC).date()
    if release > today + FUTURE_GRACE:
        raise RefreshFailed(
            f"{url} answered a release dated {release.isoformat()}, after today "
            f"({today.isoformat()}): refused"
        )
    if release == newest:
        return [
            *finished,
            f"already current: the newest release, of {newest.isoformat()}, is held",
        ]
    if release < newest:
        raise RefreshFailed(
            f"{url} answered the release of {release.isoformat()}, older than the release of "
            f"{newest.isoformat()} held"
        )
    check_months(answer, release, latest, url)
    before = {
        (row["ref_month"], row["partner"], row["flow"]): row["value_cad_millions"]
        for row in merge(held)[0]
    }
    try:
        kept = keep(releases_dir, answer, body, url, latest, now())
    except OSError as error:
        raise RefreshFailed(
            f"cannot keep the release in {releases_dir}: {error.strerror}"
        ) from None
    try:
        report = build_database(inputs, db)
    except BuildError as error:
        shutil.rmtree(kept, ignore_errors=True)
        raise RefreshFailed(f"the new release is refused, nothing kept: {error}") from None
    return [
        *finished,
        f"kept the release of {release.isoformat()} in {paths.display_path(kept)}",
        *changes(
            answer, {item.vector: (item.partner, item.flow) for item in readme.series}, before
        ),
        f"rebuilt {paths.display_path(report.path)} in {report.seconds:.2f} s",
    ]


def check_months(answer: Answer, release: dt.date, latest: int, url: str) -> None:
    """No month may end after its release, and no vector hold more months than asked."""
    counts: dict[str, int] = {}
    for point in answer.points:
        counts[point.vector] = counts.get(point.vector, 0) + 1
        if month_end(point.ref_month) >= release:
            raise RefreshFailed(
                f"{url}: vector {point.vector} holds {month_text(point.ref_month)}, a month that "
                f"ends after its release of {release.isoformat()}"
            )
    for vector, count in counts.items():
        if count > latest:
            raise RefreshFailed(
                f"{url}: vector {vector} holds {count} months, {latest} were asked for"
            )


def month_end(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1)


def held_in_database(db: Path) -> set[dt.date]:
    """The monthly releases the database at ``db`` was built from."""
    if not db.is_file():
        return set()
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute(
                "select release_date from data_releases where dataset = 'trade_monthly'"
            ).fetchall()
    except duckdb.Error:
        return set()
    return {row[0] for row in rows}


def finish_interrupted(inputs: Inputs, db: Path) -> list[str]:
    """Releases kept by an earlier run whose database was never rebuilt (it was stopped
    between the two): rebuild with them, or remove them if the build refuses them. A
    refresh's unfinished download (a hidden folder) is removed."""
    folder = inputs.releases_dir
    if folder is None or not folder.is_dir():
        return []
    for leftover in folder.glob(".incoming-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    _, held = read_releases(inputs)
    # A kept release's path is its answer.json, in the folder named for its date.
    kept = {
        release.release_date: release.path.parent
        for release in held
        if release.path.parent.parent == folder
    }
    missing = sorted(set(kept) - held_in_database(db))
    if not missing:
        return []
    named = ", ".join(day.isoformat() for day in missing)
    try:
        report = build_database(inputs, db)
    except BuildError as error:
        for day in missing:
            shutil.rmtree(kept[day], ignore_errors=True)
        return [
            f"removed the release of {named}, kept by an interrupted refresh: the build "
            f"refuses it ({one_line(error)})"
        ]
    return [
        f"finished an interrupted refresh: the database now holds the release of {named}",
        f"rebuilt {paths.display_path(report.path)} in {report.seconds:.2f} s",
    ]


def changes(
    answer: Answer, series: dict[str, tuple[str, str]], before: dict[tuple, object]
) -> list[str]:
    """The months the release adds and every value it revises, one line each."""
    new_months = sorted(
        {
            point.ref_month
            for point in answer.points
            if (point.ref_month, *series[point.vector]) not in before
        }
    )
    lines = []
    if new_months:
        lines.append(
            "new months: "
            + (
                month_text(new_months[0])
                if len(new_months) == 1
                else f"{month_text(new_months[0])} to {month_text(new_months[-1])}"
            )
        )
    revised = 0
    for point in answer.points:
        partner, flow = series[point.vector]
        earlier = before.get((point.ref_month, partner, flow))
        if earlier is not None and earlier != point.value:
            revised += 1
            lines.append(
                f"revised {month_text(point.ref_month)} {partner} {flow}: {earlier} -> "
                f"{point.value} (C$ million)"
            )
    lines.append(f"{revised} value(s) revised" if revised else "no value revised")
    return lines


def main(argv: list[str] | None = None, now: Clock = utc_now, backoff: float = 1.0) -> int:
    parser = Parser(
        prog="python -m etl.refresh",
        description="Fetch Statistics Canada's newest monthly release and rebuild the database.",
    )
    parser.add_argument(
        "--db", type=Path, default=None, help="database to rebuild (default: as python -m etl)"
    )
    parser.add_argument(
        "--source",
        choices=SOURCES,
        default="all",
        help="which publisher to ask: all (default), statcan or inegi",
    )
    parser.add_argument(
        "--wds-url", default=WDS_URL, help=f"the WDS base address (default: {WDS_URL})"
    )
    parser.add_argument(
        "--inegi-url",
        default=INEGI_URL,
        help=f"the address of INEGI's package (default: {INEGI_URL})",
    )
    parser.add_argument(
        "--releases",
        type=Path,
        default=paths.RELEASES_DIR,
        help="where releases are kept (default: data/releases)",
    )
    parser.add_argument(
        "--latest",
        type=int,
        default=DEFAULT_LATEST,
        help=f"months asked of each vector (default: {DEFAULT_LATEST})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds to wait for an answer (default: {DEFAULT_TIMEOUT:g})",
    )
    try:
        args = parser.parse_args(argv)
        if not 1 <= args.latest <= 1000:
            raise UsageError("--latest: must be a whole number from 1 to 1000")
        if not 0 < args.timeout <= 600:
            raise UsageError("--timeout: must be more than 0 and at most 600 seconds")
        for option, address in (("--wds-url", args.wds_url), ("--inegi-url", args.inegi_url)):
            if not address.startswith(("http://", "https://")):
                raise UsageError(f"{option}: must be an http:// or https:// address")
    except UsageError as error:
        print(f"refresh: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    db = args.db if args.db is not None else paths.database_path()
    status = 0
    if args.source in ("all", "statcan"):
        try:
            lines = refresh(
                db, args.wds_url, args.releases, args.latest, args.timeout, now, backoff
            )
        except RefreshFailed as error:
            print(f"refresh: error: {error}", file=sys.stderr)
            status = FAILED
        else:
            for line in lines:
                print(line)
    if args.source in ("all", "inegi"):
        try:
            lines = refresh_inegi(db, args.inegi_url, args.releases, args.timeout, now)
        except InegiRefused as error:
            print(f"refresh: error: INEGI: {error}", file=sys.stderr)
            status = FAILED
        else:
            for line in lines:
                print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())
