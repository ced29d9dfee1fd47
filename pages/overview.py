"""Overview ("Why Mexico"): the mission at a glance and the country-wide figures."""

import datetime as dt

import streamlit as st

from pages import ui
from trade_mission import formatting, queries, store, views
from trade_mission.i18n import t

lang = ui.language()
mission = store.run(queries.mission, lang)
source = store.run(queries.source_document, lang)
programme = store.run(queries.programme, lang)
summary = store.run(queries.sector_summary, lang)
figures = store.run(queries.figures, queries.COUNTRY_FIGURES, lang)
inputs = store.run(queries.derived_figure_inputs, lang)

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
    ui.fact(t("overview.cities", lang), formatting.join(programme["city_name"].tolist(), lang))
with glance[2]:
    ui.fact(t("overview.sectors", lang), ", ".join(summary["short_name"]))
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
    st.table(views.programme_table(programme, lang).set_index(t("column.city", lang)))
with right:
    st.subheader(t("overview.sector_cities", lang))
    st.table(views.sector_cities_table(summary, lang).set_index(t("column.sector", lang)))
    ui.sector_links(summary, lang)

st.header(t("overview.why_mexico", lang))
st.markdown(t("overview.why_mexico_intro", lang))
ui.figure_grid(queries.records(figures), lang, inputs)
ui.chart_block(store.run(views.overview_chart, lang), lang, level=3)
ui.source_credit(source, lang)
