"""Briefing pack: a sourced slide deck in one click, and every chart as PNG and CSV.

The downloads are built when clicked (a deferred download): the button shows a spinner
while the deck is made, then the browser saves it, so one click gives the file. A few are
built at once server-wide (``store.built_in_turn``); a click beyond waits its turn.
"""

import functools

import streamlit as st

from pages import store, ui
from trade_mission.data import queries
from trade_mission.reports import deck
from trade_mission.reports.chart_pack import charts_zip
from trade_mission.reports.images import chromium_path
from trade_mission.text.i18n import LANGUAGES, t
from trade_mission.views.briefing import load_briefing_data

lang = ui.language()
sectors = store.run(queries.sectors, lang)
short_names = dict(zip(sectors["sector_id"], sectors["short_name"], strict=True))

st.title(t("briefing.title", lang))
st.markdown(t("briefing.intro", lang))

chosen = st.multiselect(
    t("briefing.sectors", lang),
    options=sectors["sector_id"].tolist(),
    default=sectors["sector_id"].tolist(),
    format_func=lambda sector_id: short_names[sector_id],
    key="briefing-sectors",
)
with_programme = st.checkbox(t("briefing.programme", lang), value=True, key="briefing-programme")
with_eligibility = st.checkbox(
    t("briefing.eligibility", lang), value=True, key="briefing-eligibility"
)
with_trade = st.checkbox(t("briefing.trade", lang), value=True, key="briefing-trade")
deck_lang = st.radio(
    t("briefing.language", lang),
    options=list(LANGUAGES),
    index=LANGUAGES.index(lang),
    format_func=lambda code: t(f"language.{code}", lang),
    horizontal=True,
    key="briefing-language",
)
options = deck.BriefingOptions(
    tuple(chosen), with_programme, with_eligibility, deck_lang, with_trade
)
deck_data = store.run(load_briefing_data, deck_lang)
st.caption(t("briefing.slides_planned", lang, slides=deck.planned_slides(deck_data, options)))
if not chosen:
    st.warning(t("briefing.no_sectors", lang))
st.download_button(
    t("briefing.download", lang),
    data=functools.partial(
        store.built_in_turn, deck.build_deck, deck_data, options, ui.clock().date()
    ),
    file_name=deck.deck_file_name(options, deck_data.short_names) if chosen else "deck.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/slideshow:",
    key="briefing-download",
    on_click="ignore",
    type="primary",
    disabled=not chosen,
)
st.caption(t("briefing.download_help", lang))
if chromium_path() is None:
    st.info(t("briefing.images_missing", lang))

st.header(t("briefing.zip_title", lang))
st.markdown(t("briefing.zip_intro", lang))
page_data = store.run(load_briefing_data, lang)
st.download_button(
    t("briefing.zip_download", lang),
    data=functools.partial(
        store.built_in_turn, charts_zip, page_data.all_charts(), page_data.source, lang
    ),
    file_name=t("files.charts_zip", lang),
    mime="application/zip",
    icon=":material/folder_zip:",
    key="briefing-zip-download",
    on_click="ignore",
)
