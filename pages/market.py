"""Mexico's market: what Mexico buys from the world, how fast, how it arrives and what a
supplier pays at its border, from Mexico's own records. ``/market`` is the overview,
``/market?hs=NN`` one chapter; both offer the search of headings and tariff lines.
"""

import streamlit as st

from pages import store, ui
from trade_mission.text.i18n import t
from trade_mission.views.market import (
    SEARCH_MAX_CHARS,
    freshness,
    market_chapter,
    market_index,
    market_overview,
    market_search,
    search_index,
)

CHAPTER, SEARCH = "market-hs", "market-search"


def remember_chapter() -> None:
    st.query_params["hs"] = st.session_state[CHAPTER]


def show_facts(items) -> None:
    for start in range(0, len(items), 3):
        for cell, item in zip(st.columns(3), items[start : start + 3], strict=False):
            with cell:
                ui.fact(item.label, item.value, item.comparison, help=item.help)


lang = ui.language()
index = store.run(market_index, lang)
chapters = list(index.chapters)
# The overview keeps its address bare; a chapter's view carries ?hs=, and an unknown one
# gets a notice and the default chapter's view.
one_chapter = bool(st.query_params.get_all("hs"))
if one_chapter:
    choice = ui.address_choice("hs", chapters, CHAPTER, index.default_chapter)
elif st.session_state.get(CHAPTER) not in index.chapters:
    st.session_state[CHAPTER] = index.default_chapter

# Streamlit fetches a chart's drawing code only when the chart's element arrives, and
# the overview's chart sits at its foot, after a hundred elements. So the overview's parts
# take their places first, in reading order, and the one with the chart is filled first:
# its code is asked for sooner (measured: 0.1 to 0.15 s less of the browser's work before
# the page is drawn). A chapter's chart is near the top of its page already.
head = st.container()
if not one_chapter:
    imports_box, sectors_box, border_box = (st.container() for _ in range(3))
    overview = store.run(market_overview, lang)
    with border_box:
        st.header(t("mexico_market.border_title", lang))
        st.markdown(t("mexico_market.border_intro", lang))
        show_facts(overview.border_facts)
        ui.chart_block(overview.border_chart, lang, level=3)
        st.caption(t("mexico_market.border_caveat", lang))

with head:
    st.title(t("mexico_market.title", lang))
    st.markdown(f"**{ui.escape(index.as_of)}**")
    notice = freshness(index.periods, ui.clock(), lang)
    if notice is not None:
        ui.status(notice)
    st.markdown(t("mexico_market.intro", lang))
    st.info(t("mexico_market.units", lang), icon=":material/payments:")

    # The search: headings, subheadings and tariff lines by words or code.
    query = st.text_input(
        t("mexico_market.search.label", lang),
        key=SEARCH,
        placeholder=t("mexico_market.search.placeholder", lang),
    )
    if query.strip():
        result = market_search(store.run(search_index), query, lang)
        if result.truncated:
            st.info(
                t("mexico_market.search.truncated", lang, count=SEARCH_MAX_CHARS),
                icon=":material/info:",
            )
        if not result.hits:
            st.markdown(t("mexico_market.search.none", lang, query=ui.escape(query.strip())))
        for hit in result.hits:
            rate = t("mexico_market.search.rate", lang, rate=hit.rate) if hit.rate else ""
            st.markdown(
                t(
                    f"mexico_market.search.{hit.level}",
                    lang,
                    code=hit.code,
                    text=ui.escape(hit.text),
                    rate=ui.escape(rate),
                )
            )
            st.page_link(
                "pages/market.py",
                label=t(
                    "mexico_market.search.open",
                    lang,
                    chapter=index.chapters.get(hit.chapter, hit.chapter),
                ),
                query_params={"hs": hit.chapter, "lang": lang},
                icon=":material/arrow_forward:",
            )
        if result.more:
            st.caption(t("mexico_market.search.more", lang, count=result.more))

    if one_chapter and choice.rejected:
        st.info(
            t("mexico_market.unknown_chapter", lang, chapter=index.chapters[choice.value]),
            icon=":material/info:",
        )

if not one_chapter:
    with imports_box:
        st.header(t("mexico_market.imports_title", lang))
        show_facts(overview.facts)
        st.caption(t("mexico_market.no_partners", lang))
    with sectors_box:
        st.header(t("mexico_market.sectors_title", lang))
        st.markdown(t("mexico_market.sectors_intro", lang))
        for sector in overview.sectors:
            st.subheader(ui.escape(sector.name))
            if sector.coverage == "proxy":
                st.warning(ui.escape(sector.note), icon=":material/warning:")
            else:
                st.markdown(ui.escape(sector.note))
            ui.table(
                sector.table.set_index(sector.table.columns[0]),
                f"market-{sector.sector_id}",
                lang,
            )
        st.caption(t("mexico_market.formula.cagr_short", lang))
    st.header(t("mexico_market.chapter_pick_title", lang))

st.selectbox(
    t("mexico_market.chapter_picker", lang),
    options=chapters,
    format_func=lambda hs2: index.chapters[hs2],
    key=CHAPTER,
    on_change=remember_chapter,
)

if one_chapter:
    chapter = store.run(market_chapter, choice.value, lang)
    st.header(t("mexico_market.chapter_title", lang, chapter=chapter.name))
    show_facts(chapter.facts)
    if chapter.sectors:
        st.markdown(
            t(
                "mexico_market.chapter_sectors",
                lang,
                sectors=", ".join(name for _, name in chapter.sectors),
            )
        )
        ui.sector_links(chapter.sectors, lang)
    ui.chart_block(chapter.months_chart, lang, level=3)
    # How the goods arrive: five numbers, a table (a second chart would double the time
    # the page takes to draw).
    st.markdown(f"### {ui.escape(chapter.modes_chart.title)}")
    ui.table(chapter.modes_chart.table(), "market-modes", lang)
    ui.credit_line(chapter.modes_chart.caption)

    st.subheader(t("mexico_market.canada_title", lang))
    if chapter.canada is not None:
        st.markdown(
            t(
                "mexico_market.canada_side",
                lang,
                year=chapter.canada.year,
                exports=chapter.canada.exports,
                rank=chapter.canada.rank,
            )
        )
        ui.credit_line(t("trade.attribution", lang, attribution=chapter.canada.attribution))
    st.markdown(t("mexico_market.two_records", lang))
    st.page_link(
        "pages/trade.py",
        label=t("mexico_market.open_trade", lang, chapter=chapter.name),
        query_params={"hs": chapter.hs2, "lang": lang},
        icon=":material/arrow_forward:",
    )

    st.subheader(t("mexico_market.tariff_title", lang))
    st.markdown(t("mexico_market.tariff_intro", lang))
    show_facts(chapter.tariff_facts)
    st.markdown(t("mexico_market.canada_rate", lang))
    if chapter.has_exclusion:
        st.warning(t("mexico_market.exclusion", lang), icon=":material/warning:")
    ui.table(chapter.headings.set_index(chapter.headings.columns[0]), "market-headings", lang)
    # Sent only when asked for: every line of a large chapter is most of what the page
    # would send.
    if st.toggle(
        t("mexico_market.lines_expander", lang, count=chapter.headings.shape[0]),
        key="market-lines",
    ):
        st.html(chapter.lines_html)
    st.download_button(
        t("mexico_market.download_lines", lang),
        data=chapter.lines_csv,
        file_name=t("files.tariff_lines", lang, chapter=chapter.hs2),
        mime="text/csv",
        icon=":material/download:",
        key="market-lines-csv",
        on_click="ignore",
    )
    ui.credit_line(index.attribution["mexico_tariff"])
    ui.credit_line(index.attribution["hs_names"])
    st.page_link(
        "pages/market.py",
        label=t("mexico_market.back_to_overview", lang),
        query_params={"lang": lang},
        icon=":material/arrow_back:",
    )

ui.credit_line(index.attribution["mexico_trade"])
