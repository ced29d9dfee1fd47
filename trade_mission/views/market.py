"""The "Mexico's market" page: what Mexico buys from the world, how fast, how it arrives,
and what a supplier pays at its border, from Mexico's own records (INEGI) and tariff
schedule (Secretaría de Economía).

``/market`` is the overview, ``/market?hs=NN`` one chapter. Each view is one function of
a connection, its choice and the language, so the app's cache keeps each once per
database version. Canada's side of the same trade (Statistics Canada) is shown beside
Mexico's, each with its source, currency and period, and never divided by it.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.charts.dollars import chapter_name
from trade_mission.charts.mexico_market import (
    imports_months_chart,
    modes_chart,
    tariff_distribution_chart,
)
from trade_mission.data import annual_trade, mexico, queries
from trade_mission.data.database import Connection, records
from trade_mission.data.mexico import MarketPeriods
from trade_mission.reports.status import StatusMessage
from trade_mission.rules.cusma import canadian_treatment
from trade_mission.rules.releases import (
    INEGI_RELEASE_LAG_DAYS,
    INEGI_TIME_ZONE,
    months_probably_released,
)
from trade_mission.text import formatting, search, spreadsheet
from trade_mission.text.i18n import Language, t

MARKET_SINCE = dt.date(2019, 1, 1)
# What a search reads of what was typed: a product's words or a code, never a page's worth.
SEARCH_MAX_CHARS = 100
SEARCH_MAX_RESULTS = 25
# A sector page links to the market page's view of its largest chapters, not all 24.
SECTOR_LINKS = 6


@dataclass(frozen=True)
class MarketFact:
    label: str
    value: str
    comparison: str | None = None
    help: str | None = None


@dataclass(frozen=True)
class SectorMarket:
    sector_id: str
    name: str
    coverage: str  # whole, most, proxy
    note: str  # how much of the sector the chapters stand for, in words
    table: pd.DataFrame  # its chapters: Mexico's imports, growth, general rates


@dataclass(frozen=True)
class MarketIndex:
    chapters: dict[str, str]  # hs2 -> "03 · Fish and crustaceans"
    default_chapter: str  # the mission sectors' chapter Mexico imports most of
    periods: MarketPeriods
    as_of: str  # "To May 2026 · INEGI, revised figures, published July 22, 2026"
    attribution: dict[str, str]  # mexico_trade, mexico_tariff, hs_names


@dataclass(frozen=True)
class MarketOverview:
    facts: list[MarketFact]
    sectors: list[SectorMarket]
    border_chart: Chart
    border_facts: list[MarketFact]


@dataclass(frozen=True)
class CanadaSide:
    """Statistics Canada's record of Canada's exports to Mexico of the same chapter."""

    year: int
    exports: str  # in Canadian dollars, as the annual files give them
    rank: str
    attribution: str


@dataclass(frozen=True)
class MarketChapter:
    hs2: str
    name: str
    facts: list[MarketFact]
    months_chart: Chart
    modes_chart: Chart
    canada: CanadaSide | None
    sectors: list[tuple[str, str]]  # (sector id, name) the chapter stands for
    tariff_facts: list[MarketFact]
    headings: pd.DataFrame  # one row per heading: lines, general rates, Canadian origin
    lines_html: str  # every line, the Spanish marked lang="es", escaped
    lines_csv: bytes
    has_exclusion: bool  # some lines may fall under CUSMA's supply-management exclusion


def as_of_line(periods: MarketPeriods, lang: Language) -> str:
    return t(
        "mexico_market.as_of",
        lang,
        last=formatting.month(periods.last_month, lang),
        status=t(f"mexico_market.status.{periods.status}", lang),
        release=formatting.date(periods.release_date, lang),
    )


def market_index(con: Connection, lang: Language) -> MarketIndex:
    periods = mexico.periods(con)
    imports = mexico.chapter_imports(con, lang)
    named = imports[imports["chapter"] != "unclassified"]
    sector_chapters = set(annual_trade.sector_chapters(con, lang)["hs2"])
    in_sectors = named[named["chapter"].isin(sector_chapters)]
    default = in_sectors.sort_values("imports_full_year", ascending=False)["chapter"].iloc[0]
    return MarketIndex(
        chapters={row.chapter: chapter_name(row.chapter, row.label) for row in named.itertuples()},
        default_chapter=str(default),
        periods=periods,
        as_of=as_of_line(periods, lang),
        attribution=queries.attributions(con, lang),
    )


def freshness(periods: MarketPeriods, now: dt.datetime, lang: Language) -> StatusMessage | None:
    """A notice when INEGI has probably published newer months than those held (judged
    at ``now``): how many releases, the latest month they reach, how to bring them in."""
    newer = months_probably_released(
        periods.last_month, now, INEGI_RELEASE_LAG_DAYS, INEGI_TIME_ZONE
    )
    if not newer:
        return None
    return StatusMessage(
        "warning",
        t(
            "mexico_market.stale",
            lang,
            last=formatting.month(periods.last_month, lang),
            release=formatting.date(periods.release_date, lang),
            count=len(newer),
            latest=formatting.month(newer[-1], lang),
        ),
    )


def period_facts(row: dict, periods: MarketPeriods, lang: Language) -> list[MarketFact]:
    """The last full year, the year to date against the same months a year earlier, and
    the growth since 2019, for one chapter or for all goods."""
    ytd_span = formatting.month_span(dt.date(periods.ytd_year, 1, 1), periods.last_month, lang)
    earlier_span = formatting.month_span(
        dt.date(periods.ytd_year - 1, 1, 1),
        dt.date(periods.ytd_year - 1, periods.last_month.month, 1),
        lang,
    )
    return [
        MarketFact(
            t("mexico_market.fact.full_year", lang, year=periods.full_year),
            formatting.usd_millions(row["imports_full_year"], lang),
            t(
                "mexico_market.fact.against",
                lang,
                change=formatting.change(row["change_full_year_pct"], lang),
                period=str(periods.full_year - 1),
            ),
        ),
        MarketFact(
            t("mexico_market.fact.ytd", lang, period=ytd_span),
            formatting.usd_millions(row["ytd"], lang),
            t(
                "mexico_market.fact.against",
                lang,
                change=formatting.change(row["change_ytd_pct"], lang),
                period=earlier_span,
            ),
        ),
        MarketFact(
            t("mexico_market.fact.since_2019", lang, year=periods.full_year),
            formatting.signed_percent(row["cagr_since_2019_pct"], lang),
            t(
                "mexico_market.fact.since_2019_detail",
                lang,
                change=formatting.signed_percent(row["change_since_2019_pct"], lang),
                value=formatting.usd_millions(row["imports_2019"], lang),
            ),
            t("mexico_market.formula.cagr", lang, year=periods.full_year),
        ),
    ]


def rate_range(lines: pd.DataFrame, lang: Language) -> str:
    """The general rates of some lines in words: "Exempt to 20%", "15%", "mixed duty"."""
    ad_valorem = lines["import_rate_pct"].dropna()
    parts = []
    if len(ad_valorem):
        low, high = ad_valorem.min(), ad_valorem.max()
        written = [
            t("mexico_market.rate.exempt", lang) if value == 0 else formatting.percent(value, lang)
            for value in (low, high)
        ]
        parts.append(
            written[0]
            if low == high
            else t("mexico_market.rate.range", lang, low=written[0], high=written[1])
        )
    for kind in ("mixed", "specific", "prohibited"):
        if (lines["rate_kind"] == kind).any():
            parts.append(t(f"mexico_market.rate.{kind}", lang))
    return formatting.join(parts, lang)


def sector_tables(
    con: Connection, periods: MarketPeriods, lang: Language, limit: int | None = None
) -> list[SectorMarket]:
    """Each sector's chapters, the largest in Mexico's imports first (``limit`` of them)."""
    imports = mexico.chapter_imports(con, lang).set_index("chapter")
    tariffs = mexico.tariff_chapters(con).set_index("chapter")
    notes = annual_trade.sector_trade_notes(con, lang).set_index("sector_id")
    chapters = annual_trade.sector_chapters(con, lang)
    sectors = []
    for sector in records(queries.sectors(con, lang)):
        mine = chapters[chapters["sector_id"] == sector["sector_id"]]
        ranked = sorted(
            zip(mine["hs2"], mine["coverage"], strict=True),
            key=lambda pair: -(imports.loc[pair[0], "imports_full_year"] or 0),
        )[:limit]
        rows = []
        for hs2, coverage in ranked:
            row = records(imports.loc[[hs2]].reset_index())[0]
            tariff = records(tariffs.loc[[hs2]].reset_index())[0]
            rows.append(
                {
                    t("mexico_market.column.chapter", lang): chapter_name(hs2, str(row["label"])),
                    t("mexico_market.column.coverage", lang): t(
                        f"mexico_market.coverage.{coverage}", lang
                    ),
                    t(
                        "mexico_market.column.imports_year", lang, year=periods.full_year
                    ): formatting.usd_millions(row["imports_full_year"], lang),
                    t("mexico_market.column.since_2019", lang): formatting.signed_percent(
                        row["cagr_since_2019_pct"], lang
                    ),
                    t(
                        "mexico_market.column.ytd_change", lang, year=periods.ytd_year
                    ): formatting.signed_percent(row["change_ytd_pct"], lang),
                    t("mexico_market.column.lines_25", lang): t(
                        "mexico_market.lines_of",
                        lang,
                        count=formatting.number(tariff["lines_25_or_more"], lang),
                        total=formatting.number(tariff["lines"], lang),
                    ),
                }
            )
        note = records(notes.loc[[sector["sector_id"]]].reset_index())[0]
        sectors.append(
            SectorMarket(
                sector_id=sector["sector_id"],
                name=sector["name"],
                coverage=note["coverage"],
                note=note["note"],
                table=pd.DataFrame(rows),
            )
        )
    return sectors


@dataclass(frozen=True)
class SectorMarketView:
    """A sector page's "Mexico's market": its chapters in Mexico's imports and tariff."""

    market: SectorMarket
    as_of: str
    chapters: list[tuple[str, str]]  # the largest few, each linking to /market?hs=NN
    attribution: str


def sector_market(con: Connection, sector_id: str, lang: Language) -> SectorMarketView:
    periods = mexico.periods(con)
    (market,) = [
        sector
        for sector in sector_tables(con, periods, lang, SECTOR_LINKS)
        if sector.sector_id == sector_id
    ]
    imports = mexico.chapter_imports(con, lang).set_index("chapter")
    names = imports["label"]
    chapters = annual_trade.sector_chapters(con, lang)
    mine = sorted(
        chapters.loc[chapters["sector_id"] == sector_id, "hs2"],
        key=lambda hs2: -(imports.loc[hs2, "imports_full_year"] or 0),
    )[:SECTOR_LINKS]
    return SectorMarketView(
        market=market,
        as_of=as_of_line(periods, lang),
        chapters=[(hs2, chapter_name(hs2, str(names[hs2]))) for hs2 in mine],
        attribution=queries.attributions(con, lang)["mexico_trade"],
    )


def market_overview(con: Connection, lang: Language) -> MarketOverview:
    periods = mexico.periods(con)
    attribution = queries.attributions(con, lang)
    national = mexico.national_imports(con)
    distribution = mexico.tariff_distribution(con)
    (schedule_date,) = set(mexico.tariff_chapters(con)["schedule_date"])
    schedule_day = formatting.as_date(schedule_date)
    lines_now = int(distribution["lines_now"].sum())
    lines_then = int(distribution["lines_2024"].sum())
    at_25 = distribution[distribution["import_rate_pct"].fillna(0) >= 25]
    border_facts = [
        MarketFact(
            t("mexico_market.border.lines", lang, date=formatting.date(schedule_day, lang)),
            formatting.number(lines_now, lang),
            t("mexico_market.border.lines_then", lang, count=formatting.number(lines_then, lang)),
        ),
        MarketFact(
            t("mexico_market.border.at_25", lang),
            formatting.number(int(at_25["lines_now"].sum()), lang),
            t(
                "mexico_market.border.at_25_then",
                lang,
                count=formatting.number(int(at_25["lines_2024"].sum()), lang),
            ),
        ),
        MarketFact(
            t("mexico_market.border.exempt", lang),
            formatting.number(
                int(distribution.loc[distribution["rate_kind"] == "exempt", "lines_now"].sum()),
                lang,
            ),
            t(
                "mexico_market.border.exempt_then",
                lang,
                count=formatting.number(
                    int(
                        distribution.loc[distribution["rate_kind"] == "exempt", "lines_2024"].sum()
                    ),
                    lang,
                ),
            ),
        ),
    ]
    return MarketOverview(
        facts=period_facts(national, periods, lang),
        sectors=sector_tables(con, periods, lang, SECTOR_LINKS),
        border_chart=tariff_distribution_chart(
            distribution, schedule_day, attribution["mexico_tariff"], lang
        ).frozen(),
        border_facts=border_facts,
    )


def lines_table_html(lines: pd.DataFrame, lang: Language) -> str:
    """Every tariff line as an HTML table: the Spanish description marked as Spanish, the
    English (or French) names of its subheading, the general rate and what a
    Canadian-origin good pays. Every cell is escaped."""
    head = "".join(
        f"<th scope='col'>{html.escape(t(f'mexico_market.lines.{key}', lang))}</th>"
        for key in ("line", "subheading", "description", "rate", "canada")
    )
    labels = {
        key: html.escape(t(f"mexico_market.lines.{key}", lang), quote=True)
        for key in ("subheading", "description", "rate", "canada")
    }
    body = []
    for row in records(lines):
        subheading = row["subheading_name_en"] or ""
        label_fr = row["subheading_label_fr"]
        if lang == "fr" and label_fr:
            names = f"{html.escape(label_fr)} <span lang='en'>({html.escape(subheading)})</span>"
        elif lang == "fr":
            names = f"<span lang='en'>{html.escape(subheading)}</span>"
        else:
            names = html.escape(subheading)
        treatment = canadian_treatment(row["tariff_line"], row["import_rate_as_published"])
        body.append(
            "<tr>"
            f"<th scope='row'>{html.escape(row['tariff_line'])}</th>"
            f"<td data-label='{labels['subheading']}'>{names}</td>"
            f"<td data-label='{labels['description']}' lang='es'>"
            f"{html.escape(row['description_es'])}</td>"
            f"<td data-label='{labels['rate']}'>{html.escape(rate_text(row, lang))}</td>"
            f"<td data-label='{labels['canada']}'>"
            f"{html.escape(t(f'mexico_market.canada.{treatment}', lang))}</td>"
            "</tr>"
        )
    return (
        "<div class='tariff-lines'><table><thead><tr>"
        + head
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></div>"
    )


def rate_text(row: dict, lang: Language) -> str:
    """A line's general rate in words; a mixed or specific duty as published (Spanish)."""
    kind = row["rate_kind"]
    if kind == "exempt":
        return t("mexico_market.rate.exempt", lang)
    if kind == "ad_valorem":
        return formatting.percent(row["import_rate_pct"], lang)
    if kind == "prohibited":
        return t("mexico_market.rate.prohibited", lang)
    return t(f"mexico_market.rate.{kind}_as_published", lang, text=row["import_rate_as_published"])


def market_chapter(con: Connection, hs2: str, lang: Language) -> MarketChapter:
    """One chapter: Mexico's imports month by month since 2019, how they arrive, Canada's
    exports of it from Statistics Canada beside them, and its tariff lines."""
    periods = mexico.periods(con)
    attribution = queries.attributions(con, lang)
    imports = mexico.chapter_imports(con, lang).set_index("chapter")
    row = records(imports.loc[[hs2]].reset_index())[0]
    name = chapter_name(hs2, str(row["label"]))
    lines = mexico.tariff_lines(con, hs2, lang)
    tariff = records(mexico.tariff_chapters(con).set_index("chapter").loc[[hs2]].reset_index())[0]
    treatments = [
        canadian_treatment(line, rate)
        for line, rate in zip(lines["tariff_line"], lines["import_rate_as_published"], strict=True)
    ]
    lines = lines.assign(canadian=treatments)
    headings = []
    for heading, group in lines.groupby("heading", sort=True):
        first = records(group.head(1))[0]
        excluded = (group["canadian"] == "exclusion_may_apply").any()
        headings.append(
            {
                t(
                    "mexico_market.column.heading", lang
                ): f"{heading} · {first['heading_name'] or ''}",
                t("mexico_market.column.lines", lang): formatting.number(len(group), lang),
                t("mexico_market.column.general_rate", lang): rate_range(group, lang),
                t("mexico_market.column.canada", lang): t(
                    "mexico_market.canada.exclusion_may_apply"
                    if excluded
                    else "mexico_market.canada.duty_free",
                    lang,
                ),
            }
        )
    indicators = annual_trade.chapter_indicators(con, lang).set_index("hs2")
    canada = None
    if hs2 in indicators.index:
        exported = records(indicators.loc[[hs2]].reset_index())[0]
        canada = CanadaSide(
            year=int(exported["year"]),
            exports=formatting.cad_short(exported["exports_to_mexico_cad"], lang),
            rank=formatting.rank(exported["mexico_rank"], lang),
            attribution=queries.attributions(con, lang)["trade"],
        )
    sector_chapters = annual_trade.sector_chapters(con, lang)
    sector_names = queries.sector_names(con, lang)
    sectors = [
        (sector_id, sector_names[sector_id])
        for sector_id in sector_chapters.loc[sector_chapters["hs2"] == hs2, "sector_id"]
    ]
    schedule = formatting.date(formatting.as_date(tariff["schedule_date"]), lang)
    tariff_facts = [
        MarketFact(
            t("mexico_market.tariff.lines", lang, date=schedule),
            formatting.number(tariff["lines"], lang),
            t(
                "mexico_market.tariff.exempt",
                lang,
                count=formatting.number(tariff["exempt_lines"], lang),
            ),
        ),
        MarketFact(
            t("mexico_market.tariff.highest", lang),
            formatting.percent_or_dash(tariff["highest_rate_pct"], lang, 0),
            t(
                "mexico_market.tariff.at_25",
                lang,
                count=formatting.number(tariff["lines_25_or_more"], lang),
            ),
        ),
    ]
    export = lines[
        [
            "tariff_line",
            "subheading",
            "description_es",
            "unit",
            "import_rate_as_published",
            "import_rate_pct",
            "rate_kind",
            "canadian",
            "schedule_date",
        ]
    ]
    return MarketChapter(
        hs2=hs2,
        name=name,
        facts=period_facts(row, periods, lang),
        months_chart=imports_months_chart(
            hs2,
            name,
            mexico.chapter_months(con, hs2, MARKET_SINCE),
            periods,
            attribution["mexico_trade"],
            lang,
        ).frozen(),
        modes_chart=modes_chart(
            hs2, name, mexico.chapter_modes(con, hs2), periods, attribution["mexico_trade"], lang
        ).frozen(),
        canada=canada,
        sectors=sectors,
        tariff_facts=tariff_facts,
        headings=pd.DataFrame(headings),
        lines_html=lines_table_html(lines, lang),
        lines_csv=spreadsheet.csv_bytes(export),
        has_exclusion=bool((lines["canadian"] == "exclusion_may_apply").any()),
    )


@dataclass(frozen=True)
class SearchHit:
    code: str  # "0304", "870829", "8708.29.99"
    chapter: str
    level: str  # heading, subheading, line
    text: str  # the name in the page's language (or the Spanish description of a line)
    text_lang: str  # the language ``text`` is in: en, fr or es
    rate: str | None  # a line's general rate, as published


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    truncated: bool  # more than SEARCH_MAX_CHARS were typed; the first were searched
    more: int  # hits beyond those shown


def search_index(con: Connection) -> list[dict]:
    """Every heading, subheading and line with its words folded, for ``market_search``
    (read once per database version: folding them is most of a search's work)."""
    rows = records(mexico.search_entries(con))
    for row in rows:
        row["folded"] = search.fold(
            " ".join(str(row[key]) for key in ("name_en", "name_fr", "description_es") if row[key])
        )
    return rows


def market_search(entries: list[dict], query: str, lang: Language) -> SearchResult:
    """Headings, subheadings and tariff lines matching what was typed: words (English,
    French or Spanish; any case, accents optional; every word must appear) or a code
    (``0304``, ``8708.29``, ``870829``: every code that starts with it). Read as text
    only: no character has a meaning of its own."""
    truncated = len(query) > SEARCH_MAX_CHARS
    query = query[:SEARCH_MAX_CHARS]
    digits = "".join(char for char in query if char in "0123456789")
    code_like = digits and all(char in "0123456789. " for char in query.strip())
    if code_like:
        found = [row for row in entries if row["code"].replace(".", "").startswith(digits)]
    else:
        words = search.words(query)
        found = [row for row in entries if words and search.matches(row["folded"], words)]
    hits = []
    for row in found[:SEARCH_MAX_RESULTS]:
        level = {4: "heading", 6: "subheading", 8: "line"}[int(row["level"])]
        if level == "line":
            text, text_lang = row["description_es"], "es"
        elif lang == "fr" and row["name_fr"]:
            text, text_lang = row["name_fr"], "fr"
        else:
            text, text_lang = row["name_en"], "en"
        hits.append(
            SearchHit(
                code=row["code"],
                chapter=row["code"][:2],
                level=level,
                text=text,
                text_lang=text_lang,
                rate=row["rate"],
            )
        )
    return SearchResult(hits, truncated, max(0, len(found) - SEARCH_MAX_RESULTS))
