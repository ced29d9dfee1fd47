"""Sources: every figure with its quote or formula, searchable, and the data to download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.data import annual_trade, mexico, monthly, queries
from trade_mission.data.database import Connection, records
from trade_mission.data.monthly import MonthlyRelease
from trade_mission.data.queries import SourceDocument
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t
from trade_mission.text.search import fold, matches, words
from trade_mission.views.trade import checks_table


@dataclass(frozen=True)
class SourcesPage:
    source: SourceDocument
    attributions: dict[str, str]
    mexico_files: pd.DataFrame  # Mexico's records, its tariff, the HS names: file, hash, size
    mexico_periods: mexico.MarketPeriods
    figures_table: pd.DataFrame  # for reading
    figures_csv: bytes  # every figure for a spreadsheet, in the page's language
    checks_table: pd.DataFrame  # every figure against the trade statistics, for reading
    first_year: int  # the years the trade statistics cover
    latest_year: int
    periods: dict[str, tuple[int, int]]  # by chapter, by province: first and last year
    latest: MonthlyRelease  # the newest monthly release held
    releases_table: pd.DataFrame  # every release of every dataset held, for reading
    agreement_table: pd.DataFrame  # the monthly table against the annual files, by year
    agreement_csv: bytes
    revisions_table: pd.DataFrame  # every monthly value a later release changed
    revisions_csv: bytes


def figures_table(
    figures: pd.DataFrame, sector_names: dict[str, str], lang: Language
) -> pd.DataFrame:
    """Every figure as the sources page lists it: as stated, with its quote or formula."""
    rows = []
    for row in records(figures):
        rows.append(
            {
                t("column.figure", lang): row["label"],
                t("column.as_shown", lang): formatting.figure_value(row, lang),
                t("column.year", lang): "" if row["year"] is None else str(row["year"]),
                t("column.sector", lang): sector_names.get(row["sector_id"] or "")
                or t("sources.country_wide", lang),
                t("column.derived", lang): t(
                    "common.yes" if row["is_derived"] else "common.no", lang
                ),
                t("column.quote_or_formula", lang): row["formula"]
                if row["is_derived"]
                else row["quote"],
                t("column.section", lang): row["section"] or "—",
            }
        )
    return pd.DataFrame(rows)


def qualifier_word(qualifier: str | None, lang: Language) -> str:
    """ "nearly", « près de »: the page's hedge, without the value."""
    if not qualifier:
        return ""
    return t(f"qualifier.{qualifier.replace(' ', '_')}", lang, value="").strip()


def figures_csv(figures: pd.DataFrame, sector_names: dict[str, str], lang: Language) -> bytes:
    """Every figure for a spreadsheet, headers and words in ``lang``: as the page words
    it, its number as published (an estimate to the decimals it is shown with), unit,
    qualifier, year, sector, the English source sentence (or an estimate's formula), the
    page section and the page's address."""
    rows = []
    for row in records(figures):
        decimals = int(row["display_decimals"]) if row["is_derived"] else None
        rows.append(
            {
                t("column.figure_id", lang): row["figure_id"],
                t("column.figure", lang): row["label"],
                t("column.as_shown", lang): formatting.figure_value(row, lang),
                t("column.value", lang): spreadsheet.plain_number(row["value"], decimals),
                t("column.unit", lang): formatting.unit_name(row["unit"], lang),
                t("column.qualifier", lang): qualifier_word(row["qualifier"], lang),
                t("column.year", lang): "" if row["year"] is None else str(row["year"]),
                t("column.sector", lang): sector_names.get(row["sector_id"] or "")
                or t("sources.country_wide", lang),
                t("column.derived", lang): t(
                    "common.yes" if row["is_derived"] else "common.no", lang
                ),
                t("column.quote", lang): "" if row["is_derived"] else row["quote"],
                t("column.formula", lang): row["formula"] if row["is_derived"] else "",
                t("column.section", lang): row["section"] or "",
                t("column.address", lang): row["source_url"],
            }
        )
    return spreadsheet.csv_bytes(pd.DataFrame(rows))


def search(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where every word of ``query`` appears somewhere (any case, with or without
    accents, any column)."""
    query_words = words(query)
    if not query_words:
        return table
    text = table.astype(str).agg(" ".join, axis=1).map(fold)
    return table[text.apply(lambda row: matches(row, query_words))]


def releases_table(releases: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """Every dataset's releases held: when published, what period they cover, when fetched."""
    rows = []
    for row in records(releases):
        dataset = row["dataset"]
        end = row["reference_period_end"]
        if end is None:
            covers = "—"
        elif dataset in ("trade_monthly", "mexico_trade_monthly"):
            covers = formatting.month(end, lang)
        else:
            covers = str(end.year)
        released = (
            t(f"sources.release.{dataset}", lang, date=formatting.date(row["release_date"], lang))
            if row["release_date"] is not None
            else t("sources.release.none", lang)
        )
        retrieved = row["retrieved_at"]
        rows.append(
            {
                t("sources.column.dataset", lang): t(f"sources.dataset.{dataset}", lang),
                t("sources.column.release", lang): released,
                t("sources.column.covers", lang): covers,
                t("sources.column.retrieved", lang): "—"
                if retrieved is None
                else t(
                    "sources.retrieved",
                    lang,
                    date=formatting.date(retrieved, lang),
                    time=retrieved.strftime("%H:%M"),
                ),
                t("sources.column.source", lang): row["source"],
            }
        )
    return pd.DataFrame(rows)


def agreement_frames(frame: pd.DataFrame, lang: Language) -> tuple[pd.DataFrame, bytes]:
    """Mexico's trade year by year in both products: the monthly table's twelve months,
    Trade Data Online's annual total, and how far apart they are (for reading, and CSV)."""
    rows = records(frame)
    years = sorted({row["year"] for row in rows})
    by_key = {(row["year"], row["flow"]): row for row in rows}
    table: dict[str, list] = {t("column.year", lang): [str(year) for year in years]}
    csv: dict[str, list] = {t("column.year", lang): years}
    for flow in ("exports", "imports"):
        flow_rows = [by_key[(year, flow)] for year in years]
        monthly_name = t(f"sources.agreement.monthly_{flow}", lang)
        annual_name = t(f"sources.agreement.annual_{flow}", lang)
        difference = t(f"sources.agreement.difference_{flow}", lang)
        table[monthly_name] = [
            formatting.cad_millions(r["monthly_cad_millions"], lang) for r in flow_rows
        ]
        table[annual_name] = [formatting.cad(r["annual_cad"], lang) for r in flow_rows]
        table[difference] = [
            ("+" if r["difference_pct"] >= 0 else "−")
            + formatting.percent(abs(r["difference_pct"]), lang, 2)
            for r in flow_rows
        ]
        csv[monthly_name] = [
            spreadsheet.plain_number(r["monthly_cad_millions"], 1) for r in flow_rows
        ]
        csv[annual_name] = [r["annual_cad"] for r in flow_rows]
        csv[difference] = [spreadsheet.share(r["difference_pct"]) for r in flow_rows]
    return pd.DataFrame(table), spreadsheet.csv_bytes(pd.DataFrame(csv))


def revisions_frames(frame: pd.DataFrame, lang: Language) -> tuple[pd.DataFrame, bytes]:
    """Every revision, newest release first: for reading, and as CSV."""
    rows = records(frame)
    headings = {
        name: t(f"sources.revision.{name}", lang)
        for name in ("month", "partner", "flow", "earlier", "value", "change", "releases")
    }
    table = pd.DataFrame(
        {
            headings["month"]: [formatting.month(r["ref_month"], lang) for r in rows],
            headings["partner"]: [r["name"] for r in rows],
            headings["flow"]: [t(f"monthly.flow.{r['flow']}", lang) for r in rows],
            headings["earlier"]: [formatting.cad_millions(r["earlier_value"], lang) for r in rows],
            headings["value"]: [formatting.cad_millions(r["value"], lang) for r in rows],
            headings["change"]: [
                ("+" if r["value"] >= r["earlier_value"] else "−")
                + formatting.cad_millions(abs(round(r["value"] - r["earlier_value"], 1)), lang)
                for r in rows
            ],
            headings["releases"]: [
                t(
                    "sources.revision.between",
                    lang,
                    earlier=formatting.date(r["earlier_release"], lang),
                    release=formatting.date(r["release"], lang),
                )
                for r in rows
            ],
        }
    )
    csv = pd.DataFrame(
        {
            headings["month"]: [r["ref_month"].isoformat()[:7] for r in rows],
            headings["partner"]: [r["name"] for r in rows],
            headings["flow"]: [t(f"monthly.flow.{r['flow']}", lang) for r in rows],
            t("sources.revision.earlier_csv", lang): [
                spreadsheet.plain_number(r["earlier_value"], 1) for r in rows
            ],
            t("sources.revision.value_csv", lang): [
                spreadsheet.plain_number(r["value"], 1) for r in rows
            ],
            t("sources.revision.earlier_release", lang): [
                r["earlier_release"].isoformat() for r in rows
            ],
            t("sources.revision.release", lang): [r["release"].isoformat() for r in rows],
        }
    )
    return table, spreadsheet.csv_bytes(csv)


def sources_page(con: Connection, lang: Language) -> SourcesPage:
    figures = queries.figures(con, queries.ALL_FIGURES, lang)
    series = annual_trade.mexico_trade(con)
    names = queries.sector_names(con, lang)
    agreement_table, agreement_csv = agreement_frames(monthly.annual_agreement(con), lang)
    revisions_table, revisions_csv = revisions_frames(monthly.revisions(con, lang), lang)
    return SourcesPage(
        source=queries.source_document(con, lang),
        attributions=queries.attributions(con, lang),
        checks_table=checks_table(con, None, lang),
        first_year=int(series["year"].min()),
        latest_year=annual_trade.latest_year(con),
        periods=annual_trade.periods(con),
        figures_table=figures_table(figures, names, lang),
        figures_csv=figures_csv(figures, names, lang),
        latest=monthly.newest_release(con),
        releases_table=releases_table(monthly.data_releases(con), lang),
        agreement_table=agreement_table,
        agreement_csv=agreement_csv,
        revisions_table=revisions_table,
        revisions_csv=revisions_csv,
        mexico_files=files_table(mexico.source_files(con), lang),
        mexico_periods=mexico.periods(con),
    )


def files_table(files: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """The files Mexico's records, tariff and the HS names come from, with their SHA-256."""
    return pd.DataFrame(
        {
            t("sources.mexico.file", lang): files["file"],
            t("sources.mexico.dataset", lang): [
                t(f"sources.mexico.datasets.{dataset}", lang) for dataset in files["dataset"]
            ],
            t("sources.mexico.size", lang): [
                t("sources.mexico.bytes", lang, n=formatting.number(int(size), lang))
                for size in files["bytes"]
            ],
            # Whole, a checksum runs off the table; every digit is in the CSV of source_files.
            t("sources.mexico.sha", lang): [digest[:16] + "…" for digest in files["sha256"]],
        }
    )
