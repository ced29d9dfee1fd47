"""Trade with Mexico: Statistics Canada's series, shareable by address.

``/trade`` is the latest months (the monthly table), ``/trade?view=overview`` the annual
statistics since 1990, ``/trade?view=chapters`` every chapter, ``/trade?hs=87`` one
chapter, ``/trade?province=QC`` the provinces. An address the page does not know gets a
notice and the nearest view that it does.
"""

import streamlit as st

from pages import store, ui
from trade_mission.text.i18n import t
from trade_mission.views.choices import choose
from trade_mission.views.latest_months import freshness, latest_months_view
from trade_mission.views.trade import (
    SORT_COLUMNS,
    TRADE_VIEWS,
    annual_freshness,
    chapter_table,
    chapter_view,
    provinces_view,
    trade_index,
    trade_overview,
)

VIEW, CHAPTER, PROVINCE, SECTOR = "trade-view", "trade-hs", "trade-province", "trade-sector"
SORT, DESCENDING = "trade-sort", "trade-descending"


def remember_view() -> None:
    """Put the chosen view in the address: a chapter or province view carries its choice."""
    view = st.session_state[VIEW]
    st.query_params.clear()
    st.query_params["lang"] = lang
    if view in ("chapters", "overview"):
        st.query_params["view"] = view
    elif view == "chapter":
        st.query_params["hs"] = st.session_state.get(CHAPTER) or index.default_chapter
    elif view == "provinces":
        st.query_params["province"] = st.session_state.get(PROVINCE) or index.default_origin


def remember(parameter: str, key: str) -> None:
    st.query_params[parameter] = st.session_state[key]


def annual_notice() -> None:
    """Where annual figures are shown: how old they are, once a newer year is out."""
    notice = annual_freshness(index.latest_year, index.exported, ui.clock(), lang)
    if notice is not None:
        ui.status(notice)


lang = ui.language()
index = store.run(trade_index, lang)
params = st.query_params
requested_view = params.get_all("view")
if params.get_all("hs"):
    view = choose(["chapter"], TRADE_VIEWS)
elif params.get_all("province"):
    view = choose(["provinces"], TRADE_VIEWS)
else:
    view = choose(requested_view, TRADE_VIEWS)
st.session_state[VIEW] = view.value

st.title(t("trade.title", lang))
st.markdown(t("trade.intro", lang))
st.info(t("trade.units", lang), icon=":material/payments:")
if view.rejected:
    st.info(t("trade.unknown_view", lang), icon=":material/info:")
st.segmented_control(
    t("trade.view", lang),
    options=list(TRADE_VIEWS),
    format_func=lambda name: t(f"trade.views.{name}", lang),
    required=True,
    key=VIEW,
    on_change=remember_view,
)

if view.value == "latest":
    latest = store.run(latest_months_view, lang)
    notice = freshness(latest.latest, ui.clock(), lang)
    # Once a newer release is probably out, these are no longer called the latest months.
    st.header(t("monthly.title", lang) if notice is None else latest.stale_heading)
    st.markdown(f"**{ui.escape(latest.as_of)}**")
    if latest.flagged:
        st.markdown(ui.escape(latest.flagged))
    if notice is not None:
        ui.status(notice)
    st.markdown(t("monthly.intro", lang))
    st.info(t("monthly.not_adjusted", lang), icon=":material/calendar_month:")
    st.subheader(ui.escape(latest.headline))
    for cell, period_fact in zip(st.columns(len(latest.facts)), latest.facts, strict=True):
        with cell:
            ui.fact(period_fact.label, period_fact.value, period_fact.comparison)
    ui.chart_block(latest.months_chart, lang, level=3)
    st.markdown(ui.escape(latest.since_mission))
    st.subheader(t("monthly.table_heading", lang))
    for number, (cell, table) in enumerate(
        zip(st.columns(len(latest.tables)), latest.tables, strict=True)
    ):
        with cell:
            ui.table(table.set_index(table.columns[0]), f"monthly-{number}", lang)
    st.caption(t("monthly.change.explanation", lang))
    st.download_button(
        t("monthly.download_table", lang),
        data=latest.csv,
        file_name=t("files.monthly_periods", lang),
        mime="text/csv",
        icon=":material/download:",
        key="monthly-periods-csv",
        on_click="ignore",
    )
    st.subheader(t("monthly.shares_heading", lang))
    ui.table(latest.shares_table.set_index(latest.shares_table.columns[0]), "shares", lang)
    # The chart of every year is drawn when asked for: a second chart on the first view
    # would make it slower to draw than the dashboard allows.
    if st.toggle(t("monthly.shares_toggle", lang), key="monthly-shares-chart"):
        ui.chart_block(latest.shares_chart, lang, level=4)
    st.markdown(ui.escape(latest.revisions))
    st.page_link(
        "pages/sources.py",
        label=t("nav.sources", lang),
        query_params={"lang": lang},
        icon=":material/arrow_forward:",
    )
    ui.credit_line(t("trade.attribution", lang, attribution=latest.attribution))

elif view.value == "overview":
    st.caption(t("monthly.annual_note", lang))
    annual_notice()
    overview = store.run(trade_overview, lang)
    ui.chart_block(overview.two_way, lang, level=2)
    st.header(t("trade.checks_title", lang))
    st.markdown(t("trade.checks_intro", lang))
    ui.table(overview.checks.set_index(overview.checks.columns[0]), "checks", lang)
    ui.chart_block(overview.ranking, lang, level=2)
    st.page_link(
        "pages/trade.py",
        label=t("trade.chapters_link", lang),
        query_params={"view": "chapters", "lang": lang},
        icon=":material/arrow_forward:",
    )

elif view.value == "chapters":
    st.caption(t("monthly.annual_note", lang))
    annual_notice()
    st.header(t("trade.chapters_title", lang))
    controls = st.columns([2, 2, 1], vertical_alignment="bottom")
    sector = controls[0].selectbox(
        t("trade.sector_filter", lang),
        options=[None, *index.sectors],
        format_func=lambda sector_id: (
            index.sectors.get(sector_id) or t("trade.all_chapters", lang)
        ),
        key=SECTOR,
    )
    sort = controls[1].selectbox(
        t("trade.sort_by", lang),
        options=list(SORT_COLUMNS),
        format_func=lambda key: t(f"trade.sort.{key}", lang),
        key=SORT,
    )
    descending = controls[2].checkbox(
        t("trade.descending", lang), value=sort != "chapter", key=DESCENDING
    )
    table = store.run(chapter_table, sector, sort, descending, lang)
    st.markdown(t("trade.chapters_intro", lang, year=table.year))
    with st.expander(t("trade.benchmark_title", lang)):
        st.markdown(
            t(
                "trade.benchmark_text",
                lang,
                share=table.mexico_share_of_all_exports,
                year=table.year,
            )
        )
        st.caption(t("trade.benchmark_formula", lang))
    st.caption(t("trade.table_count", lang, shown=len(table.table)))
    ui.table(table.table.set_index(table.table.columns[0]), "chapters", lang)
    st.caption(t("trade.meaning.table", lang))
    st.download_button(
        t("trade.download_table", lang),
        data=table.csv,
        file_name=t("files.chapters", lang, year=table.year),
        mime="text/csv",
        icon=":material/download:",
        key="trade-table-csv",
        on_click="ignore",
    )

elif view.value == "chapter":
    chapters = list(index.chapters)
    choice = ui.address_choice("hs", chapters, CHAPTER, index.default_chapter)
    if choice.rejected:
        st.info(
            t("trade.unknown_chapter", lang, chapter=index.chapters[choice.value]),
            icon=":material/info:",
        )
    st.selectbox(
        t("trade.chapter_picker", lang),
        options=chapters,
        format_func=lambda hs2: index.chapters[hs2],
        key=CHAPTER,
        on_change=remember,
        args=("hs", CHAPTER),
    )
    chapter = store.run(chapter_view, choice.value, lang)
    st.caption(t("monthly.annual_note", lang))
    annual_notice()
    st.header(t("trade.chapter_title", lang, chapter=chapter.name))
    st.subheader(t("trade.chapter_facts", lang, year=chapter.year))
    for start in range(0, len(chapter.facts), 4):
        cells = st.columns(4)
        for cell, fact in zip(cells, chapter.facts[start : start + 4], strict=False):
            with cell:
                ui.fact(fact.label, fact.value, help=fact.help)
    st.subheader(t("trade.chapter_sectors", lang))
    if chapter.sectors:
        for link in chapter.sectors:
            st.markdown(
                t(
                    "trade.chapter_sector_line",
                    lang,
                    sector=ui.escape(link.name),
                    coverage=ui.escape(link.coverage),
                    why=ui.escape(link.rationale),
                )
            )
        ui.sector_links([(link.sector_id, link.name) for link in chapter.sectors], lang)
    else:
        st.markdown(t("trade.chapter_no_sector", lang))
    ui.chart_block(chapter.trade_chart, lang, level=2)
    ui.chart_block(chapter.markets_chart, lang, level=2)
    with st.expander(t("trade.chapter_rank_table", lang)):
        ui.table(chapter.ranks.set_index(chapter.ranks.columns[0]), "ranks", lang, folded=True)

else:
    origins = list(index.origins)
    choice = ui.address_choice("province", origins, PROVINCE, index.default_origin)
    if choice.rejected:
        st.info(
            t("trade.unknown_province", lang, province=index.origins[choice.value]),
            icon=":material/info:",
        )
    provinces = store.run(provinces_view, choice.value, lang)
    st.caption(t("monthly.annual_note", lang))
    annual_notice()
    st.header(t("trade.provinces_title", lang))
    ui.chart_block(provinces.all_provinces, lang, level=3)
    st.header(t("trade.province_trend", lang))
    st.selectbox(
        t("trade.province_picker", lang),
        options=origins,
        format_func=lambda code: index.origins[code],
        key=PROVINCE,
        on_change=remember,
        args=("province", PROVINCE),
    )
    if provinces.facts:
        st.markdown(ui.escape(provinces.facts))
    ui.chart_block(provinces.trend, lang, level=3)

if view.value != "latest":  # the annual statistics' credit; the latest months carry theirs
    st.caption(t("trade.attribution", lang, attribution=ui.escape(index.attribution)))
