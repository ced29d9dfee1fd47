"""The dashboard's entry point: page set-up, language, database check and navigation.

A router only: each page's content lives in ``pages/``. Run with ``make run``.
"""

import streamlit as st

from pages import store, ui
from trade_mission import paths
from trade_mission.text import i18n
from trade_mission.text.i18n import t

LANGUAGE_PARAMETER = "lang"
LANGUAGE_SWITCH = "language-switch"


def switch_language() -> None:
    """The sidebar switch: remember the choice and put it in the address."""
    chosen = st.session_state[LANGUAGE_SWITCH]
    st.session_state[ui.LANGUAGE_KEY] = chosen
    st.query_params[LANGUAGE_PARAMETER] = chosen


choice = i18n.choose_language(
    st.query_params.get_all(LANGUAGE_PARAMETER),
    st.session_state.get(ui.LANGUAGE_KEY),
    st.context.locale,
)
lang = choice.lang
st.session_state[ui.LANGUAGE_KEY] = lang
st.query_params[LANGUAGE_PARAMETER] = lang  # kept across pages, so a link keeps its language

st.set_page_config(
    page_title=t("app.page_title", lang),
    # A local file: an icon name would be fetched from a font CDN, blocked on closed networks.
    page_icon=str(paths.FAVICON),
    layout="wide",
    # Open beside the page on a wide screen; folded away on a phone, where it would cover
    # most of the first screen.
    initial_sidebar_state="auto",
)
ui.set_document_language(lang)
st.html(ui.PAGE_STYLE)
navigation = st.sidebar.container(key="navigation")

st.session_state[LANGUAGE_SWITCH] = lang
st.sidebar.segmented_control(
    t("app.language", lang),
    options=list(i18n.LANGUAGES),
    format_func=lambda code: t(f"language.{code}", lang),
    required=True,
    key=LANGUAGE_SWITCH,
    on_change=switch_language,
)
if choice.rejected:
    st.info(t("app.unknown_language", lang), icon=":material/translate:")
# The server sent an address of no page here, in the page's language (server.py).
if st.query_params.get("notice") == paths.UNKNOWN_PAGE_NOTICE:
    st.info(t("app.unknown_page", lang), icon=":material/explore_off:")
    del st.query_params["notice"]

# First start, or a deleted or damaged file: rebuild from data/raw and data/curated.
problem = store.ensure_database()
if problem is not None:
    st.error(t("app.database_unavailable", lang, command="make db"), icon=":material/database:")
    st.stop()

# (script, title key, icon, address): the first is the default page, at "/".
# One flat list: section headings in the sidebar make Streamlit nest <div>s in its <ul>,
# which screen readers (and axe) reject as a broken list.
PAGES = (
    ("pages/overview.py", "nav.overview", ":material/public:", None),
    ("pages/sectors.py", "nav.sectors", ":material/factory:", "sectors"),
    ("pages/market.py", "nav.market", ":material/storefront:", "market"),
    ("pages/trade.py", "nav.trade", ":material/monitoring:", "trade"),
    ("pages/programme.py", "nav.programme", ":material/event:", "programme"),
    ("pages/self_assessment.py", "nav.self_assessment", ":material/checklist:", "self-assessment"),
    ("pages/sources.py", "nav.sources", ":material/menu_book:", "sources"),
    ("pages/briefing.py", "nav.briefing", ":material/slideshow:", "briefing"),
)
pages = [
    st.Page(script, title=t(title, lang), icon=icon, url_path=address, default=address is None)
    for script, title, icon, address in PAGES
]
current = st.navigation(pages, position="hidden")
# Links of our own rather than Streamlit's menu: each carries ?lang=, so a link copied
# from the sidebar opens in the language it was copied in.
with navigation:
    for page in pages:
        st.page_link(page, query_params={LANGUAGE_PARAMETER: lang}, width="stretch")
current.run()
