"""Self-assessment: "Do we qualify for the Canada Trade Mission to Mexico?"

One form, one rerun per submit. Answers live only in this browser session: never in the
address, never logged or stored; the page asks for no name or contact details.
"""

import datetime as dt
import functools

import streamlit as st

from pages import ui
from trade_mission import eligibility, exports, queries, store, views
from trade_mission.i18n import t

PROFILE_KEY = "self_assessment_profile"
ERROR_KEY = "self_assessment_error"
FIELD_KEY = "question-{}"


def start_over() -> None:
    """Forget every answer and the result."""
    for name in (*eligibility.PROFILE_FIELDS, "submitted"):
        st.session_state.pop(FIELD_KEY.format(name), None)
    st.session_state.pop(PROFILE_KEY, None)
    st.session_state.pop(ERROR_KEY, None)


def check_answers() -> None:
    """On submit: validate the answers, keep the profile or a friendly problem."""
    values = {
        name: st.session_state.get(FIELD_KEY.format(name)) for name in eligibility.PROFILE_FIELDS
    }
    data = eligibility.profile_data_from_form(values)
    try:
        profile = eligibility.parse_profile(data, facts.sector_ids)
    except eligibility.ProfileError as error:
        st.session_state.pop(PROFILE_KEY, None)
        st.session_state[ERROR_KEY] = error.field
    else:
        st.session_state[PROFILE_KEY] = profile
        st.session_state.pop(ERROR_KEY, None)


def why_we_ask(question: str) -> None:
    criterion = eligibility.WHY_WE_ASK.get(question)
    if criterion:
        st.caption(
            t("assessment.why_we_ask", lang, text=ui.escape(facts.criterion_texts[criterion]))
        )


def yes_no(question: str) -> None:
    st.radio(
        t(f"eligibility.question.{question}.label", lang),
        options=list(eligibility.FORM_CHOICES),
        format_func=lambda choice: t(f"assessment.choice.{choice}", lang),
        index=None,
        horizontal=True,
        key=FIELD_KEY.format(question),
    )
    why_we_ask(question)


lang = ui.language()
facts = store.run(eligibility.load_facts)
mission = store.run(queries.mission, lang)
sectors = store.run(queries.sectors, lang)
sector_names = dict(zip(sectors["sector_id"], sectors["name"], strict=True))
notices = store.run(queries.notices)
now = dt.datetime.now(dt.UTC)

st.title(t("assessment.title", lang))
st.markdown(t("assessment.intro", lang))
st.caption(t("assessment.privacy", lang))
registration = views.mission_status_message(mission, now, lang)
getattr(st, registration.kind)(registration.text)

with st.form("self-assessment", enter_to_submit=False):
    st.header(t("assessment.section.who", lang))
    st.radio(
        t("eligibility.question.organization_type.label", lang),
        options=list(eligibility.ORGANIZATION_TYPES),
        format_func=lambda kind: t(f"eligibility.question.organization_type.{kind}", lang),
        index=None,
        key=FIELD_KEY.format("organization_type"),
    )
    st.number_input(
        t("eligibility.question.employees.label", lang),
        min_value=0,
        step=1,
        value=None,
        placeholder=t("assessment.employees_placeholder", lang),
        key=FIELD_KEY.format("employees"),
    )
    st.caption(t("eligibility.question.employees.help", lang))
    st.selectbox(
        t("eligibility.question.sector.label", lang),
        options=[*facts.sector_ids, eligibility.OTHER_SECTOR],
        format_func=lambda sector: sector_names.get(
            sector, t("eligibility.question.sector.other", lang)
        ),
        index=None,
        placeholder=t("eligibility.question.sector.placeholder", lang),
        key=FIELD_KEY.format("sector"),
    )
    why_we_ask("sector")
    st.number_input(
        t("eligibility.question.representatives.label", lang),
        min_value=1,
        step=1,
        value=1,
        key=FIELD_KEY.format("representatives"),
    )
    for section in ("offer", "plans", "organizations"):
        st.header(t(f"assessment.section.{section}", lang))
        if section == "organizations":
            st.caption(t("assessment.organizations_only", lang))
        for question in eligibility.FORM_SECTIONS[section]:
            yes_no(question)
    st.form_submit_button(
        t("assessment.submit", lang),
        type="primary",
        on_click=check_answers,
        key=FIELD_KEY.format("submitted"),
    )

if ERROR_KEY in st.session_state:
    field = st.session_state[ERROR_KEY]
    question = t(f"eligibility.question.{field}.label", lang)
    st.warning(t("assessment.form_problem", lang, question=question), icon=":material/help:")

profile = st.session_state.get(PROFILE_KEY)
if profile is not None:
    assessment = eligibility.assess(profile, facts, now, lang)
    st.header(t("assessment.result", lang))
    verdict = views.verdict_message(assessment, lang)
    getattr(st, verdict.kind)(verdict.text)
    if assessment.verdict != "does_not_meet":
        st.markdown(t("eligibility.not_selection", lang))
        ui.quote_block(notices["limited_places"], None, lang)

    st.subheader(t("assessment.checklist", lang))
    st.table(
        views.criteria_table(assessment, lang).set_index(t("eligibility.column.criterion", lang))
    )

    left, right = st.columns(2)
    with left:
        st.subheader(t("assessment.b2b", lang))
        st.markdown(ui.escape(views.b2b_message(assessment, lang)))
        ui.quote_block(notices["b2b_smes_only"], None, lang)
        st.subheader(t("assessment.where", lang))
        lines = views.sector_programme_lines(
            assessment.cities, store.run(queries.programme, lang), lang
        )
        st.markdown(
            "\n".join(f"- {ui.escape(line)}" for line in lines)
            or t("eligibility.no_sector_cities", lang)
        )
    with right:
        st.subheader(t("assessment.registration", lang))
        message = views.registration_message(assessment, mission, lang)
        getattr(st, message.kind)(message.text)
        st.subheader(t("assessment.representatives", lang))
        for warning in assessment.warnings:
            st.warning(warning)
        ui.quote_block(notices["representatives"], None, lang)

    st.subheader(t("assessment.advice", lang))
    for notice in ("tailored_application", "incomplete_information", "screening"):
        ui.quote_block(notices[notice], None, lang)

    context = exports.AssessmentContext(
        mission=mission,
        source=store.run(queries.source_document, lang),
        sector_names=sector_names,
        programme=store.run(queries.programme, lang),
        notices=notices,
    )
    actions = st.container(horizontal=True)
    actions.download_button(
        t("assessment.download_pdf", lang),
        data=functools.partial(exports.assessment_pdf, profile, assessment, context, now, lang),
        file_name="self-assessment-canada-trade-mission-mexico.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download-assessment",
        on_click="ignore",
    )
    actions.button(
        t("assessment.start_over", lang),
        on_click=start_over,
        icon=":material/restart_alt:",
        key="start-over",
    )
