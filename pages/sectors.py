"""Sector explorer: one sector at a time (shareable as /sectors?sector=<id>), then all five."""

import streamlit as st

from pages import ui
from trade_mission import formatting, queries, store, views
from trade_mission.i18n import t

PICKER = "sector"


def remember_choice() -> None:
    """Keep the chosen sector in the address, so a copied link opens the same view."""
    st.query_params[PICKER] = st.session_state[PICKER]


lang = ui.language()
sectors = store.run(queries.sectors, lang)
sector_ids = sectors["sector_id"].tolist()
names = dict(zip(sectors["sector_id"], sectors["name"], strict=True))
short_names = dict(zip(sectors["sector_id"], sectors["short_name"], strict=True))

choice = views.choose(st.query_params.get_all(PICKER), sector_ids, st.session_state.get(PICKER))
st.session_state[PICKER] = choice.value
st.query_params[PICKER] = choice.value

st.title(t("sectors.title", lang))
st.markdown(t("sectors.intro", lang))
if choice.rejected:
    st.info(t("sectors.unknown", lang, sector=names[choice.value]), icon=":material/info:")
st.segmented_control(
    t("sectors.picker", lang),
    options=sector_ids,
    format_func=short_names.get,
    required=True,
    key=PICKER,
    on_change=remember_choice,
)

sector_id = choice.value
source = store.run(queries.source_document, lang)
figures = store.run(queries.figures, sector_id, lang)
programme = store.run(queries.programme, lang)
cities = store.run(queries.sector_cities, sector_id, lang)

st.header(names[sector_id])
where = views.sector_programme_lines(tuple(cities["city"]), programme, lang)
st.markdown(t("sectors.where", lang) + "\n" + "\n".join(f"- {ui.escape(line)}" for line in where))

st.subheader(t("sectors.figures", lang))
ui.figure_grid(queries.records(figures), lang, store.run(queries.derived_figure_inputs, lang))
for chart in store.run(views.sector_charts_for, sector_id, lang):
    ui.chart_block(chart, lang, level=4)

st.subheader(t("sectors.opportunities", lang))
ui.opportunity_groups(
    views.opportunity_groups(store.run(queries.opportunities, sector_id, lang), lang), lang
)

companies = store.run(queries.companies, sector_id)
if len(companies):
    st.subheader(t("sectors.companies", lang))
    role = t(f"sectors.company_role.{companies['role'].iloc[0]}", lang)
    st.markdown(role + " " + ui.escape(formatting.join(companies["company"].tolist(), lang)) + ".")
    ui.quote_block(companies["quote"].iloc[0], None, lang)

st.divider()
st.header(t("sectors.compare", lang))
summary = store.run(queries.sector_summary, lang)
ui.chart_block(
    store.run(views.comparison_chart, lang),
    lang,
    level=3,
)
st.table(views.comparison_table(summary, lang).set_index(t("column.sector", lang)))
ui.sector_links(sectors, lang)
ui.source_credit(source, lang)
