"""Sector explorer: one sector at a time (shareable as /sectors?sector=<id>), then all five."""

import streamlit as st

from pages import store, ui
from trade_mission.data import queries
from trade_mission.text import formatting
from trade_mission.text.i18n import t
from trade_mission.views.choices import choose
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

choice = choose(st.query_params.get_all(PICKER), sector_ids, st.session_state.get(PICKER))
st.session_state[PICKER] = choice.value
st.query_params[PICKER] = choice.value

st.title(t("sectors.title", lang))
st.markdown(t("sectors.intro", lang))
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

st.subheader(t("sectors.opportunities", lang))
ui.opportunity_lists(page.opportunities, lang)

if page.companies and page.companies_quote:
    st.subheader(t("sectors.companies", lang))
    role = t(f"sectors.company_role.{page.companies_role}", lang)
    st.markdown(role + " " + ui.escape(formatting.join(page.companies, lang)) + ".")
    ui.quote_block(page.companies_quote, None, lang)

st.divider()
st.header(t("sectors.compare", lang))
ui.chart_block(page.comparison, lang, level=3)
st.table(page.comparison_table.set_index(t("column.sector", lang)))
ui.sector_links(page.sector_links, lang)
ui.source_credit(page.source, lang)
