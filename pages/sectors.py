"""Sector explorer: one sector at a time (shareable as /sectors?sector=<id>), then all five."""

import streamlit as st

from pages import store, ui
from trade_mission.data import queries
from trade_mission.reports.status import mission_status_message
from trade_mission.text import formatting
from trade_mission.text.i18n import t
from trade_mission.views.market import sector_market
from trade_mission.views.sectors import sector_page

PICKER = "sector"


def remember_choice() -> None:
    """Keep the chosen sector in the address, so a copied link opens the same view."""
    st.query_params[PICKER] = st.session_state[PICKER]


lang = ui.language()
sectors = store.run(queries.sectors, lang)
sector_ids = sectors["sector_id"].tolist()
names = dict(zip(sectors["sector_id"], sectors["name"], strict=True))
short_names = dict(zip(sectors["sector_id"], sectors["short_name"], strict=True))

choice = ui.address_choice(PICKER, sector_ids, PICKER)

st.title(t("sectors.title", lang))
st.markdown(t("sectors.intro", lang))
ui.status(mission_status_message(store.run(queries.mission), ui.clock(), lang))
if choice.rejected:
    st.info(t("sectors.unknown", lang, sector=names[choice.value]), icon=":material/info:")
st.segmented_control(
    t("sectors.picker", lang),
    options=sector_ids,
    format_func=lambda sector_id: short_names[sector_id],
    required=True,
    key=PICKER,
    on_change=remember_choice,
)

page = store.run(sector_page, choice.value, lang)

st.header(page.name)
st.markdown(
    t("sectors.where", lang) + "\n" + "\n".join(f"- {ui.escape(line)}" for line in page.where)
)

st.subheader(t("sectors.figures", lang))
ui.figure_grid(page.figures, lang, page.inputs, page.checks)
for chart in page.charts:
    ui.chart_block(chart, lang, level=4)

st.subheader(t("sectors.trade_title", lang))
trade = page.trade
st.markdown(
    t(
        "sectors.trade_intro",
        lang,
        chapters=trade.chapters,
        year=trade.year,
        coverage=ui.escape(trade.coverage_text),
    )
)
st.info(ui.escape(trade.note), icon=":material/info:")
if trade.coverage == "proxy":
    st.markdown(t("sectors.trade_proxy", lang))
if trade.facts:
    cells = st.columns(len(trade.facts))
    for cell, fact in zip(cells, trade.facts, strict=True):
        with cell:
            ui.fact(fact.label, fact.value, help=fact.help)
for chart in trade.charts:
    ui.chart_block(chart, lang, level=4)
st.markdown(t("sectors.trade_leading", lang))
ui.chapter_links(trade.leading, lang)
st.markdown(f"**{t('sectors.trade_table', lang)}**")
if trade.shared_rationale:
    st.caption(t("sectors.trade_why_all", lang, why=ui.escape(trade.shared_rationale)))
ui.long_table(trade.table.set_index(trade.table.columns[0]), "chapters", lang)

st.subheader(t("sectors.market_title", lang))
market = store.run(sector_market, choice.value, lang)
st.markdown(f"**{ui.escape(market.as_of)}**")
st.markdown(t("sectors.market_intro", lang))
if market.market.coverage == "proxy":
    st.markdown(t("sectors.market_proxy", lang))
ui.table(market.market.table.set_index(market.market.table.columns[0]), "market", lang)
st.caption(t("mexico_market.formula.cagr_short", lang))
links = st.container(horizontal=True)
for hs2, name in market.chapters:
    links.page_link(
        "pages/market.py",
        label=t("sectors.market_link", lang, chapter=name),
        query_params={"hs": hs2, "lang": lang},
        icon=":material/arrow_forward:",
    )
ui.credit_line(market.attribution)

st.subheader(t("sectors.opportunities", lang))
ui.opportunity_lists(page.opportunities, lang)

if page.companies and page.companies_quote:
    st.subheader(t("sectors.companies", lang))
    role = t(f"sectors.company_role.{page.companies_role}", lang)
    st.markdown(role + " " + ui.escape(formatting.join(page.companies, lang)) + ".")
    ui.quote_block(page.companies_quote, lang)

st.divider()
st.header(t("sectors.compare", lang))
st.markdown(t("sectors.compare_intro", lang))
ui.chart_block(page.comparison, lang, level=3)
ui.table(page.comparison_table.set_index(t("column.sector", lang)), "comparison", lang)
st.caption(t("trade.meaning.growth_column", lang))
ui.sector_links(page.sector_links, lang)
ui.source_credit(page.source, lang)
