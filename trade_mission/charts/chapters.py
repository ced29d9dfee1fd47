"""Charts of the HS chapters in the annual statistics: what Canada sells Mexico most of,
one chapter's trade with Mexico since 2000 and Canada's largest markets for it, and the
chapters a firm says it exports, compared.
"""

from __future__ import annotations

import pandas as pd

from trade_mission.charts.base import (
    SERIES_COLOURS,
    Chart,
    Column,
    tabulate,
)
from trade_mission.charts.dollars import (
    MEXICO_COLOUR,
    OTHER_COLOUR,
    SERIES_STYLES,
    chapter_name,
    dollar_columns,
    line,
    lines_figure,
    ranked_bars,
    scale_for,
    scaled,
    series_columns,
    series_line,
    trade_caption,
)
from trade_mission.data.database import records
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t


def chapter_ranking_chart(
    indicators: pd.DataFrame, total_exports: float, attribution: str, lang: Language, top: int = 12
) -> Chart:
    """The chapters Canada sold Mexico most of in the latest year."""
    rows = [row for row in records(indicators) if row["exports_to_mexico_cad"]][:top]
    year = rows[0]["year"]
    names = [chapter_name(row["hs2"], row["label"]) for row in rows]
    values = [row["exports_to_mexico_cad"] for row in rows]
    labels = [formatting.cad_short(value, lang) for value in values]
    figure = ranked_bars(names, values, labels, lang)
    shares = [row["share_of_exports_to_mexico_pct"] for row in rows]
    columns = [
        Column(t("trade.column.chapter", lang), names),
        *dollar_columns("exports_to_mexico", values, lang, shown=labels),
        Column(
            t("trade.column.share_of_exports_to_mexico", lang),
            [spreadsheet.share(share) for share in shares],
            [formatting.percent_or_dash(share, lang, 1) for share in shares],
        ),
    ]
    leader = rows[0]
    values_for_text = dict(
        chapter=leader["label"],
        value=labels[0],
        share=formatting.percent(leader["share_of_exports_to_mexico_pct"], lang, 1),
        total=formatting.cad_short(total_exports, lang),
        year=year,
        top=len(rows),
    )
    return Chart(
        "chapters_to_mexico",
        t("trade.chart.ranking.title", lang, **values_for_text),
        figure,
        alt=t("trade.chart.ranking.alt", lang, **values_for_text),
        caption=trade_caption(attribution, str(year), lang),
        **tabulate(columns),
    )


def chapter_trade_chart(
    series: pd.DataFrame, hs2: str, label: str, attribution: str, lang: Language
) -> Chart:
    """One chapter's exports to and imports from Mexico since 2000."""
    rows = records(series)
    years = [row["year"] for row in rows]
    exports = [row["exports_to_mexico_cad"] for row in rows]
    imports = [row["imports_from_mexico_cad"] for row in rows]
    divisor, unit = scale_for([*exports, *imports])
    flows = {"exports": exports, "imports": imports}
    traces = [
        line(
            t(f"trade.series.{flow}", lang),
            years,
            values,
            divisor,
            SERIES_STYLES[flow],
            [formatting.cad_short(value, lang) for value in values],
        )
        for flow, values in flows.items()
    ]
    figure = lines_figure(traces, years, unit, lang)
    headings = {"exports": "exports_to_mexico", "imports": "imports_from_mexico"}
    columns = [
        Column(t("column.year", lang), years),
        *(
            Column(
                t(f"trade.column.{headings[flow]}_cad", lang),
                values,
                [formatting.cad(value, lang) for value in values],
            )
            for flow, values in flows.items()
        ),
        *(
            Column(
                t(f"trade.column.{headings[flow]}_{unit}", lang),
                scaled(values, divisor),
                in_table=False,
            )
            for flow, values in flows.items()
        ),
    ]
    first = next((row for row in rows if row["exports_to_mexico_cad"]), rows[0])
    values = dict(
        chapter=chapter_name(hs2, label),
        first=formatting.cad_short(first["exports_to_mexico_cad"], lang),
        first_year=first["year"],
        last=formatting.cad_short(rows[-1]["exports_to_mexico_cad"], lang),
        last_year=rows[-1]["year"],
        imports=formatting.cad_short(rows[-1]["imports_from_mexico_cad"], lang),
    )
    # A latest year with no exports to Mexico is said in words, not as "—".
    title, alt = (
        ("trade.chart.chapter.title", "trade.chart.chapter.alt")
        if rows[-1]["exports_to_mexico_cad"]
        else ("trade.chart.chapter_none.title", "trade.chart.chapter_none.alt")
    )
    return Chart(
        f"chapter_{hs2}_trade",
        t(title, lang, **values),
        figure,
        alt=t(alt, lang, **values),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(columns),
    )


def markets_chart(
    markets: pd.DataFrame,
    hs2: str,
    label: str,
    year: int,
    attribution: str,
    lang: Language,
) -> Chart:
    """Canada's largest markets for one chapter, Mexico marked by colour, pattern and name."""
    rows = records(markets)
    names = [f"{row['market_rank']}. {row['name']}" for row in rows]
    values = [row["exports_cad"] for row in rows]
    is_mexico = [row["partner"] == "Mexico" for row in rows]
    divisor, unit = scale_for(values)
    labels = [formatting.cad_short(value, lang) for value in values]
    colours = [MEXICO_COLOUR if mexico else OTHER_COLOUR for mexico in is_mexico]
    # "45.\u00a0Mexico": a wrapped name never leaves its rank alone on a line, and in a
    # table cell "45. Mexico" is not Markdown's numbered list (its number drawn outside
    # the cell, cut to "I5.").
    kept_whole = [name.replace(". ", ".\u00a0", 1) for name in names]
    figure = ranked_bars(
        kept_whole,
        values,
        labels,
        lang,
        divisor,
        colours,
        dict(
            pattern=dict(
                shape=["/" if mexico else "" for mexico in is_mexico],
                fgcolor="white",
                bgcolor=colours,
                # Each bar's own colour under its hatching: "overlay" with a list of
                # colours makes Plotly warn "Invalid color specifier" once per bar.
                fillmode="replace",
                solidity=0.3,
            )
        ),
        bold=is_mexico,
    )
    columns = [
        Column(t("trade.column.market", lang), names, kept_whole),
        *dollar_columns("exports", values, lang, divisor, unit),
    ]
    mexico = next((row for row in rows if row["partner"] == "Mexico"), None)
    rank = formatting.ordinal(int(mexico["market_rank"]), lang) if mexico else "—"
    text_values = dict(
        chapter=chapter_name(hs2, label),
        rank=rank,
        year=year,
        value=formatting.cad_short(mexico["exports_cad"], lang) if mexico else "—",
        leader=rows[0]["name"],
    )
    # A year Canada sold Mexico none of the chapter: said in words, not as "—".
    title, alt = (
        ("trade.chart.markets.title", "trade.chart.markets.alt")
        if mexico
        else ("trade.chart.markets_none.title", "trade.chart.markets_none.alt")
    )
    return Chart(
        f"chapter_{hs2}_markets",
        t(title, lang, **text_values),
        figure,
        alt=t(alt, lang, **text_values),
        caption=trade_caption(attribution, str(year), lang),
        **tabulate(columns),
    )


CHAPTER_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def chapters_exports_chart(
    series: pd.DataFrame, labels: dict[str, str], attribution: str, lang: Language
) -> Chart:
    """Canada's exports to Mexico of a few chapters since 2000, one line each (each with
    its own colour and dash), in the order ``labels`` gives them."""
    hs2s = [hs2 for hs2 in labels if (series["hs2"] == hs2).any()]
    rows_of = {hs2: records(series[series["hs2"] == hs2]) for hs2 in hs2s}
    divisor, unit = scale_for(
        [row["exports_to_mexico_cad"] for rows in rows_of.values() for row in rows]
    )
    traces, series = [], {}
    years: list[int] = sorted({row["year"] for rows in rows_of.values() for row in rows})
    for index, hs2 in enumerate(hs2s):
        by_year = {row["year"]: row["exports_to_mexico_cad"] for row in rows_of[hs2]}
        values = [by_year.get(year) for year in years]
        name = chapter_name(hs2, labels[hs2])
        style = (
            SERIES_COLOURS[index % len(SERIES_COLOURS)],
            CHAPTER_DASHES[index % len(CHAPTER_DASHES)],
        )
        traces.append(series_line(name, years, values, divisor, style, hs2, lang))
        series[name] = values
    figure = lines_figure(traces, years, unit, lang, height=400)
    latest = {name: values[-1] for name, values in series.items()}
    top = max(latest, key=lambda name: latest[name] or 0)
    # The first year the leading chapter sold Mexico anything (years of none are NULL).
    first_year, first = next(
        ((year, value) for year, value in zip(years, series[top], strict=True) if value),
        (years[0], None),
    )
    values_text = dict(
        chapters=formatting.join(list(series), lang),
        top=top,
        value=formatting.cad_short(latest[top], lang),
        first_year=first_year,
        year=years[-1],
        first=formatting.cad_short(first, lang),
    )
    # "none": not one of the chapters sold Mexico anything in the latest year.
    key = "none" if not latest[top] else ("one" if len(series) == 1 else "many")
    return Chart(
        "your_chapters_trade",
        t(f"trade.chart.your_chapters.title_{key}", lang, **values_text),
        figure,
        alt=t("trade.chart.your_chapters.alt", lang, **values_text),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(series_columns(years, series, divisor, unit, lang)),
    )
