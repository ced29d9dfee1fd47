"""Briefing pack: a sourced slide deck in one click, and every chart as PNG and CSV."""

import streamlit as st

from pages import ui
from trade_mission import briefing, queries, store
from trade_mission.i18n import LANGUAGES, t

DECK_KEY = "briefing-deck"
ZIP_KEY = "briefing-zip"

lang = ui.language()
sectors = store.run(queries.sectors)
short_names = dict(zip(sectors["sector_id"], sectors["short_name"], strict=True))
data = store.run(briefing.load_briefing_data)

st.title(t("briefing.title", lang))
st.markdown(t("briefing.intro", lang))

with st.form("briefing-options", enter_to_submit=False):
    chosen = st.multiselect(
        t("briefing.sectors", lang),
        options=sectors["sector_id"].tolist(),
        default=sectors["sector_id"].tolist(),
        format_func=short_names.get,
        key="briefing-sectors",
    )
    with_programme = st.checkbox(
        t("briefing.programme", lang), value=True, key="briefing-programme"
    )
    with_eligibility = st.checkbox(
        t("briefing.eligibility", lang), value=True, key="briefing-eligibility"
    )
    deck_lang = st.radio(
        t("briefing.language", lang),
        options=list(LANGUAGES),
        index=LANGUAGES.index(lang),
        format_func=lambda code: t(f"language.{code}", lang),
        horizontal=True,
        key="briefing-language",
    )
    submitted = st.form_submit_button(
        t("briefing.build", lang), type="primary", key="briefing-build"
    )

if submitted:
    if not chosen:
        st.warning(t("briefing.no_sectors", lang))
    else:
        options = briefing.BriefingOptions(
            tuple(chosen), with_programme, with_eligibility, deck_lang
        )
        bar = st.progress(0.0, text=t("briefing.building", lang))
        deck = briefing.build_deck(
            data, options, progress=lambda fraction, message: bar.progress(fraction, text=message)
        )
        bar.empty()
        st.session_state[DECK_KEY] = (deck, briefing.slide_count(deck), options)

if DECK_KEY in st.session_state:
    deck, slides, options = st.session_state[DECK_KEY]
    st.success(t("briefing.built", lang, slides=slides))
    st.download_button(
        t("briefing.download", lang),
        data=deck,
        file_name=briefing.deck_file_name(options),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/slideshow:",
        key="briefing-download",
        on_click="ignore",
        type="primary",
    )
    if not briefing.has_images(deck):
        st.info(t("briefing.images_missing", lang))

st.header(t("briefing.zip_title", lang))
st.markdown(t("briefing.zip_intro", lang))
if st.button(
    t("briefing.zip_build", lang), key="briefing-zip-build", icon=":material/folder_zip:"
):
    with st.spinner(t("briefing.building", lang)):
        st.session_state[ZIP_KEY] = briefing.charts_zip(data, lang)
if ZIP_KEY in st.session_state:
    st.download_button(
        t("briefing.zip_download", lang),
        data=st.session_state[ZIP_KEY],
        file_name="trade-mission-charts.zip",
        mime="application/zip",
        icon=":material/download:",
        key="briefing-zip-download",
        on_click="ignore",
    )
