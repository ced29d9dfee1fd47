"""The programme: when and where it runs, which sectors go where, and a map that works offline."""

import datetime as dt

import streamlit as st

from pages import ui
from trade_mission import charts, maps, queries, store, views
from trade_mission.i18n import t

lang = ui.language()
source = store.run(queries.source_document, lang)
mission = store.run(queries.mission, lang)
programme = store.run(queries.programme, lang)
sectors = store.run(queries.sectors, lang)
sector_cities = store.run(queries.sector_cities, None, lang)
clusters = store.run(queries.cluster_states, lang)

st.title(t("programme.title", lang))
status = views.mission_status_message(mission, dt.datetime.now(dt.UTC), lang)
getattr(st, status.kind)(status.text)

ui.chart_block(charts.programme_timeline(programme, source, lang), lang, level=2)

st.header(t("programme.matrix.title", lang))
st.table(
    views.sector_city_matrix(sectors, sector_cities, programme, lang).set_index(
        t("column.sector", lang)
    )
)

values = dict(states=ui.escape(", ".join(clusters["state_name"])))
ui.chart_block(
    maps.mexico_map(
        "programme_map",
        store.run(queries.states),
        clusters,
        programme,
        title=t("programme.map.title", lang, count=len(clusters)),
        alt=t("programme.map.alt", lang, **values),
        source=source,
        attributions=store.run(queries.attributions, lang),
        lang=lang,
    ),
    lang,
    level=2,
)

st.header(t("programme.activities", lang))
st.markdown(
    "\n".join(f"- {ui.escape(item)}" for item in store.run(queries.programme_activities, lang))
)
st.caption(t("programme.in_development", lang))
ui.source_credit(source, lang)
