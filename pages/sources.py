"""Sources: every figure with its quote or formula, searchable, and the data to download."""

import functools

import streamlit as st

from pages import store, ui
from trade_mission import paths
from trade_mission.data.annual_trade import DOWNLOADABLE_TABLES, table_csv
from trade_mission.text import formatting
from trade_mission.text.i18n import t
from trade_mission.views.latest_months import freshness
from trade_mission.views.sources import search, sources_page

lang = ui.language()
page = store.run(sources_page, lang)
source = page.source
attributions = page.attributions

st.title(t("sources.title", lang))
st.markdown(
    t(
        "sources.document",
        lang,
        title=ui.escape(source.title),
        publisher=ui.escape(source.publisher),
        url=source.url,
    )
)
st.markdown(t("sources.capture", lang, note=ui.escape(source.capture_note)))
st.info(t("sources.currency", lang), icon=":material/payments:")
st.markdown(t("sources.derived", lang))
st.caption(
    t(
        "sources.reference_data",
        lang,
        states=ui.escape(attributions["states"]),
        cities=ui.escape(attributions["cities"]),
    )
)

st.header(t("sources.as_of", lang))
st.markdown(
    t(
        "sources.as_of_text",
        lang,
        chapters_first=page.periods["chapters"][0],
        chapters_last=page.periods["chapters"][1],
        provinces_first=page.periods["provinces"][0],
        provinces_last=page.periods["provinces"][1],
    )
)
notice = freshness(page.latest, ui.clock(), lang)
if notice is not None:
    ui.status(notice)
ui.table(page.releases_table.set_index(page.releases_table.columns[0]), "releases", lang)
st.caption(t("sources.releases_note", lang))

st.header(t("sources.monthly", lang))
st.markdown(t("sources.monthly_text", lang, attribution=ui.escape(attributions["trade_monthly"])))
st.subheader(t("sources.agreement.title", lang))
st.markdown(t("sources.agreement.intro", lang))
ui.long_table(page.agreement_table.set_index(page.agreement_table.columns[0]), "agreement", lang)
st.download_button(
    t("sources.agreement.download", lang),
    data=page.agreement_csv,
    file_name=t("files.agreement", lang),
    mime="text/csv",
    icon=":material/download:",
    key="download-agreement",
    on_click="ignore",
)
st.subheader(t("sources.revisions_title", lang))
st.markdown(t("sources.revisions_intro", lang))
if len(page.revisions_table):
    ui.long_table(
        page.revisions_table.set_index(page.revisions_table.columns[0]), "revisions", lang
    )
    st.download_button(
        t("sources.download_revisions", lang),
        data=page.revisions_csv,
        file_name=t("files.revisions", lang),
        mime="text/csv",
        icon=":material/download:",
        key="download-revisions",
        on_click="ignore",
    )
else:
    st.info(t("monthly.no_revisions", lang))
ui.credit_line(t("trade.attribution", lang, attribution=attributions["trade_monthly"]))

st.header(t("sources.statistics", lang))
st.markdown(
    t(
        "sources.statistics_text",
        lang,
        first=page.first_year,
        last=page.latest_year,
        attribution=ui.escape(attributions["trade"]),
    )
)
st.page_link(
    "pages/trade.py",
    label=t("nav.trade", lang),
    query_params={"lang": lang},
    icon=":material/arrow_forward:",
)

st.header(t("sources.mexico.title", lang))
st.markdown(
    t(
        "sources.mexico.text",
        lang,
        last=formatting.month(page.mexico_periods.last_month, lang),
        release=formatting.date(page.mexico_periods.release_date, lang),
    )
)
for dataset in ("mexico_trade", "mexico_tariff", "hs_names"):
    st.markdown(
        t(
            f"sources.mexico.licence.{dataset}",
            lang,
            attribution=ui.escape(attributions[dataset]),
        )
    )
ui.table(page.mexico_files.set_index(page.mexico_files.columns[0]), "mexico-files", lang)
st.page_link(
    "pages/market.py",
    label=t("nav.market", lang),
    query_params={"lang": lang},
    icon=":material/arrow_forward:",
)

st.header(t("sources.figures", lang))
table = page.figures_table
query = st.text_input(
    t("sources.search", lang),
    key="figure-search",
    placeholder=t("sources.search_placeholder", lang),
)
found = search(table, query)
st.caption(t("sources.count", lang, shown=len(found), total=len(table)))
if len(found):
    ui.table(found.set_index(t("column.figure", lang)), "figures", lang)
else:
    st.info(t("sources.nothing_found", lang))

st.header(t("sources.checks", lang))
st.markdown(t("sources.checks_intro", lang))
ui.table(page.checks_table.set_index(page.checks_table.columns[0]), "checks", lang)

st.header(t("sources.downloads", lang))
downloads = st.container(horizontal=True)
downloads.download_button(
    t("sources.download_figures", lang),
    data=page.figures_csv,
    file_name=t("files.figures", lang),
    mime="text/csv",
    icon=":material/download:",
    key="download-figures",
    on_click="ignore",
)
# A link, not a download button: the server streams the file (server.py), where a button
# would hold all of it in memory for each click.
downloads.link_button(
    t("sources.download_database", lang),
    paths.DATABASE_DOWNLOAD,
    icon=":material/database:",
    key="download-database",
)
st.caption(t("sources.database_note", lang, sha=source.sha256[:12]))
st.subheader(t("sources.trade_downloads", lang))
st.caption(t("sources.tables_as_stored", lang))
trade_downloads = st.container(horizontal=True)
for table in DOWNLOADABLE_TABLES:
    trade_downloads.download_button(
        t(f"sources.download_table.{table}", lang),
        data=functools.partial(store.run_uncached, table_csv, table),
        file_name=f"{table}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"download-{table}",
        on_click="ignore",
    )
st.caption(t("trade.attribution", lang, attribution=ui.escape(attributions["trade"])))
