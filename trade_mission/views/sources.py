"""Sources: every figure with its quote or formula, searchable, and the data to download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trade_mission.data import queries, trade
from trade_mission.data.database import Connection, records
from trade_mission.data.queries import SourceDocument
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t
from trade_mission.text.search import fold, matches, words
from trade_mission.views.trade import checks_table


@dataclass(frozen=True)
class SourcesPage:
    source: SourceDocument
    attributions: dict[str, str]
    figures_table: pd.DataFrame  # for reading
    figures_csv: bytes  # every figure for a spreadsheet, in the page's language
    checks_table: pd.DataFrame  # every figure against the trade statistics, for reading
    first_year: int  # the years the trade statistics cover
    latest_year: int
    periods: dict[str, tuple[int, int]]  # by chapter, by province: first and last year


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


def sources_page(con: Connection, lang: Language) -> SourcesPage:
    figures = queries.figures(con, queries.ALL_FIGURES, lang)
    series = trade.mexico_trade(con)
    names = queries.sector_names(con, lang)
    return SourcesPage(
        source=queries.source_document(con, lang),
        attributions=queries.attributions(con, lang),
        checks_table=checks_table(con, None, lang),
        first_year=int(series["year"].min()),
        latest_year=trade.latest_year(con),
        periods=trade.periods(con),
        figures_table=figures_table(figures, names, lang),
        figures_csv=figures_csv(figures, names, lang),
    )
