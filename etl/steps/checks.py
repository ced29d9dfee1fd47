"""Every figure of the page against Statistics Canada's trade statistics.

``data/curated/figure_checks.csv`` says, for each figure, how the official series can check
it (``method``, its ``years`` and ``chapters``) or that it cannot (``none``), the verdict the
note was written for, and the note, with ``{official}`` (or ``{official_<year>}`` for one
reading among several) where the computed value goes. The build computes the official
value of every reading, judges it against the page's value with its qualifier (``judge``),
and refuses a row whose computed verdict is not the one its note explains: a change in the
data or the page never leaves a note saying the opposite of the numbers.

Each method is one entry of ``METHODS``: the unit it gives, what it needs, how it computes
and which file it reads. Its wording ("exactly what was computed") is the catalogs'
``check.basis.<method>``, and values are written by ``formatting.checked_value``: the
words of the build are the app's, so a figure reads the same in the database and on screen.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from etl.csvfiles import LINE_KEY, Row
from etl.errors import BuildError
from etl.inputs import DERIVED_FIGURES, FIGURE_CHECKS, Inputs
from etl.steps.annual_trade import ALL_CANADA, MEXICO, chapter_range
from trade_mission.text import formatting
from trade_mission.text.i18n import LANGUAGES, Language, t

BILLION = 1e9
# How far a published value may be from the official one and still be the same claim.
DERIVED_TOLERANCE = 0.05  # an estimate (≈): within 5%
NEARLY_TOLERANCE = 0.05  # "nearly X": up to 5% under X
OVER_CEILING = 1.2  # "over X": above X, but not so far above that X would mislead
PLACEHOLDER = re.compile(r"^official(?:_(\d{4}))?$")


@dataclass(frozen=True)
class CheckSpec:
    """How one figure is checked, as figure_checks.csv says."""

    figure_id: str
    method: str
    years: tuple[int, ...]
    chapters: tuple[str, ...]
    chapters_text: str  # as written: "01-24"
    verdict: str  # the verdict the note explains
    note: str
    line: int


@dataclass(frozen=True)
class Reading:
    year: int  # the year measured (a growth's base year)
    value: float
    verdict: str
    basis: dict[str, str]  # by language


def read_check_specs(
    inputs: Inputs, figures: list[Row], chapters: frozenset[str]
) -> list[CheckSpec]:
    """One row per figure of the page, each method with what it needs."""
    by_id = {row["figure_id"]: row for row in figures}
    specs = []
    for row in inputs.read(FIGURE_CHECKS):
        figure = by_id.get(row["figure_id"])
        if figure is None:
            raise inputs.refuse(FIGURE_CHECKS, row, f"unknown figure_id {row['figure_id']!r}")
        years = tuple(
            int(part) for part in (row["years"] or "").split(";") if part.strip().isdigit()
        )
        if len(years) != len([part for part in (row["years"] or "").split(";") if part.strip()]):
            raise inputs.refuse(FIGURE_CHECKS, row, f"years {row['years']!r} are not years")
        expanded = chapter_range(row["chapters"]) if row["chapters"] else ()
        if expanded is None or any(hs2 not in chapters for hs2 in expanded):
            raise inputs.refuse(FIGURE_CHECKS, row, f"chapters {row['chapters']!r} are not known")
        method = row["method"]
        if method == "none":
            if row["verdict"] != "not_comparable" or years or expanded:
                raise inputs.refuse(
                    FIGURE_CHECKS,
                    row,
                    "a figure the data cannot check is not_comparable, with no years",
                )
        else:
            check = METHODS[method]
            if check.unit != figure["unit"]:
                raise inputs.refuse(
                    FIGURE_CHECKS,
                    row,
                    f"{method} gives a value in {check.unit!r}, the figure is in "
                    f"{figure['unit']!r}",
                )
            if len(years) < check.years_needed:
                raise inputs.refuse(
                    FIGURE_CHECKS, row, f"{method} needs at least {check.years_needed} year(s)"
                )
            if check.chapters != bool(expanded):
                raise inputs.refuse(FIGURE_CHECKS, row, f"chapters do not fit {method}")
        for _, name, _, _ in string.Formatter().parse(row["note"]):
            if name is not None and not PLACEHOLDER.match(name):
                raise inputs.refuse(FIGURE_CHECKS, row, f"unknown placeholder {{{name}}}")
        specs.append(
            CheckSpec(
                figure_id=row["figure_id"],
                method=method,
                years=years,
                chapters=expanded,
                chapters_text=row["chapters"] or "",
                verdict=row["verdict"],
                note=row["note"],
                line=row[LINE_KEY],
            )
        )
    unchecked = sorted(set(by_id) - {spec.figure_id for spec in specs})
    if unchecked:
        raise BuildError(
            inputs.path(FIGURE_CHECKS), "no row for figure(s) " + ", ".join(unchecked)
        )
    return specs


def decimals_of(text: str | None) -> int:
    """How many decimals the page writes a value with ("$2.2 billion": 1)."""
    match = re.search(r"\d+(?:,\d{3})*(?:\.(\d+))?", text or "")
    return len(match[1]) if match and match[1] else 0


def judge(figure: Row, official: float) -> str:
    """``consistent`` when the official value supports what the page says, with its
    qualifier; ``differs`` otherwise."""
    stated = figure["value"]
    if figure["is_derived"]:
        close = abs(official - stated) <= DERIVED_TOLERANCE * abs(official)
    elif figure["unit"] == "rank":
        close = round(official) == round(stated)
    elif figure["unit"] == "multiple":
        close = abs(official - stated) < 0.5  # "twelvefold" is 11.5 to 12.5 times
    else:
        qualifier = figure["qualifier"]
        if qualifier == "nearly":
            close = stated * (1 - NEARLY_TOLERANCE) <= official <= stated
        elif qualifier in ("over", "more than", "exceeding"):
            close = stated < official <= stated * OVER_CEILING
        elif qualifier == "under":
            close = official < stated
        else:
            places = decimals_of(figure["value_text"])
            close = math.isclose(round(official, places), stated)
    return "consistent" if close else "differs"


def basis(spec: CheckSpec, year: int, lang: Language) -> str:
    """Exactly what was computed: flows, products, years, partner, file."""
    method = METHODS[spec.method]
    first, _, last = spec.chapters_text.partition("-")
    chapters = (
        t("check.chapters" if last else "check.chapter", lang, first=first, last=last)
        if method.chapters
        else ""
    )
    return t(
        f"check.basis.{spec.method}",
        lang,
        chapters=chapters,
        year=year,
        end=spec.years[0],
        source=t(f"check.source.{method.source}", lang),
    )


def two_way(con: duckdb.DuckDBPyConnection, year: int) -> float | None:
    rows = con.execute(
        "select coalesce(exports_cad, 0) + coalesce(imports_cad, 0) from trade_by_origin "
        "where year = ? and origin_code = ? and partner = ?",
        [year, ALL_CANADA, MEXICO],
    ).fetchall()
    return float(rows[0][0]) if rows else None


def two_way_trade(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    total = two_way(con, year)
    return None if total is None else total / BILLION


def growth_multiple(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    """Two-way trade in the claim's year (its first) over the base ``year``."""
    end, base = two_way(con, spec.years[0]), two_way(con, year)
    return None if not end or not base else end / base


def partner_rank(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    rows = con.execute(
        """
        with partner_trade as (
            select trade_by_origin.partner,
                coalesce(exports_cad, 0) + coalesce(imports_cad, 0) as two_way
            from trade_by_origin
            inner join partners on partners.partner = trade_by_origin.partner
            where year = ? and origin_code = ? and not partners.is_total
        )
        select rank() over (order by two_way desc), partner from partner_trade
        qualify partner = ?
        """,
        [year, ALL_CANADA, MEXICO],
    ).fetchall()
    return float(rows[0][0]) if rows else None


def export_rank(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    rows = con.execute(
        """
        with partner_exports as (
            select trade_by_chapter.partner, sum(exports_cad) as exports
            from trade_by_chapter
            inner join partners on partners.partner = trade_by_chapter.partner
            where year = ? and list_contains(?, hs2) and not partners.is_total
            group by trade_by_chapter.partner
        )
        select rank() over (order by exports desc nulls last), partner
        from partner_exports
        qualify partner = ?
        """,
        [year, list(spec.chapters), MEXICO],
    ).fetchall()
    return float(rows[0][0]) if rows else None


def chapters_to_mexico(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    exports = con.execute(
        "select sum(exports_cad) from trade_by_chapter "
        "where year = ? and partner = ? and list_contains(?, hs2)",
        [year, MEXICO, list(spec.chapters)],
    ).fetchall()[0][0]
    return None if exports is None else float(exports)


def chapter_exports(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    exports = chapters_to_mexico(con, spec, year)
    return None if exports is None else exports / BILLION


def chapter_share(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    """The chapters' exports to Mexico, in percent of all Canada's exports to Mexico."""
    exports = chapters_to_mexico(con, spec, year)
    all_products = con.execute(
        "select exports_cad from trade_by_origin where year = ? and origin_code = ? "
        "and partner = ?",
        [year, ALL_CANADA, MEXICO],
    ).fetchall()
    if exports is None or not all_products or not all_products[0][0]:
        return None
    return exports / float(all_products[0][0]) * 100


def mexico_imports(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    """Mexico's imports from all countries of the chapters, in US$ billions (INEGI): a
    figure the page gives of Mexico's own market, in Mexico's own records."""
    (imports,) = con.execute(
        "select sum(value_usd_millions) from mexico_trade_monthly "
        "where flow = 'imports' and year(ref_month) = ? and list_contains(?, chapter)",
        [year, list(spec.chapters)],
    ).fetchall()[0]
    return None if imports is None else float(imports) / 1000


@dataclass(frozen=True)
class Method:
    """One way the statistics check a figure."""

    unit: str  # the unit of the value it computes: the figure's must be the same
    compute: Callable[[duckdb.DuckDBPyConnection, CheckSpec, int], float | None]
    source: str  # the files it reads: ``check.source.<source>`` in the catalogs
    chapters: bool  # reads a range of chapters (else all products)
    # A growth: the claim's year (the first of ``years``) over each base year after it.
    growth: bool = False
    # The currency of the dollars it computes: Statistics Canada's are Canadian, INEGI's
    # US dollars. A figure checked against US dollars is written as such, never as C$.
    currency: str = "cad"

    @property
    def years_needed(self) -> int:
        return 2 if self.growth else 1

    def measured(self, spec: CheckSpec) -> tuple[int, ...]:
        """The years read, one reading each: a growth's base years, else its years."""
        return spec.years[1:] if self.growth else spec.years


# Every method of figure_checks.csv but "none" (a figure the statistics cannot check).
METHODS: dict[str, Method] = {
    "two_way_trade": Method("$ billion", two_way_trade, "province", chapters=False),
    "growth_multiple": Method(
        "multiple", growth_multiple, "province", chapters=False, growth=True
    ),
    "partner_rank": Method("rank", partner_rank, "province", chapters=False),
    "export_rank": Method("rank", export_rank, "chapter", chapters=True),
    "chapter_exports": Method("$ billion", chapter_exports, "chapter", chapters=True),
    "chapter_share": Method("percent", chapter_share, "chapter_share", chapters=True),
    "mexico_imports": Method(
        "$ billion", mexico_imports, "mexico_trade", chapters=True, currency="usd"
    ),
}


def compute_checks(
    con: duckdb.DuckDBPyConnection,
    inputs: Inputs,
    specs: list[CheckSpec],
    figures: list[Row],
    french_notes: dict[str, str],
) -> dict[str, list[Row]]:
    """``figure_checks`` and ``figure_check_readings``: each figure's official value,
    verdict, basis and note in both languages, computed from the loaded statistics."""
    by_id = {row["figure_id"]: row for row in figures}
    path = inputs.path(FIGURE_CHECKS)
    checks: list[Row] = []
    readings: list[Row] = []
    for spec in specs:
        figure = by_id[spec.figure_id]
        if spec.method == "none":
            checks.append(
                {
                    "figure_id": spec.figure_id,
                    "verdict": "not_comparable",
                    "official_value": None,
                    "official_text": None,
                    "official_text_fr": None,
                    "basis": None,
                    "basis_fr": None,
                    "note": spec.note,
                    "note_fr": french_notes[spec.figure_id],
                }
            )
            continue
        method = METHODS[spec.method]
        found: list[Reading] = []
        for year in method.measured(spec):
            value = method.compute(con, spec, year)
            if value is None:
                raise BuildError(path, f"no official value for {year}", spec.line, spec.figure_id)
            found.append(
                Reading(
                    year,
                    value,
                    judge(figure, value),
                    {lang: basis(spec, year, lang) for lang in LANGUAGES},
                )
            )
        main = found[0]
        if main.verdict != spec.verdict:
            raise BuildError(
                path,
                f"the official data give {main.verdict!r} ({main.value:.4g}), but the note "
                f"was written for {spec.verdict!r}: check the note",
                spec.line,
                f"figure_id={spec.figure_id}",
            )
        unit = figure["unit"]

        def written(
            value: float, lang: Language, unit: str = unit, currency: str = method.currency
        ) -> str:
            return formatting.checked_value(value, unit, lang, currency)

        notes = {}
        templates: dict[Language, str] = {"en": spec.note, "fr": french_notes[spec.figure_id]}
        for lang, template in templates.items():
            values = {"official": written(main.value, lang)}
            values |= {
                f"official_{reading.year}": written(reading.value, lang) for reading in found
            }
            try:
                notes[lang] = template.format(**values)
            except KeyError as error:
                raise BuildError(
                    path,
                    f"no reading for {{{error.args[0]}}}",
                    spec.line,
                    f"figure_id={spec.figure_id}",
                ) from None
        checks.append(
            {
                "figure_id": spec.figure_id,
                "verdict": main.verdict,
                "official_value": main.value,
                "official_text": written(main.value, "en"),
                "official_text_fr": written(main.value, "fr"),
                "basis": main.basis["en"],
                "basis_fr": main.basis["fr"],
                "note": notes["en"],
                "note_fr": notes["fr"],
            }
        )
        if len(found) > 1:
            readings += [
                {
                    "figure_id": spec.figure_id,
                    "reading": number,
                    "year": reading.year,
                    "official_value": reading.value,
                    "official_text": written(reading.value, "en"),
                    "official_text_fr": written(reading.value, "fr"),
                    "verdict": reading.verdict,
                    "basis": reading.basis["en"],
                    "basis_fr": reading.basis["fr"],
                }
                for number, reading in enumerate(found, start=1)
            ]
    return {"figure_checks": checks, "figure_check_readings": readings}


def check_derived_currencies(
    inputs: Inputs, figures: list[Row], figure_inputs: list[Row], specs: list[CheckSpec]
) -> None:
    """A derived figure may only combine dollars of one currency. The page writes "$"
    for Canadian and US dollars alike; the checks say which each figure is (Statistics
    Canada's are Canadian, INEGI's US dollars), and a figure whose dollar operands were
    found in two currencies (Canada's sales divided by Mexico's imports) is refused."""
    units = {row["figure_id"]: row["unit"] for row in figures}
    currency = {
        spec.figure_id: METHODS[spec.method].currency for spec in specs if spec.method != "none"
    }
    operands: dict[str, list[str]] = {}
    for row in figure_inputs:
        operands.setdefault(row["figure_id"], []).append(row["input_figure_id"])
    for figure_id, names in operands.items():
        found = {name: currency[name] for name in names if "$" in units[name] and name in currency}
        if len(set(found.values())) > 1:
            described = ", ".join(f"{name} ({found[name].upper()})" for name in sorted(found))
            raise BuildError(
                inputs.path(DERIVED_FIGURES),
                f"{figure_id} combines dollars of different currencies: {described}; a derived "
                "figure may only divide numbers of one currency, basis and source",
            )
