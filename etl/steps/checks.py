"""Every figure of the page against Statistics Canada's trade statistics.

``data/curated/figure_checks.csv`` says, for each figure, how the official series can check
it (``method``, its ``years`` and ``chapters``) or that it cannot (``none``), the verdict the
note was written for, and the note, with ``{official}`` (or ``{official_<year>}`` for one
reading among several) where the computed value goes. The build computes the official
value of every reading, judges it against the page's value with its qualifier (``judge``),
and refuses a row whose computed verdict is not the one its note explains: a change in the
data or the page never leaves a note saying the opposite of the numbers.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from decimal import Decimal

import duckdb
from babel.numbers import format_decimal

from etl.csvfiles import LINE_KEY, Row
from etl.errors import BuildError
from etl.inputs import FIGURE_CHECKS, Inputs
from etl.steps.trade import ALL_CANADA, MEXICO, chapter_range

BILLION = 1e9
# How far a published value may be from the official one and still be the same claim.
DERIVED_TOLERANCE = 0.05  # an estimate (≈): within 5%
NEARLY_TOLERANCE = 0.05  # "nearly X": up to 5% under X
OVER_CEILING = 1.2  # "over X": above X, but not so far above that X would mislead
PLACEHOLDER = re.compile(r"^official(?:_(\d{4}))?$")
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
# Units the methods give their value in, and the figure units each method can check.
METHOD_UNITS = {
    "two_way_trade": "$ billion",
    "growth_multiple": "multiple",
    "partner_rank": "rank",
    "export_rank": "rank",
    "chapter_exports": "$ billion",
    "chapter_share": "percent",
}
SOURCE = {
    "en": "Statistics Canada, customs basis",
    "fr": "Statistique Canada, base douanière",
}


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
            if METHOD_UNITS[method] != figure["unit"]:
                raise inputs.refuse(
                    FIGURE_CHECKS,
                    row,
                    f"{method} gives a value in {METHOD_UNITS[method]!r}, the figure is in "
                    f"{figure['unit']!r}",
                )
            needed = 2 if method == "growth_multiple" else 1
            if len(years) < needed:
                raise inputs.refuse(
                    FIGURE_CHECKS, row, f"{method} needs at least {needed} year(s)"
                )
            if method.startswith(("export", "chapter")) != bool(expanded):
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


def official_text(value: float, unit: str, lang: str) -> str:
    """An official value in a sentence: "C$55.98 billion", "55,98 milliards $ CA"."""
    locale = LOCALES[lang]
    if unit == "rank":
        rank = round(value)
        if lang == "fr":
            return "premier" if rank == 1 else f"{rank}e"
        suffix = (
            "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
        )
        return f"{rank}{suffix}"
    places = {"$ billion": 2, "percent": 1, "multiple": 1}[unit]
    number = format_decimal(
        round(Decimal(repr(value)), places), format="#,##0." + "0" * places, locale=locale
    )
    if unit == "$ billion":
        return f"C${number} billion" if lang == "en" else f"{number}\u00a0milliards\u00a0$\u00a0CA"
    if unit == "percent":
        return f"{number}%" if lang == "en" else f"{number}\u00a0%"
    return f"{number} times" if lang == "en" else f"{number}\u00a0fois"


def chapters_words(spec: CheckSpec, lang: str) -> str:
    first, _, last = spec.chapters_text.partition("-")
    if not last:
        return ("HS chapter " if lang == "en" else "chapitre ") + first
    return (
        f"HS chapters {first} to {last}" if lang == "en" else f"chapitres {first} à {last} du SH"
    )


def basis(spec: CheckSpec, year: int, lang: str) -> str:
    """Exactly what was computed: flows, products, years, partner, file."""
    en = lang == "en"
    if spec.method in ("two_way_trade", "growth_multiple"):
        flows = (
            "Canada's exports to Mexico plus its imports from Mexico, all products"
            if en
            else "Exportations du Canada vers le Mexique plus importations en provenance du "
            "Mexique, tous produits"
        )
        if spec.method == "growth_multiple":
            end = spec.years[0]
            when = f"{end} divided by {year}" if en else f"{end} divisé par {year}"
        else:
            when = str(year)
        where = "province file, all Canada" if en else "fichier des provinces, ensemble du Canada"
        return f"{flows}, {when} ({SOURCE[lang]}, {where})."
    if spec.method == "partner_rank":
        what = (
            "Mexico's rank among Canada's partners by exports plus imports, all products"
            if en
            else "Rang du Mexique parmi les partenaires du Canada selon les exportations plus les "
            "importations, tous produits"
        )
        where = "province file, all Canada" if en else "fichier des provinces, ensemble du Canada"
        return f"{what}, {year} ({SOURCE[lang]}, {where})."
    chapters = chapters_words(spec, lang)
    where = "chapter file" if en else "fichier des chapitres"
    if spec.method == "chapter_share":
        where = (
            "chapters from the chapter file, all products from the province file"
            if en
            else "chapitres tirés du fichier des chapitres, tous produits tirés du fichier des "
            "provinces"
        )
    if spec.method == "export_rank":
        what = (
            f"Mexico's rank among Canada's export markets for {chapters}"
            if en
            else f"Rang du Mexique parmi les marchés d’exportation du Canada pour les {chapters}"
        )
    elif spec.method == "chapter_exports":
        what = (
            f"Canada's exports to Mexico, {chapters}"
            if en
            else f"Exportations du Canada vers le Mexique, {chapters}"
        )
    else:
        what = (
            f"Canada's exports to Mexico in {chapters} divided by its exports to Mexico of all "
            "products"
            if en
            else f"Exportations du Canada vers le Mexique dans les {chapters} divisées par ses "
            "exportations de tous produits vers le Mexique"
        )
    return f"{what}, {year} ({SOURCE[lang]}, {where})."


def two_way(con: duckdb.DuckDBPyConnection, year: int) -> float | None:
    rows = con.execute(
        "select coalesce(exports_cad, 0) + coalesce(imports_cad, 0) from trade_by_origin "
        "where year = ? and origin_code = ? and partner = ?",
        [year, ALL_CANADA, MEXICO],
    ).fetchall()
    return float(rows[0][0]) if rows else None


def official_value(con: duckdb.DuckDBPyConnection, spec: CheckSpec, year: int) -> float | None:
    """The official counterpart of a figure for one year (a growth's base year)."""
    if spec.method == "two_way_trade":
        total = two_way(con, year)
        return None if total is None else total / BILLION
    if spec.method == "growth_multiple":
        end, base = two_way(con, spec.years[0]), two_way(con, year)
        return None if not end or not base else end / base
    if spec.method == "partner_rank":
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
    if spec.method == "export_rank":
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
    exports = con.execute(
        "select sum(exports_cad) from trade_by_chapter "
        "where year = ? and partner = ? and list_contains(?, hs2)",
        [year, MEXICO, list(spec.chapters)],
    ).fetchall()[0][0]
    if exports is None:
        return None
    if spec.method == "chapter_exports":
        return float(exports) / BILLION
    all_products = con.execute(
        "select exports_cad from trade_by_origin where year = ? and origin_code = ? "
        "and partner = ?",
        [year, ALL_CANADA, MEXICO],
    ).fetchall()
    if not all_products or not all_products[0][0]:
        return None
    return float(exports) / float(all_products[0][0]) * 100


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
        measured = spec.years[1:] if spec.method == "growth_multiple" else spec.years
        found: list[Reading] = []
        for year in measured:
            value = official_value(con, spec, year)
            if value is None:
                raise BuildError(path, f"no official value for {year}", spec.line, spec.figure_id)
            found.append(
                Reading(
                    year,
                    value,
                    judge(figure, value),
                    {lang: basis(spec, year, lang) for lang in ("en", "fr")},
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
        notes = {}
        for lang, template in (("en", spec.note), ("fr", french_notes[spec.figure_id])):
            values = {"official": official_text(main.value, unit, lang)}
            values |= {f"official_{r.year}": official_text(r.value, unit, lang) for r in found}
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
                "official_text": official_text(main.value, unit, "en"),
                "official_text_fr": official_text(main.value, unit, "fr"),
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
                    "official_text": official_text(reading.value, unit, "en"),
                    "official_text_fr": official_text(reading.value, unit, "fr"),
                    "verdict": reading.verdict,
                    "basis": reading.basis["en"],
                    "basis_fr": reading.basis["fr"],
                }
                for number, reading in enumerate(found, start=1)
            ]
    return {"figure_checks": checks, "figure_check_readings": readings}
