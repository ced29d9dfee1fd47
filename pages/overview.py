"""Overview ("Why Mexico"): the mission at a glance, why now, what taking part costs, and
the country-wide figures."""

import streamlit as st

from pages import store, ui
from trade_mission.reports.status import mission_status_message
from trade_mission.text import formatting
from trade_mission.text.i18n import t
from trade_mission.views.overview import overview_page

lang = ui.language()
page = store.run(overview_page, lang)
mission = page.mission

st.title(t("overview.title", lang))
st.markdown(t("overview.lead", lang, lead=ui.escape(mission.lead)))
ui.status(mission_status_message(mission, ui.clock(), lang))

st.header(t("overview.glance", lang))
glance = st.columns(4)
with glance[0]:
    ui.fact(
        t("overview.dates", lang),
        formatting.date_range(mission.start_date, mission.end_date, lang),
    )
with glance[1]:
    ui.fact(t("overview.cities", lang), formatting.join(page.city_names, lang))
with glance[2]:
    ui.fact(t("overview.sectors", lang), ", ".join(page.sector_names))
with glance[3]:
    ui.fact(
        t("overview.deadline", lang),
        formatting.deadline(
            mission.registration_deadline_utc, mission.registration_time_zone, lang
        ),
    )
left, right = st.columns(2)
with left:
    st.subheader(t("overview.programme", lang))
    ui.table(page.programme_table.set_index(t("column.city", lang)), "programme", lang)
with right:
    st.subheader(t("overview.sector_cities", lang))
    ui.table(page.sector_table.set_index(t("column.sector", lang)), "sector-cities", lang)
    ui.sector_links(page.sector_links, lang)

st.subheader(t("practical.context_heading", lang))
ui.mission_context(page.context, lang)
st.subheader(t("practical.heading", lang))
ui.practical_facts(page.practical, lang)

st.header(t("overview.why_mexico", lang))
st.markdown(t("overview.why_mexico_intro", lang))
ui.figure_grid(page.figures, lang, page.inputs, page.checks)
for chart in page.charts:
    ui.chart_block(chart, lang, level=3)
ui.source_credit(page.source, lang)
