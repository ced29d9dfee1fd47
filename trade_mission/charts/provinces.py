"""Charts of the provinces and territories in the annual statistics: which sell Mexico
the most in the latest year, and one province's exports to Mexico since 1990.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    Chart,
    Column,
    house_layout,
    tabulate,
)
from trade_mission.charts.dollars import (
    SERIES_STYLES,
    dollar_columns,
    line,
    ranked_bars,
    scale_for,
    trade_caption,
    year_axis,
)
from trade_mission.data.database import records
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t


def provinces_chart(origins: pd.DataFrame, year: int, attribution: str, lang: Language) -> Chart:
    """Which provinces and territories sell Mexico the most."""
    rows = [row for row in records(origins) if row["exports_to_mexico_cad"]]
    names = [row["name"] for row in rows]
    values = [row["exports_to_mexico_cad"] for row in rows]
    labels = [formatting.cad_short(value, lang) for value in values]
    figure = ranked_bars(names, values, labels, lang)
    shares = [row["mexico_share_pct"] for row in rows]
    ranks = [row["mexico_rank"] for row in rows]
    columns = [
        Column(t("trade.column.origin", lang), names),
        *dollar_columns("exports_to_mexico", values, lang),
        Column(
            t("trade.column.mexico_share", lang),
            [spreadsheet.share(share) for share in shares],
            [formatting.percent_or_dash(share, lang, 2) for share in shares],
        ),
        Column(
            t("trade.column.mexico_rank", lang),
            ranks,
            [formatting.rank(rank, lang) for rank in ranks],
        ),
    ]
    text_values = dict(leader=rows[0]["name"], value=labels[0], year=year, count=len(rows))
    return Chart(
        "provinces_to_mexico",
        t("trade.chart.provinces.title", lang, **text_values),
        figure,
        alt=t("trade.chart.provinces.alt", lang, **text_values),
        caption=trade_caption(attribution, str(year), lang),
        **tabulate(columns),
    )


def province_trend_chart(
    series: pd.DataFrame, origin_code: str, name: str, attribution: str, lang: Language
) -> Chart:
    """One province's (or all Canada's) exports to Mexico since 1990."""
    rows = records(series)
    years = [row["year"] for row in rows]
    exports = [row["exports_to_mexico_cad"] for row in rows]
    divisor, unit = scale_for(exports)
    trace = line(
        t("trade.series.exports", lang),
        years,
        exports,
        divisor,
        SERIES_STYLES["exports"],
        [formatting.cad_short(value, lang) for value in exports],
    )
    figure = go.Figure(
        data=[trace],
        layout=house_layout(
            360,
            lang=lang,
            xaxis=year_axis(years[0], years[-1]),
            yaxis=dict(title=dict(text=t(f"trade.axis.cad_{unit}", lang)), rangemode="tozero"),
        ),
    )
    columns = [
        Column(t("column.year", lang), years),
        *dollar_columns("exports_to_mexico", exports, lang, divisor, unit),
    ]
    first = next((row for row in rows if row["exports_to_mexico_cad"]), rows[0])
    values = dict(
        origin=name,
        first=formatting.cad_short(first["exports_to_mexico_cad"], lang),
        first_year=first["year"],
        last=formatting.cad_short(rows[-1]["exports_to_mexico_cad"], lang),
        last_year=rows[-1]["year"],
    )
    return Chart(
        f"province_{origin_code.lower()}_trend",
        t("trade.chart.province.title", lang, **values),
        figure,
        alt=t("trade.chart.province.alt", lang, **values),
        caption=trade_caption(attribution, f"{years[0]}–{years[-1]}", lang),
        **tabulate(columns),
    )
