"""Statistics Canada's monthly trade with Mexico, the United States, China and all countries
(table 12-10-0011-01), from every release held.

A release is either a CSV file shipped in data/raw/trade-monthly/ (its release date and
row count stated in that folder's README) or an answer of the Web Data Service kept by
``python -m etl.refresh`` in a folder of ``Inputs.releases_dir`` (its release date the
latest ``releaseTime`` in it). Each is read strictly and refused by file and line (or
vector and month): a month that is not ``YYYY-MM``, a value that is not a number with one
decimal, a vector that is not the one the README declares for its partner and flow, a
repeated month, a gap, a row count other than the README's, all countries less than the
three partners together. The newest release holding a month gives its current value;
every change between two releases holding the same month is a revision. The README's
check figures must come out of the release it describes, and (``check_against_annual``,
once the annual files are loaded) each year's twelve months must agree with Trade Data
Online's annual total within ``ANNUAL_TOLERANCE_PCT`` (once the views exist), so a wrong
vector cannot slip in.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import duckdb

from etl.errors import BuildError
from etl.inputs import MONTHLY_PARTNERS, MONTHLY_README, Inputs
from etl.page import MONTHS, normalise_space
from etl.paths import display_path
from etl.rawfiles import file_sha256
from etl.remembered import Remembered
from etl.steps import Tables
from etl.wds import AnswerRefused, next_month, read_answer

FLOWS = ("exports", "imports")
HEADER = ["ref_month", "partner", "flow", "value_cad_millions", "vector"]
MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
VALUE = re.compile(r"^[0-9]+\.[0-9]$")  # millions, one decimal, as the table publishes them
VECTOR_ROW = re.compile(
    r"^\| (?P<partner>[A-Z][A-Za-z ]+?) \| `?(?P<exports>v\d+)`? \| `?(?P<imports>v\d+)`? \|$",
    re.MULTILINE,
)
FILE_ROW = re.compile(
    r"^\| `(?P<file>[^`]+\.csv)` \| (?P<rows>[\d,]+) \| .*\*\*release of "
    r"(?P<release>\d{4}-\d{2}-\d{2})\*\*[^|]*\|$",
    re.MULTILINE,
)
ATTRIBUTION = re.compile(r'Attribute as:\s*"(?P<text>[^"]+)"')
CHECKS = re.compile(
    r"Mexico, January to (?P<last>[A-Z][a-z]+): exports C\$(?P<e1>[\d,.]+) million in "
    r"(?P<y1>\d{4}), C\$(?P<e2>[\d,.]+) million in (?P<y2>\d{4}) \([^)]*\); imports "
    r"C\$(?P<i1>[\d,.]+) million and C\$(?P<i2>[\d,.]+) million"
)
REVISED = re.compile(r"Between the two releases here, (?P<count>\d+) of Mexico's monthly values")
SERIES_MONTHS = re.compile(
    r"every series has (?P<months>\d+) months, (?P<first>\d{4}-\d{2}) to (?P<last>\d{4}-\d{2})"
)
MONTH_NAMES = list(MONTHS)  # "January" ... "December"
ANSWER_FILE = "answer.json"  # a kept WDS answer, as received
# Folders of data/releases that hold another source's releases (INEGI's packages).
OTHER_SOURCES = frozenset({"inegi"})
RETRIEVAL_FILE = "retrieval.json"  # when and where it was retrieved
# How far a year's twelve months may be from Trade Data Online's annual total: the two
# products agree within 0.02 % in most years and within 1.2 % in every year held; a
# vector of another partner or flow is off by far more.
ANNUAL_TOLERANCE_PCT = 2.0


@dataclass(frozen=True)
class Series:
    """One series the project follows: its vector, partner and flow (README's table)."""

    vector: str
    partner: str
    flow: str


@dataclass(frozen=True)
class MonthlyReadme:
    attribution: str
    series: tuple[Series, ...]
    files: dict[str, tuple[int, dt.date]]  # file name -> (rows, release date)
    check_months: int  # every series of the described release has this many months
    check_first: dt.date
    check_last: dt.date
    check_span: tuple[int, int]  # January to this month, in these two years:
    check_years: tuple[int, int]
    check_exports: tuple[Decimal, Decimal]  # Mexico, the two years
    check_imports: tuple[Decimal, Decimal]
    revised_count: int  # Mexico's values that changed between the two shipped releases

    def vector_of(self, partner: str, flow: str) -> str | None:
        return next(
            (s.vector for s in self.series if (s.partner, s.flow) == (partner, flow)), None
        )


@dataclass(frozen=True)
class Value:
    ref_month: dt.date
    partner: str
    flow: str
    value: Decimal
    vector: str
    status_code: int = 0
    symbol_code: int = 0
    line: int | None = None  # in a CSV file


@dataclass(frozen=True)
class Release:
    release_date: dt.date
    path: Path  # the CSV file, or the kept answer
    retrieved_at: dt.datetime | None  # UTC; unknown for a shipped file
    values: tuple[Value, ...]

    def refuse(self, value: Value | None, problem: str) -> BuildError:
        """A refusal naming ``value`` by line (a CSV) or by vector and month (an answer)."""
        if value is not None and value.line is None:
            problem = f"vector {value.vector}, {value.ref_month.isoformat()[:7]}: {problem}"
        return BuildError(self.path, problem, value.line if value else None)


@dataclass(frozen=True)
class Monthly:
    readme: MonthlyReadme
    releases: tuple[Release, ...]  # oldest first
    tables: Tables


def month_text(month: dt.date) -> str:
    return month.isoformat()[:7]


def million(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def read_readme(inputs: Inputs) -> MonthlyReadme:
    """What the monthly README declares: the credit, each series' vector, each shipped
    file's rows and release, and the figures a reader can repeat."""
    path = inputs.raw(MONTHLY_README)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError(path, f"cannot read: {error.strerror}") from None
    flat = normalise_space(text)
    attribution = ATTRIBUTION.search(text)
    if attribution is None:
        raise BuildError(path, 'no attribution (Attribute as: "...")')
    series = tuple(
        Series(match[flow], match["partner"].strip(), flow)
        for match in VECTOR_ROW.finditer(text)
        for flow in FLOWS
    )
    if not series:
        raise BuildError(path, "no table of vectors (| partner | exports | imports |)")
    vectors = [item.vector for item in series]
    if len(set(vectors)) != len(vectors):
        raise BuildError(path, "a vector is declared for two series")
    files = {}
    for match in FILE_ROW.finditer(text):
        try:
            release = dt.date.fromisoformat(match["release"])
        except ValueError:
            raise BuildError(path, f"release date {match['release']!r} is not a date") from None
        files[match["file"]] = (int(match["rows"].replace(",", "")), release)
    if not files:
        raise BuildError(path, "no table of files with their rows and release")
    checks, revised, months = CHECKS.search(flat), REVISED.search(flat), SERIES_MONTHS.search(flat)
    if checks is None or revised is None or months is None or checks["last"] not in MONTH_NAMES:
        raise BuildError(path, "no check figures ('Checks a reader can repeat ...')")
    return MonthlyReadme(
        attribution=normalise_space(attribution["text"]),
        series=series,
        files=files,
        check_months=int(months["months"]),
        check_first=dt.date.fromisoformat(months["first"] + "-01"),
        check_last=dt.date.fromisoformat(months["last"] + "-01"),
        check_span=(1, MONTH_NAMES.index(checks["last"]) + 1),
        check_years=(int(checks["y1"]), int(checks["y2"])),
        check_exports=(million(checks["e1"]), million(checks["e2"])),
        check_imports=(million(checks["i1"]), million(checks["i2"])),
        revised_count=int(revised["count"]),
    )


# Shipped releases already read, by the file's name and contents and what the README says
# of it. A remembered release is handed back with the path it was asked for.
_READ: Remembered[Release] = Remembered(8)


def read_csv_release(path: Path, readme: MonthlyReadme) -> Release:
    """A shipped release: every row checked, its count and date from the README."""
    try:
        digest = file_sha256(path)
    except OSError as error:
        raise BuildError(path, f"cannot read: {error.strerror}") from None
    key = (path.name, digest, readme.files[path.name], readme.series)
    return replace(_READ.get(key, lambda: parse_csv_release(path, readme)), path=path)


def parse_csv_release(path: Path, readme: MonthlyReadme) -> Release:
    rows, release_date = readme.files[path.name]
    values: list[Value] = []
    seen: dict[tuple[dt.date, str, str], int] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            if header and header[0].startswith("\ufeff"):
                raise BuildError(path, "starts with a byte-order mark; save it as plain UTF-8", 1)
            if header != HEADER:
                raise BuildError(path, f"the header must be {','.join(HEADER)}", 1)
            for fields in reader:
                line = reader.line_num
                if len(fields) != len(HEADER):
                    raise BuildError(path, f"{len(fields)} fields, not {len(HEADER)}", line)
                value = csv_value(path, line, fields, readme)
                key = (value.ref_month, value.partner, value.flow)
                if key in seen:
                    raise BuildError(
                        path,
                        f"{month_text(value.ref_month)} {value.partner} {value.flow} again "
                        f"(first on line {seen[key]})",
                        line,
                    )
                seen[key] = line
                values.append(value)
    except OSError as error:
        raise BuildError(path, f"cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise BuildError(path, f"not UTF-8 text (byte {error.start})") from None
    except csv.Error as error:
        raise BuildError(path, f"malformed CSV: {error}") from None
    if len(values) != rows:
        raise BuildError(
            path,
            f"{len(values):,} rows, but the README counts {rows:,}: the file is incomplete, "
            "or not the one the README describes",
        )
    release = Release(release_date, path, None, tuple(values))
    check_contiguous(release)
    return release


def csv_value(path: Path, line: int, fields: list[str], readme: MonthlyReadme) -> Value:
    month, partner, flow, text, vector = (part.strip() for part in fields)
    match = MONTH.match(month)
    if match is None:
        raise BuildError(path, f"ref_month {month!r} is not a month (YYYY-MM)", line)
    if flow not in FLOWS:
        raise BuildError(path, f"flow {flow!r} is not exports or imports", line)
    declared = readme.vector_of(partner, flow)
    if declared is None:
        raise BuildError(path, f"partner {partner!r} is not one the README declares", line)
    if vector != declared:
        raise BuildError(
            path,
            f"vector {vector!r} is not the README's for {partner} {flow} ({declared})",
            line,
        )
    if not VALUE.match(text):
        raise BuildError(
            path,
            f"value_cad_millions {text!r} is not a number with one decimal (as published)",
            line,
        )
    return Value(
        ref_month=dt.date(int(match[1]), int(match[2]), 1),
        partner=partner,
        flow=flow,
        value=Decimal(text),
        vector=vector,
        line=line,
    )


def read_kept_release(folder: Path, readme: MonthlyReadme) -> Release:
    """An answer kept by the refresh: read as strictly as when it was received."""
    answer_path, retrieval_path = folder / ANSWER_FILE, folder / RETRIEVAL_FILE
    try:
        body = answer_path.read_bytes()
        retrieval = json.loads(retrieval_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        missing = Path(error.filename).name
        raise BuildError(folder, f"incomplete release folder: no {missing}") from None
    except OSError as error:
        raise BuildError(folder, f"cannot read: {error.strerror}") from None
    except (ValueError, UnicodeDecodeError):
        raise BuildError(retrieval_path, "not JSON") from None
    try:
        answer = read_answer(body, [item.vector for item in readme.series])
    except AnswerRefused as error:
        raise BuildError(answer_path, str(error)) from None
    retrieved = retrieval.get("retrieved_at") if isinstance(retrieval, dict) else None
    try:
        retrieved_at = dt.datetime.fromisoformat(str(retrieved)).astimezone(dt.UTC)
    except ValueError:
        raise BuildError(retrieval_path, f"retrieved_at {retrieved!r} is not a time") from None
    release_date = answer.release_time.date()
    if folder.name != release_date.isoformat():
        raise BuildError(
            folder,
            f"holds the release of {release_date.isoformat()}; the folder must be named so",
        )
    series = {item.vector: item for item in readme.series}
    values = tuple(
        Value(
            ref_month=point.ref_month,
            partner=series[point.vector].partner,
            flow=series[point.vector].flow,
            value=point.value,
            vector=point.vector,
            status_code=point.status_code,
            symbol_code=point.symbol_code,
        )
        for point in answer.points
    )
    return Release(release_date, answer_path, retrieved_at.replace(tzinfo=None), values)


def check_contiguous(release: Release) -> None:
    """Every series of a release runs month after month, with no gap."""
    by_series: dict[tuple[str, str], list[Value]] = defaultdict(list)
    for value in release.values:
        by_series[(value.partner, value.flow)].append(value)
    for values in by_series.values():
        ordered = sorted(values, key=lambda value: value.ref_month)
        for earlier, later in itertools.pairwise(ordered):
            if later.ref_month != next_month(earlier.ref_month):
                raise release.refuse(
                    later,
                    f"{later.partner} {later.flow}: {month_text(later.ref_month)} follows "
                    f"{month_text(earlier.ref_month)}; months must be contiguous",
                )


def check_all_countries(release: Release, readme: MonthlyReadme, total: str) -> None:
    """All countries at least the three partners together, in every month and flow."""
    by_month: dict[tuple[dt.date, str], dict[str, Value]] = defaultdict(dict)
    for value in release.values:
        by_month[(value.ref_month, value.flow)][value.partner] = value
    partners = {item.partner for item in readme.series}
    for (month, flow), values in sorted(by_month.items()):
        if set(values) != partners:
            continue
        parts = sum((values[p].value for p in partners if p != total), Decimal(0))
        if values[total].value < parts:
            raise release.refuse(
                values[total],
                f"{total} {flow} in {month_text(month)} ({values[total].value}) is less than "
                f"the other partners together ({parts}): a vector is wrong",
            )


def check_readme_figures(release: Release, readme: MonthlyReadme, path: Path) -> None:
    """The README's figures must come out of the release it describes."""
    counts: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    first, last = readme.check_span
    for value in release.values:
        counts[(value.partner, value.flow)].append(value.ref_month)
        if (
            value.partner == "Mexico"
            and value.ref_month.year in readme.check_years
            and first <= value.ref_month.month <= last
        ):
            sums[(value.ref_month.year, value.flow)] += value.value
    for (partner, flow), months in counts.items():
        if (len(months), min(months), max(months)) != (
            readme.check_months,
            readme.check_first,
            readme.check_last,
        ):
            raise BuildError(
                path,
                f"the README says every series has {readme.check_months} months, "
                f"{month_text(readme.check_first)} to {month_text(readme.check_last)}, but "
                f"{partner} {flow} in {release.path.name} has {len(months)}, "
                f"{month_text(min(months))} to {month_text(max(months))}",
            )
    for flow, expected in (("exports", readme.check_exports), ("imports", readme.check_imports)):
        for year, figure in zip(readme.check_years, expected, strict=True):
            if sums[(year, flow)] != figure:
                raise BuildError(
                    path,
                    f"{release.path.name} gives Mexico's {flow} of January to "
                    f"{MONTH_NAMES[last - 1]} {year} as C${sums[(year, flow)]} million, but "
                    f"the README's check figure is C${figure} million",
                )


def read_releases(inputs: Inputs) -> tuple[MonthlyReadme, list[Release]]:
    """Every release held, oldest first, each checked on its own."""
    readme = read_readme(inputs)
    folder = inputs.raw(MONTHLY_README).parent
    releases = []
    for name in readme.files:
        path = folder / name
        if not path.is_file():
            raise BuildError(path, "missing (the README lists it)")
        releases.append(read_csv_release(path, readme))
    if inputs.releases_dir is not None and inputs.releases_dir.is_dir():
        for kept in sorted(inputs.releases_dir.iterdir()):
            if kept.name.startswith(".") or not kept.is_dir() or kept.name in OTHER_SOURCES:
                continue  # a refresh's unfinished download, a stray file, another source
            releases.append(read_kept_release(kept, readme))
    releases.sort(key=lambda release: release.release_date)
    for earlier, later in itertools.pairwise(releases):
        if earlier.release_date == later.release_date:
            raise BuildError(
                later.path,
                f"a second release of {later.release_date.isoformat()} "
                f"(the first is {earlier.path})",
            )
    return readme, releases


def described_release(readme: MonthlyReadme, releases: list[Release]) -> Release:
    """The shipped release the README's check figures describe: its newest file."""
    newest = max(readme.files.items(), key=lambda item: item[1][1])[0]
    return next(release for release in releases if release.path.name == newest)


def read_monthly(inputs: Inputs) -> Monthly:
    """Every release read and checked; the series, the current value of every month, the
    revisions between releases, and each release as a row of ``data_releases``."""
    readme, releases = read_releases(inputs)
    partners = {row["partner"]: row for row in inputs.read(MONTHLY_PARTNERS)}
    declared = {item.partner for item in readme.series}
    for name in sorted(declared - set(partners)):
        raise BuildError(inputs.path(MONTHLY_PARTNERS), f"no row for partner {name!r}")
    for row in partners.values():
        if row["partner"] not in declared:
            raise inputs.refuse(
                MONTHLY_PARTNERS, row, f"{row['partner']!r} is not a partner the README declares"
            )
    total = next(
        (name for name, row in partners.items() if row["annual_partner"] == "Total All Countries"),
        None,
    )
    if total is None:
        raise BuildError(inputs.path(MONTHLY_PARTNERS), "no partner stands for all countries")
    for release in releases:
        check_all_countries(release, readme, total)
    described = described_release(readme, releases)
    check_readme_figures(described, readme, inputs.raw(MONTHLY_README))
    current, revisions = merge(releases)
    shipped = [release for release in releases if release.path.name in readme.files]
    revised = sum(
        1
        for row in revisions
        if row["partner"] == "Mexico" and row["release_date"] == shipped[-1].release_date
    )
    if len(shipped) > 1 and revised != readme.revised_count:
        raise BuildError(
            inputs.raw(MONTHLY_README),
            f"the README counts {readme.revised_count} of Mexico's values revised between the "
            f"two releases, but the files give {revised}",
        )
    order = list(partners)
    series_rows = [
        {
            "vector": item.vector,
            "partner": item.partner,
            "partner_fr": partners[item.partner]["partner_fr"],
            "flow": item.flow,
            "annual_partner": partners[item.partner]["annual_partner"],
            "is_total": item.partner == total,
            "sort_order": order.index(item.partner) * len(FLOWS) + FLOWS.index(item.flow),
        }
        for item in readme.series
    ]
    published = [
        {
            "release_date": release.release_date,
            "ref_month": value.ref_month,
            "partner": value.partner,
            "flow": value.flow,
            "value_cad_millions": value.value,
            "vector": value.vector,
            "status_code": value.status_code,
            "symbol_code": value.symbol_code,
        }
        for release in releases
        for value in release.values
    ]
    return Monthly(
        readme,
        tuple(releases),
        {
            "trade_monthly_series": series_rows,
            "trade_monthly_published": published,
            "trade_monthly": current,
            "trade_monthly_revisions": [
                {key: row[key] for key in row if key != "release_date"} for row in revisions
            ],
        },
    )


def merge(releases: list[Release]) -> tuple[list[dict], list[dict]]:
    """The current value of every month (the newest release holding it wins), and every
    change between two releases holding the same month."""
    history: dict[tuple[dt.date, str, str], list[tuple[Release, Value]]] = defaultdict(list)
    for release in releases:  # oldest first
        for value in release.values:
            history[(value.ref_month, value.partner, value.flow)].append((release, value))
    current, revisions = [], []
    for key in sorted(history):
        held = history[key]
        release, value = held[-1]
        current.append(
            {
                "ref_month": value.ref_month,
                "partner": value.partner,
                "flow": value.flow,
                "value_cad_millions": value.value,
                "vector": value.vector,
                "release_date": release.release_date,
                "status_code": value.status_code,
                "symbol_code": value.symbol_code,
            }
        )
        for (before, old), (after, new) in itertools.pairwise(held):
            if old.value != new.value:
                revisions.append(
                    {
                        "ref_month": new.ref_month,
                        "partner": new.partner,
                        "flow": new.flow,
                        "earlier_value": old.value,
                        "value": new.value,
                        "earlier_release": before.release_date,
                        "release": after.release_date,
                        "release_date": after.release_date,
                    }
                )
    check_merged(releases, current)
    return current, revisions


def check_merged(releases: list[Release], current: list[dict]) -> None:
    """The current months of every series contiguous: a release that starts after a gap
    (fetched long after the last one held) is refused, naming it."""
    by_series: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in current:
        by_series[(row["partner"], row["flow"])].append(row)
    by_date = {release.release_date: release for release in releases}
    for (partner, flow), rows in by_series.items():
        for earlier, later in itertools.pairwise(rows):
            if later["ref_month"] != next_month(earlier["ref_month"]):
                release = by_date[later["release_date"]]
                raise BuildError(
                    release.path,
                    f"{partner} {flow}: its months start at {month_text(later['ref_month'])}, "
                    f"but the releases held end at {month_text(earlier['ref_month'])}: "
                    "months would be missing (refresh with a larger --latest)",
                )


def check_against_annual(con: duckdb.DuckDBPyConnection, monthly: Monthly) -> None:
    """Each release's full years, partner by partner and flow by flow, within
    ``ANNUAL_TOLERANCE_PCT`` of Trade Data Online's annual totals (all Canada), as the
    ``monthly_annual_agreement`` view of ``marts.sql`` computes them."""
    rows = con.execute(
        """
        select release_date, year, partner, flow, monthly_cad_millions, annual_cad,
            difference_pct, first_month
        from monthly_annual_agreement
        where abs(difference_pct) > ?
        order by release_date, year, partner, flow
        limit 1
        """,
        [ANNUAL_TOLERANCE_PCT],
    ).fetchall()
    if not rows:
        return
    release_date, year, partner, flow, monthly_sum, annual, difference, first_month = rows[0]
    release = next(item for item in monthly.releases if item.release_date == release_date)
    first = next(
        value
        for value in release.values
        if (value.ref_month, value.partner, value.flow) == (first_month, partner, flow)
    )
    raise release.refuse(
        first,
        f"{partner} {flow}: the twelve months of {year} sum to C${monthly_sum} million, "
        f"{difference:+.2f} % from Trade Data Online's annual C${annual:,}; more than "
        f"{ANNUAL_TOLERANCE_PCT:g} % apart, so the vector is not the series it claims to be",
    )


def release_rows(monthly: Monthly) -> list[dict]:
    """Each monthly release held, as a row of ``data_releases``."""
    rows = []
    for release in monthly.releases:
        last = max(value.ref_month for value in release.values)
        rows.append(
            {
                "dataset": "trade_monthly",
                "release_date": release.release_date,
                "reference_period_end": dt.date(
                    last.year + last.month // 12, last.month % 12 + 1, 1
                )
                - dt.timedelta(days=1),
                "retrieved_at": release.retrieved_at,
                "source": display_path(release.path),
            }
        )
    return rows
