"""The latest months of Canada–Mexico trade, from Statistics Canada's monthly table: what
the "Trade with Mexico" page opens with, and what the deck's "Latest months" slide shows.

Every number carries its period and release. The series is not seasonally adjusted, so a
run of months is compared only with the same months a year earlier. Sums, shares and
changes are derived (``marts.sql``), and the view says so; a few months after the mission
cannot show its effect, and the view says that too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from trade_mission.charts.base import Chart
from trade_mission.charts.monthly import monthly_trade_chart, partner_shares_chart
from trade_mission.data import monthly, queries
from trade_mission.data.database import Connection, records
from trade_mission.data.monthly import MEXICO, MonthlyRelease
from trade_mission.reports.status import StatusMessage
from trade_mission.rules.releases import (
    RELEASE_LAG_DAYS,
    RELEASE_TIME_ZONE,
    month_end,
    months_probably_released,
    newer_release_probably_out,
    next_release_due,
)
from trade_mission.text import formatting, spreadsheet
from trade_mission.text.i18n import Language, t

CHART_SINCE = dt.date(2019, 1, 1)  # before the pandemic, the tariffs and the mission
PERIODS = ("latest_12", "year_to_date", "since_mission")
FLOWS = ("exports", "imports")


@dataclass(frozen=True)
class PeriodFact:
    """One number of a period, as a card shows it: what, how much, against a year before."""

    label: str
    value: str
    comparison: str  # the change and the same months a year earlier, in words
    short: str  # the change alone, for a slide


@dataclass(frozen=True)
class LatestMonths:
    latest: MonthlyRelease
    as_of: str  # "To July 2026 · Statistics Canada, table 12-10-0011-01, released ..."
    stale_heading: str  # "The months to July 2026": the heading once newer ones are out
    flagged: str  # the values Statistics Canada flags (preliminary, revised...), or ""
    headline: str  # the latest 12 months' period, for the cards' heading
    facts: list[PeriodFact]  # the latest 12 months, Mexico
    year_to_date: list[PeriodFact]  # Mexico's exports and imports, January to the latest month
    year_to_date_span: str  # "January to July 2026"
    tables: list[pd.DataFrame]  # each period against a year earlier, for reading
    csv: bytes  # every period, partner and flow, values as computed
    since_mission: str  # the months since the mission, and why they show no effect
    revisions: str  # what the releases held revised, in one sentence
    shares_table: pd.DataFrame  # Mexico, the United States and China, latest 12 months
    months_chart: Chart
    shares_chart: Chart  # every year since 1997: drawn when asked for
    attribution: str


def as_of_line(latest: MonthlyRelease, lang: Language) -> str:
    return t(
        "monthly.as_of",
        lang,
        last=formatting.month(latest.last_month, lang),
        release=formatting.date(latest.release_date, lang),
    )


def change_text(row: dict, lang: Language) -> str:
    """ "+16.6% on August 2024 to July 2025 (C$9,000.1 million)"."""
    first = row["first_month"].replace(year=row["first_month"].year - 1)
    last = row["last_month"].replace(year=row["last_month"].year - 1)
    return t(
        "monthly.change_on",
        lang,
        change=formatting.signed_percent(row["change_pct"], lang),
        period=formatting.month_span(first, last, lang),
        earlier=formatting.cad_millions(row["earlier_cad_millions"], lang),
    )


def share_change_text(row: dict, lang: Language) -> str:
    return t(
        "monthly.share_earlier",
        lang,
        earlier=formatting.percent_or_dash(row["earlier_share_pct"], lang, 2),
    )


def period_name(row: dict, lang: Language) -> str:
    """ "12 months to July 2026 (August 2025 to July 2026)" and the like."""
    return t(
        f"monthly.period.{row['period']}",
        lang,
        span=formatting.month_span(row["first_month"], row["last_month"], lang),
        last=formatting.month(row["last_month"], lang),
    )


def flow_facts(
    rows: dict[tuple[str, str, str], dict], period: str, lang: Language
) -> list[PeriodFact]:
    """Mexico's exports and imports over ``period``, each against a year earlier."""
    return [
        PeriodFact(
            t(f"monthly.fact.{flow}", lang),
            formatting.cad_millions(rows[(period, MEXICO, flow)]["value_cad_millions"], lang),
            change_text(rows[(period, MEXICO, flow)], lang),
            t(
                "monthly.change_short",
                lang,
                change=formatting.signed_percent(rows[(period, MEXICO, flow)]["change_pct"], lang),
            ),
        )
        for flow in FLOWS
    ]


def latest_facts(rows: dict[tuple[str, str, str], dict], lang: Language) -> list[PeriodFact]:
    """Mexico in the latest 12 months: exports, imports, and its share of each."""
    facts = flow_facts(rows, "latest_12", lang)
    for flow in FLOWS:
        row = rows[("latest_12", MEXICO, flow)]
        facts.append(
            PeriodFact(
                t(f"monthly.fact.share_{flow}", lang),
                formatting.percent_or_dash(row["share_pct"], lang, 2),
                share_change_text(row, lang),
                share_change_text(row, lang),
            )
        )
    return facts


def periods_tables(rows: dict[tuple[str, str, str], dict], lang: Language) -> list[pd.DataFrame]:
    """Mexico's exports, imports and shares over each period against a year earlier: one
    narrow table per period, so a phone shows each whole, one under the other."""
    measure = t("monthly.column.measure", lang)
    tables = []
    for period in PERIODS:
        if (period, MEXICO, "exports") not in rows:
            continue
        names, values = [], []
        for flow in FLOWS:
            row = rows[(period, MEXICO, flow)]
            shown = {
                "value": formatting.cad_millions(row["value_cad_millions"], lang),
                "earlier": formatting.cad_millions(row["earlier_cad_millions"], lang),
                "change": formatting.signed_percent(row["change_pct"], lang),
                "share": formatting.percent_or_dash(row["share_pct"], lang, 2),
                "earlier_share": formatting.percent_or_dash(row["earlier_share_pct"], lang, 2),
            }
            for kind, text in shown.items():
                names.append(t(f"monthly.row.{kind}_{flow}", lang))
                values.append(text)
        heading = period_name(rows[(period, MEXICO, "exports")], lang)
        tables.append(pd.DataFrame({measure: names, heading: values}))
    return tables


def shares_table(rows: dict[tuple[str, str, str], dict], lang: Language) -> pd.DataFrame:
    """Each partner's share of Canada's exports and imports over the latest 12 months,
    against the same months a year earlier."""
    partners = [key[1] for key in rows if key[0] == "latest_12" and key[2] == "exports"]
    table: dict[str, list[str]] = {t("monthly.column.partner", lang): []}
    for flow in FLOWS:
        table[t(f"monthly.column.share_latest_{flow}", lang)] = []
        table[t(f"monthly.column.share_earlier_{flow}", lang)] = []
    for partner in partners:
        if rows[("latest_12", partner, "exports")]["share_pct"] is None:
            continue  # all countries
        table[t("monthly.column.partner", lang)].append(
            rows[("latest_12", partner, "exports")]["name"]
        )
        for flow in FLOWS:
            row = rows[("latest_12", partner, flow)]
            table[t(f"monthly.column.share_latest_{flow}", lang)].append(
                formatting.percent_or_dash(row["share_pct"], lang, 2)
            )
            table[t(f"monthly.column.share_earlier_{flow}", lang)].append(
                formatting.percent_or_dash(row["earlier_share_pct"], lang, 2)
            )
    return pd.DataFrame(table)


def comparisons_csv(frame: pd.DataFrame, latest: MonthlyRelease, lang: Language) -> bytes:
    """Every period, partner and flow for a spreadsheet, headed in ``lang``: sums to one
    decimal as the table publishes its months, changes and shares to four decimals."""
    rows = records(frame)
    out = pd.DataFrame(
        {
            t("monthly.csv.period", lang): [period_name(row, lang) for row in rows],
            t("monthly.csv.first_month", lang): [
                row["first_month"].isoformat()[:7] for row in rows
            ],
            t("monthly.csv.last_month", lang): [row["last_month"].isoformat()[:7] for row in rows],
            t("monthly.csv.partner", lang): [row["name"] for row in rows],
            t("monthly.csv.flow", lang): [t(f"monthly.flow.{row['flow']}", lang) for row in rows],
            t("monthly.csv.value", lang): [
                spreadsheet.plain_number(row["value_cad_millions"], 1) for row in rows
            ],
            t("monthly.csv.earlier", lang): [
                spreadsheet.plain_number(row["earlier_cad_millions"], 1) for row in rows
            ],
            t("monthly.csv.change_pct", lang): [
                spreadsheet.share(row["change_pct"]) for row in rows
            ],
            t("monthly.csv.share_pct", lang): [
                spreadsheet.share(row["share_pct"]) for row in rows
            ],
            t("monthly.csv.earlier_share_pct", lang): [
                spreadsheet.share(row["earlier_share_pct"]) for row in rows
            ],
            t("monthly.csv.release", lang): [latest.release_date.isoformat() for _ in rows],
        }
    )
    return spreadsheet.csv_bytes(out)


def revisions_sentence(con: Connection, lang: Language) -> str:
    revisions = records(monthly.revisions(con, lang))
    if not revisions:
        return t("monthly.no_revisions", lang)
    newest = revisions[0]["release"]
    revised = [row for row in revisions if row["release"] == newest]
    return t(
        "monthly.revisions",
        lang,
        count=len(revised),
        release=formatting.date(newest, lang),
        earlier=formatting.date(revised[0]["earlier_release"], lang),
        first=formatting.month(min(row["ref_month"] for row in revised), lang),
        last=formatting.month(max(row["ref_month"] for row in revised), lang),
    )


def flagged_sentence(months: pd.DataFrame, lang: Language) -> str:
    """Every flagged value of the months shown, in words: never silently in a sum."""
    flagged = [row for row in records(months) if row["status_code"] or row["symbol_code"]]
    if not flagged:
        return ""
    items = [
        formatting.elide(
            t(
                "monthly.flagged_item",
                lang,
                month=formatting.month(row["ref_month"], lang),
                flow=t(f"monthly.flow.{row['flow']}", lang).lower(),
                flag=formatting.statcan_flag(row["status_code"], row["symbol_code"], lang),
            )
        )
        for row in flagged
    ]
    return t("monthly.flagged", lang, count=len(flagged), items=formatting.join(items, lang))


def latest_months_view(con: Connection, lang: Language) -> LatestMonths:
    latest = monthly.newest_release(con)
    attribution = queries.attributions(con, lang)["trade_monthly"]
    frame = monthly.comparisons(con, lang)
    rows = {(row["period"], row["partner"], row["flow"]): row for row in records(frame)}
    twelve = rows[("latest_12", MEXICO, "exports")]
    mission = queries.mission(con, lang)
    since = rows.get(("since_mission", MEXICO, "exports"))
    if since is None:
        since_text = t("monthly.since_mission_none", lang)
    else:
        imports = rows[("since_mission", MEXICO, "imports")]
        since_text = t(
            "monthly.since_mission",
            lang,
            period=formatting.month_span_from(since["first_month"], since["last_month"], lang),
            exports=formatting.change(since["change_pct"], lang),
            imports=formatting.change(imports["change_pct"], lang),
            dates=formatting.date_range(mission.start_date, mission.end_date, lang),
        )
    latest_12 = frame[frame["period"] == "latest_12"]
    months = monthly.partner_months(con, CHART_SINCE)
    return LatestMonths(
        latest=latest,
        as_of=as_of_line(latest, lang),
        stale_heading=t(
            "monthly.title_stale", lang, last=formatting.month(latest.last_month, lang)
        ),
        headline=period_name(twelve, lang),
        facts=latest_facts(rows, lang),
        year_to_date=flow_facts(rows, "year_to_date", lang),
        year_to_date_span=formatting.month_span(
            rows[("year_to_date", MEXICO, "exports")]["first_month"], latest.last_month, lang
        ),
        tables=periods_tables(rows, lang),
        csv=comparisons_csv(frame, latest, lang),
        since_mission=since_text,
        revisions=revisions_sentence(con, lang),
        shares_table=shares_table(rows, lang),
        flagged=flagged_sentence(months, lang),
        months_chart=monthly_trade_chart(
            months,
            (mission.start_date, mission.end_date),
            latest,
            (
                twelve["first_month"],
                {flow: rows[("latest_12", MEXICO, flow)]["change_pct"] for flow in FLOWS},
            ),
            attribution,
            lang,
        ).frozen(),
        shares_chart=partner_shares_chart(
            monthly.shares(con, lang), latest_12, twelve["first_month"], latest, attribution, lang
        ).frozen(),
        attribution=attribution,
    )


def stale_text(latest: MonthlyRelease, lang: Language, now: dt.datetime | None = None) -> str:
    """What to say once a newer release is probably out, and how to bring it in."""
    following = month_end(latest.last_month) + dt.timedelta(days=1)
    # Without a clock (a deck's notes, written before the day it is shown), the first
    # release missed is named; with one, how many have come out and how far they reach.
    newer = (
        months_probably_released(latest.last_month, now, RELEASE_LAG_DAYS, RELEASE_TIME_ZONE)
        if now is not None
        else []
    ) or [following]
    return t(
        "monthly.stale" if now is not None else "monthly.stale_first",
        lang,
        last=formatting.month(latest.last_month, lang),
        release=formatting.date(latest.release_date, lang),
        next=formatting.month(following, lang),
        due=formatting.date(next_release_due(latest.last_month), lang),
        count=len(newer),
        latest=formatting.month(newer[-1], lang),
    )


def freshness(latest: MonthlyRelease, now: dt.datetime, lang: Language) -> StatusMessage | None:
    """A notice when Statistics Canada has probably released newer months than those held
    (judged at ``now``), with how to bring them in; ``None`` while the release is current."""
    if not newer_release_probably_out(latest.last_month, now):
        return None
    return StatusMessage("warning", stale_text(latest, lang, now))
