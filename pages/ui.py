"""Building blocks shared by the pages: a figure with its source, a chart with its table.

Layout only: every number comes formatted from ``trade_mission``; nothing here queries
or decides. Text from the database is escaped before it reaches Markdown, so a "$" in a
quote is a dollar sign, not the start of a formula.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from typing import cast

import pandas as pd
import streamlit as st

from trade_mission.charts.base import Chart
from trade_mission.data.queries import SourceDocument
from trade_mission.reports.practical import MissionContext, PracticalFact
from trade_mission.reports.status import StatusMessage
from trade_mission.text import formatting
from trade_mission.text.i18n import DEFAULT_LANGUAGE, Language, t
from trade_mission.views.choices import Choice, choose

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|$~])")
# Streamlit's browser code reads ":material/name:" as an icon, ":red[...]" as a colour and
# ":smile:" as an emoji in any Markdown, even with the colon escaped; an invisible word
# joiner between a colon and the letter after it keeps them text.
SHORTCODE = re.compile(r":(?=[A-Za-z])")
WORD_JOINER = "\u2060"
# An https address, without the punctuation a sentence puts after it.
WEB_ADDRESS = re.compile(r"(https://[^\s<>\"'`\\]*[^\s<>\"'`\\.,;:!?)])")
LANGUAGE_KEY = "lang"


# The document's language, set in the browser: Streamlit always writes <html lang="en">.
# Constant scripts chosen by a validated language code; no data reaches them.
DOCUMENT_LANGUAGE_SCRIPTS = {
    "en": "<script>document.documentElement.lang = 'en-CA';</script>",
    "fr": "<script>document.documentElement.lang = 'fr-CA';</script>",
}


def set_document_language(lang: Language) -> None:
    """Make ``<html lang>`` match the language shown, for screen readers and translators."""
    st.sidebar.html(DOCUMENT_LANGUAGE_SCRIPTS[lang], unsafe_allow_javascript=True)


def address_choice(
    parameter: str, options: Sequence[str], key: str, default: str | None = None
) -> Choice:
    """What ``?parameter=`` picks among ``options`` (else this session's last choice, else
    ``default``, else the first), kept in the session under ``key`` and written back to the
    address, so a copied link opens the same view. ``rejected``: the address asked for
    something that is not an option, for the page's notice."""
    choice = choose(
        st.query_params.get_all(parameter), options, st.session_state.get(key) or default
    )
    st.session_state[key] = choice.value
    st.query_params[parameter] = choice.value
    return choice


def language() -> Language:
    """The language the router chose for this run."""
    return cast(Language, st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# What time it is for the pages (registration open or closed, the mission's phase). Tests
# replace it to see both sides of the deadline.
clock: Callable[[], dt.datetime] = utc_now


def status(message: StatusMessage) -> None:
    """A status in its box: success, information, warning or error, always in words."""
    {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[
        message.kind
    ](message.text)


def escape(text: str) -> str:
    """Text shown literally inside Markdown (no formulas, links or emphasis). A web address
    in it stays a plain autolink (``<https://...>``): escaped, its dots would show as
    backslashes in the link Markdown makes of it anyway."""
    parts = WEB_ADDRESS.split(str(text))
    return "".join(
        f"<{part}>"
        if index % 2
        else SHORTCODE.sub(":" + WORD_JOINER, MARKDOWN_SPECIAL.sub(r"\\\1", part))
        for index, part in enumerate(parts)
    )


def fact(label: str, value: str, detail: str | None = None, help: str | None = None) -> None:
    """A short labelled fact in a card; unlike ``st.metric`` a long value wraps. ``detail``
    (what it is compared with) goes beneath; ``help``, what the measure means, is the
    label's tooltip."""
    with st.container(border=True, height="stretch"):
        st.caption(escape(label), help=help)
        st.markdown(f"**{escape(value)}**")
        if detail:
            st.markdown(escape(detail))


def quote_block(quote: str, lang: Language, section: str | None = None, url: str = "") -> None:
    """A passage of the page, verbatim (English), labelled once as a quotation; with the
    page section it sits in and a link to the page when given."""
    st.caption(t("quote.label", lang))
    st.markdown("> " + escape(quote))
    if section and url:
        st.caption(t("figure.quote_location", lang, section=escape(section), url=url))


def practical_facts(facts: Sequence[PracticalFact], lang: Language) -> None:
    """The page's costs-and-travel passages: a plain line each, with the place it names as a
    link, then the page's own words under one expander."""
    st.caption(t("practical.intro", lang))
    st.markdown(
        "\n".join(
            f"- {escape(fact.line)} [{escape(fact.place)}]({fact.url})"
            if fact.place
            else f"- {escape(fact.line)}"
            for fact in facts
        )
    )
    with st.expander(t("practical.quotes", lang), icon=":material/format_quote:"):
        for fact in facts:
            quote_block(fact.quote, lang)


def mission_context(context: MissionContext, lang: Language) -> None:
    """Why the mission is happening now: one line, and the page's sentences under it."""
    st.markdown(escape(context.line))
    with st.expander(t("practical.quotes", lang), icon=":material/format_quote:"):
        quote_block(" ".join(context.quotes), lang)


CHECK_BADGE_COLOURS = {"consistent": "green", "differs": "orange"}


def figure_check(check: dict, lang: Language) -> None:
    """What Statistics Canada's series say of a figure: verdict, value, basis, meaning."""
    st.markdown(f"**{t('figure.check_heading', lang)}**")
    if check["verdict"] == "not_comparable":
        st.markdown(escape(t("figure.not_checkable", lang, note=check["note"])))
        return
    st.markdown(
        escape(t(f"trade.verdict.{check['verdict']}", lang))
        + " · "
        + escape(t("figure.check_official", lang, official=check["official_text"]))
    )
    st.markdown(escape(check["note"]))
    st.caption(escape(t("figure.check_basis", lang, basis=check["basis"])))


def figure_metric(
    row: dict, lang: Language, inputs: list[dict], check: dict | None = None
) -> None:
    """A figure as a metric, its source one click away; a derived one marked and explained;
    and, where the trade statistics can check it, their verdict on it."""
    with st.container(border=True, height="stretch"):
        # The label, with the figure's year, as a caption above the value: st.metric cuts
        # long labels short, and a card copied without its year would mislead.
        st.caption(escape(formatting.figure_label(row, lang)))
        st.metric(
            escape(row["label"]), formatting.figure_value(row, lang), label_visibility="collapsed"
        )
        if row["is_derived"]:
            st.markdown(
                f":orange-badge[{t('figure.estimate_badge', lang)}]",
                help=t("figure.estimate_help", lang),
            )
        if check is not None and check["verdict"] in CHECK_BADGE_COLOURS:
            badge = t(
                f"figure.check_badge.{check['verdict']}", lang, official=check["official_text"]
            )
            colour = CHECK_BADGE_COLOURS[check["verdict"]]
            st.markdown(f":{colour}-badge[{escape(badge)}]", help=t("figure.check_help", lang))
            if len(check.get("readings", [])) > 1:  # both readings, not only the first
                st.caption(escape(formatting.check_readings(check["readings"], lang)))
        button = t("figure.formula_button" if row["is_derived"] else "figure.source_button", lang)
        with st.popover(button, key=f"source-{row['figure_id']}"):
            if row["is_derived"]:
                st.markdown(f"**{t('figure.formula_heading', lang)}**")
                st.markdown(escape(row["formula"]))
                st.markdown(f"**{t('figure.inputs_heading', lang)}**")
                for source_row in inputs:
                    shown = formatting.figure_value(source_row, lang)
                    st.markdown(f"{escape(source_row['label'])}: **{escape(shown)}**")
                    quote_block(
                        source_row["quote"], lang, source_row["section"], source_row["source_url"]
                    )
            else:
                quote_block(row["quote"], lang, row["section"], row["source_url"])
                if row["year"] is not None:
                    st.caption(t("figure.year", lang, year=int(row["year"])))
            if check is not None:
                figure_check(check, lang)


def figure_grid(
    rows: list[dict],
    lang: Language,
    inputs: dict[str, list[dict]],
    checks: dict[str, dict],
    columns: int = 3,
) -> None:
    """Figures as metrics, ``columns`` to a row, each with its check where there is one."""
    for start in range(0, len(rows), columns):
        cells = st.columns(columns)
        for cell, row in zip(cells, rows[start : start + columns], strict=False):
            with cell:
                figure_metric(
                    row, lang, inputs.get(row["figure_id"], []), checks.get(row["figure_id"])
                )


# A table longer than this sits under its chart, folded, rather than beside it.
TABLE_BESIDE_ROWS = 12
# Characters a row of a table can hold across a phone's screen (390 px): a table whose
# columns need more is stacked there, one block per row (PAGE_STYLE).
PHONE_ROW_CHARS = 40
# A column of long text wraps; counted at this many characters, it still needs the room.
WRAPPED_CELL_CHARS = 24


# Links and download buttons wrap their words on a narrow screen (Streamlit cuts them to one
# line, "90 · Optical, measuring, precision and m…"). A table too wide for a phone is
# stacked there (below Streamlit's own breakpoint, where columns stack too): each row a
# block, its heading first, then each value after its column's name (``data-label``). A
# long one is also folded there, under "The table (N rows)", while a desktop shows it whole;
# hidden, either copy is hidden from screen readers.
PAGE_STYLE = """<style>
[data-testid="stPageLink-NavLink"] span,
[data-testid="stDownloadButton"] button [data-testid="stMarkdownContainer"],
[data-testid="stDownloadButton"] button [data-testid="stMarkdownContainer"] p {
  white-space: normal; overflow: visible; text-overflow: clip;
}
.data-table { width: 100%; border-collapse: collapse; font-size: 0.875rem; margin-bottom: 1rem; }
.data-table th, .data-table td {
  border-bottom: 1px solid #e6e6e9; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word;
}
.data-table thead th { font-weight: 600; border-bottom-color: #c8c8cd; }
.data-table tbody th { font-weight: 400; }
.table-fold { display: none; }
.table-fold summary { cursor: pointer; padding: 0.6rem 0; }
.tariff-lines table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.tariff-lines th, .tariff-lines td {
  border-bottom: 1px solid #d9d9d9; padding: 0.3rem 0.4rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere;
}
@media (min-width: 641px) {
  /* Every chapter: Canada's nine columns and Mexico's demand beside them fit a desktop. */
  .st-key-data-table-chapters .data-table th, .st-key-data-table-chapters .data-table td {
    font-size: 0.75rem;
  }
}
@media (max-width: 640px) {
  .table-wide { display: none; }
  .table-fold { display: block; border: 1px solid #d9d9d9; border-radius: 0.5rem;
    padding: 0 0.75rem; margin-bottom: 1rem; }
  .data-table.stacks thead { display: none; }
  .data-table.stacks tr, .data-table.stacks th, .data-table.stacks td {
    display: block; border: none; padding: 0.1rem 0;
  }
  .data-table.stacks tr { border-bottom: 1px solid #e6e6e9; padding: 0.5rem 0; }
  .data-table.stacks tbody th { font-weight: 600; }
  .data-table.stacks td:empty { display: none; }
  .data-table.stacks td::before { content: attr(data-label) " "; }
  .tariff-lines thead { display: none; }
  .tariff-lines tr, .tariff-lines th, .tariff-lines td { display: block; border: none; }
  .tariff-lines tr { border-bottom: 1px solid #d9d9d9; padding: 0.4rem 0; }
  .tariff-lines td::before { content: attr(data-label) ": "; font-weight: 600; }
}
</style>"""


def row_chars(frame: pd.DataFrame) -> int:
    """The characters a row of ``frame`` needs across, its row headings included: each
    column as wide as its longest cell or heading, a long text counted as it wraps."""
    table = frame.reset_index()
    return sum(
        min(WRAPPED_CELL_CHARS, max(len(str(cell)) for cell in [column, *table[column]]))
        for column in table.columns
    )


def table_html(frame: pd.DataFrame, labels: list[str] | None = None) -> str:
    """``frame`` as an HTML table: the index's name and the columns as column headers, each
    row's heading as its row header, every cell escaped, a missing or blank value left empty.

    With ``labels`` (one per column: "Exports:"), the table stacks on a phone's screen
    (``PAGE_STYLE``), each value after its label.

    Written here rather than by ``st.table``, which sends a table as Arrow data that the
    browser must load a decoder for and lay out cell by cell in React: a page of tables drew
    0.1 to 0.2 s later (measured on /market and /market?hs=NN)."""

    def cell(value: object) -> str:
        if value is None or value is pd.NA or value != value or not str(value).strip():
            return ""
        return html.escape(str(value))

    head = "".join(
        f'<th scope="col">{html.escape(str(name))}</th>'
        for name in [frame.index.name or "", *frame.columns]
    )
    opening = (
        [f'<td data-label="{html.escape(label)}">' for label in labels]
        if labels
        else ["<td>"] * len(frame.columns)
    )
    rows = "".join(
        f'<tr><th scope="row">{cell(heading)}</th>'
        + "".join(
            f"{start}{cell(value)}</td>" for start, value in zip(opening, values, strict=True)
        )
        + "</tr>"
        for heading, values in zip(
            frame.index, frame.itertuples(index=False, name=None), strict=True
        )
    )
    kind = "data-table stacks" if labels else "data-table"
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def table_block(frame: pd.DataFrame, lang: Language, folded: bool = False) -> str:
    """The HTML of a table (``table``): as it is when it fits a phone (``row_chars``);
    else stacking there, one block per row; and when it has more than
    ``TABLE_BESIDE_ROWS`` rows (a screen each, stacked), a whole copy for wider screens
    and a stacked one folded, on a phone, under "The table (N rows)", unless the table is
    ``folded`` already (under an expander or a switch)."""
    if row_chars(frame) <= PHONE_ROW_CHARS:
        return table_html(frame)
    # "Exports:", "Exportations :"; the space after is the style's (an attribute's value
    # loses its trailing space on its way to the page).
    labels = [
        t("common.labelled", lang, label=str(column), value="").rstrip()
        for column in frame.columns
    ]
    if folded or len(frame) <= TABLE_BESIDE_ROWS:
        return table_html(frame, labels)
    summary = html.escape(t("common.table_expander", lang, count=len(frame)))
    return (
        f'<div class="table-wide">{table_html(frame)}</div>'
        f'<details class="table-fold"><summary>{summary}</summary>'
        f"{table_html(frame, labels)}</details>"
    )


def table(frame: pd.DataFrame, key: str, lang: Language, folded: bool = False) -> None:
    """A table (``table_block``), in a box keyed ``data-table-{key}``, by which tests and
    scripts find a table (never by its position on the page). The row headings are always
    shown: a table of years keeps its years.

    One element, whatever the screen: the phone's stacked rows are the same HTML, laid out
    by ``PAGE_STYLE``, rather than a second element for the browser to draw."""
    frame = frame.set_axis(frame.index.map(str), axis=0)
    with st.container(key=f"data-table-{key}"):
        st.html(table_block(frame, lang, folded))


def long_table(frame: pd.DataFrame, key: str, lang: Language) -> None:
    """A table (``table``), folded under an expander when it is too long to read past."""
    if len(frame) > TABLE_BESIDE_ROWS:
        with st.expander(t("common.table_expander", lang, count=len(frame))):
            table(frame, key, lang, folded=True)
    else:
        table(frame, key, lang)


def chart_block(chart: Chart, lang: Language, level: int = 3, table_width: int = 2) -> None:
    """A chart with its finding as heading, alt text, source caption, the same numbers in
    a real table beside it (or, when it is long, under it at the flick of a switch: a long
    table is sent only when asked for), and a CSV of exactly what it draws.

    ``level`` is the rank of the finding's heading (2 for ``##``), one below the section
    the chart sits in, so headings stay in order for screen readers.
    """
    st.markdown(f"{'#' * level} {escape(chart.title)}")  # ``level``: the heading's rank
    frame = chart.table()
    folded = len(frame) > TABLE_BESIDE_ROWS
    if chart.wide or folded:
        left, right = st.container(), st.container()
    else:
        left, right = st.columns([3, table_width], vertical_alignment="top")
    with left:
        st.plotly_chart(
            chart.drawn(),
            key=f"chart-{chart.chart_id}",
            # No Plotly toolbar: its buttons are English-only and extra tab stops; the
            # CSV is offered below and every chart's PNG is in the briefing page's zip.
            config={"displayModeBar": False, "responsive": True},
            theme=None,
            alt=chart.alt,
        )
    with right:
        # A long table is sent only when asked for: it is most of what a page sends.
        if not folded or st.toggle(t("chart.table_toggle", lang), key=f"table-{chart.chart_id}"):
            table(frame, chart.chart_id, lang, folded=folded)  # the switch folds it
        st.download_button(
            t("chart.download_csv", lang),
            data=chart.csv,
            on_click="ignore",
            file_name=t("files.chart", lang, chart_id=chart.chart_id),
            mime="text/csv",
            key=f"csv-{chart.chart_id}",
            icon=":material/download:",
        )
    credit_line(chart.caption)


def credit_line(text: str) -> None:
    """A source line, escaped: a caption, or ordinary text when it holds a web address (a
    link in a caption's faded text fails contrast, WCAG AA)."""
    if WEB_ADDRESS.search(text):
        st.markdown(escape(text))
    else:
        st.caption(escape(text))


def source_credit(source: SourceDocument, lang: Language) -> None:
    # Markdown, not a caption: a link in a caption's faded text fails contrast (WCAG AA).
    st.markdown(
        t("source.credit", lang, publisher=escape(source.publisher), title=escape(source.title))
        + f" [{escape(source.url)}]({source.url})"
    )


def opportunity_lists(groups: list[tuple[str, list[dict]]], lang: Language) -> None:
    """Opportunities side by side by kind, each list with its source sentences one click away."""
    if not groups:
        return
    columns = st.columns(min(len(groups), 3))
    for index, (label, items) in enumerate(groups):
        with columns[index % len(columns)]:
            st.markdown(f"**{escape(label)}**")
            st.markdown("\n".join(f"- {escape(item['item'])}" for item in items))
            with st.expander(t("sectors.where_page_says", lang)):
                for quote in dict.fromkeys(item["quote"] for item in items):
                    st.markdown("> " + escape(quote))


def sector_links(sectors: list[tuple[str, str]], lang: Language) -> None:
    """A link to each sector's view in the explorer, from (sector id, short name) pairs."""
    links = st.container(horizontal=True)
    for sector_id, short_name in sectors:
        links.page_link(
            "pages/sectors.py",
            label=t("sectors.open", lang, sector=short_name),
            query_params={"sector": sector_id, "lang": lang},
            icon=":material/arrow_forward:",
        )


def chapter_links(chapters: list[tuple[str, str]], lang: Language) -> None:
    """A link to each chapter's view on the trade page, from (hs2, name) pairs."""
    links = st.container(horizontal=True)
    for hs2, name in chapters:
        links.page_link(
            "pages/trade.py",
            label=name,
            query_params={"hs": hs2, "lang": lang},
            icon=":material/arrow_forward:",
        )


# After a submit with questions left blank: focus the first one's control, as soon as it
# is drawn, so keyboard and screen-reader users land on it. Constant; no data reaches it.
FOCUS_SCRIPTS = {
    "first_missing": """<script>
(() => {
  let tries = 0;
  const focusFirst = () => {
    const marker = document.querySelector('[class*="st-key-missing-"]');
    const holder = marker && marker.closest('[class*="st-key-ask-"]');
    const control = holder && holder.querySelector('input, [role="combobox"]');
    if (control) {
      control.focus();
      control.scrollIntoView({block: "center"});
    } else if (++tries < 120) {
      requestAnimationFrame(focusFirst);
    }
  };
  focusFirst();
})();
</script>""",
}


def focus_first_missing() -> None:
    """Move the keyboard focus to the first question marked as left blank."""
    st.html(FOCUS_SCRIPTS["first_missing"], unsafe_allow_javascript=True)
