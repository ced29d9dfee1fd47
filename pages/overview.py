"""Overview ("Why Mexico"): the mission at a glance and the country-wide figures."""

import datetime as dt

import streamlit as st

from pages import ui
from trade_mission import formatting, store, views
from trade_mission.i18n import t

lang = ui.language()
page = store.run(views.overview_page, lang)
mission = page.mission

st.title(t("overview.title", lang))
st.markdown(t("overview.lead", lang, lead=ui.escape(mission.lead)))
status = views.mission_status_message(mission, dt.datetime.now(dt.UTC), lang)
getattr(st, status.kind)(status.text)

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
    st.table(page.programme_table.set_index(t("column.city", lang)))
with right:
    st.subheader(t("overview.sector_cities", lang))
    st.table(page.sector_table.set_index(t("column.sector", lang)))
    ui.sector_links(page.sector_links, lang)

st.header(t("overview.why_mexico", lang))
st.markdown(t("overview.why_mexico_intro", lang))
ui.figure_grid(page.figures, lang, page.inputs)
ui.chart_block(page.chart, lang, level=3)
ui.source_credit(page.source, lang)
