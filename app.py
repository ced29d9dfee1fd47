"""The dashboard's entry point: page set-up, language, database check and navigation.

A router only: each page's content lives in ``pages/``. Run with ``make run``.
"""

import streamlit as st

from pages import ui
from trade_mission import bootstrap, config, store
from trade_mission.i18n import DEFAULT_LANGUAGE, t

st.set_page_config(
    page_title="Canada–Mexico Trade Mission",
    # A local file: an icon name would be fetched from a font CDN, blocked on closed networks.
    page_icon=str(config.PROJECT_ROOT / "assets" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = DEFAULT_LANGUAGE
st.session_state[ui.LANGUAGE_KEY] = lang


# First start, or a deleted or damaged file: rebuild from data/raw and data/curated.
problem = store.ensure_database(bootstrap.build)
if problem is not None:
    st.error(t("app.database_unavailable", lang, command="make db"), icon=":material/database:")
    st.stop()

pages = {
    t("nav.explore", lang): [
        st.Page(
            "pages/overview.py",
            title=t("nav.overview", lang),
            icon=":material/public:",
            default=True,
        ),
        st.Page(
            "pages/sectors.py",
            title=t("nav.sectors", lang),
            icon=":material/factory:",
            url_path="sectors",
        ),
        st.Page(
            "pages/programme.py",
            title=t("nav.programme", lang),
            icon=":material/event:",
            url_path="programme",
        ),
    ],
    t("nav.act", lang): [
        st.Page(
            "pages/self_assessment.py",
            title=t("nav.self_assessment", lang),
            icon=":material/checklist:",
            url_path="self-assessment",
        ),
    ],
    t("nav.brief", lang): [
        st.Page(
            "pages/sources.py",
            title=t("nav.sources", lang),
            icon=":material/menu_book:",
            url_path="sources",
        ),
        st.Page(
            "pages/briefing.py",
            title=t("nav.briefing", lang),
            icon=":material/slideshow:",
            url_path="briefing",
        ),
    ],
}
st.navigation(pages).run()
