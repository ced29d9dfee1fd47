"""The programme: when and where it runs, which sectors go where, and a map that works offline."""

import streamlit as st

from pages import store, ui
from trade_mission.reports.status import mission_status_message
from trade_mission.text.i18n import t
from trade_mission.views.programme import programme_page

lang = ui.language()
page = store.run(programme_page, lang)

st.title(t("programme.title", lang))
ui.status(mission_status_message(page.mission, ui.clock(), lang))

ui.chart_block(page.timeline, lang, level=2)

st.header(t("programme.matrix.title", lang))
ui.table(page.matrix.set_index(t("column.sector", lang)), "sector-cities", lang)

ui.chart_block(page.map, lang, level=2)

st.header(t("programme.activities", lang))
st.markdown("\n".join(f"- {ui.escape(item)}" for item in page.activities))
st.caption(t("programme.in_development", lang))
ui.source_credit(page.source, lang)
