"""The programme: when and where it runs, which sectors go where, and a map that works offline."""

import datetime as dt

import streamlit as st

from pages import ui
from trade_mission import queries, store, views
from trade_mission.i18n import t

lang = ui.language()
source = store.run(queries.source_document, lang)
mission = store.run(queries.mission, lang)
programme = store.run(queries.programme, lang)
sectors = store.run(queries.sectors, lang)
sector_cities = store.run(queries.sector_cities, None, lang)

st.title(t("programme.title", lang))
status = views.mission_status_message(mission, dt.datetime.now(dt.UTC), lang)
getattr(st, status.kind)(status.text)

timeline, atlas = store.run(views.programme_charts, lang)
ui.chart_block(timeline, lang, level=2)

st.header(t("programme.matrix.title", lang))
st.table(
    views.sector_city_matrix(sectors, sector_cities, programme, lang).set_index(
        t("column.sector", lang)
    )
)

ui.chart_block(atlas, lang, level=2)

st.header(t("programme.activities", lang))
st.markdown(
    "\n".join(f"- {ui.escape(item)}" for item in store.run(queries.programme_activities, lang))
)
st.caption(t("programme.in_development", lang))
ui.source_credit(source, lang)
