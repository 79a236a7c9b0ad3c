"""Renewal plan (AE, CSM, renewal rep): account facts in; health, dated timeline, plays and people out."""

from __future__ import annotations

from functools import partial

import streamlit as st

from assistant.renewal.facts import FactsError
from assistant.renewal.render import render_markdown
from ui.account_picker import account_file_name, describe_saved, pick_account
from ui.common import get_assistant, get_history, offer_download, readable_errors
from ui.page_messages import show_message
from ui.renewal import state as keys
from ui.renewal.form import init_form, kept_fields, render_contract, render_signals
from ui.renewal.view import render_plan

st.title("Renewal plan")
st.caption(
    "Plan the renewal and the expansion early: give the account's facts (contract dates, ARR, seats, "
    "usage, health, stakeholders, open issues) as a file or in the form, and get the health score and "
    "churn risk with their drivers, a dated timeline counted back from the renewal, expansion plays, "
    "who to involve and the options for the second agreement."
)

account = pick_account(keys.ACCOUNT_PAGE, "The plan is filed under this name in the account history.")
if account:
    with readable_errors("Reading the account history"):
        st.caption(describe_saved(get_history().find_account(account)))

st.radio(
    "Facts from",
    [keys.FROM_FILE, keys.FROM_FORM],
    key=keys.FACTS_FROM,
    horizontal=True,
    persist_state="session",
)
if st.session_state.get(keys.FACTS_FROM) == keys.FROM_FORM:
    with readable_errors("Drawing the form"):
        saved_facts = keys.latest_facts(account)
        if saved_facts is not None:
            st.button(
                f"Fill the form with the facts saved on {saved_facts.created_at:%Y-%m-%d}",
                key="renewal_fill_saved",
                on_click=keys.copy_saved_into_form,
                args=(saved_facts,),
                icon=":material/history:",
            )
        init_form()
        render_contract(get_assistant().knowledge)
        render_signals()
        if kept_fields():
            st.caption(f"Also kept from the loaded facts: {kept_fields()}.")
else:
    st.file_uploader(
        "Facts file",
        type=["yaml", "yml", "json"],
        key=keys.UPLOAD,
        help="The account facts as YAML or JSON; see examples/halvorsen-renewal-facts.yaml.",
    )
    if st.session_state.get(keys.UPLOAD) is not None:
        st.button(
            "Copy into the form to change them",
            key="renewal_copy_upload",
            on_click=keys.copy_upload_into_form,
            icon=":material/edit_note:",
        )

plan_clicked = st.button("Plan the renewal", type="primary", key="renewal_run", icon=":material/play_arrow:")
progress_area = st.container()
if plan_clicked:
    with progress_area, readable_errors("Planning the renewal"):
        try:
            with st.spinner("Scoring health, dating the milestones, sizing the plays…"):
                keys.plan(account)
            st.session_state[keys.MESSAGE] = (
                "info",
                "Plan ready, not saved yet: Save files the facts and the plan in the account's history.",
            )
        except FactsError as problems:
            st.session_state[keys.MESSAGE] = ("error_markdown", keys.facts_problems(problems))

show_message(keys.MESSAGE)

with readable_errors("Showing the plan"):
    plan = st.session_state.get(keys.PLAN)
    if plan is not None:
        render_plan(plan, st.session_state.get(keys.RECORD_ID))
        if st.session_state.get(keys.RECORD_ID) is None:
            st.button(
                "Save to the account",
                key="renewal_save",
                type="primary",
                on_click=keys.save_plan,
                icon=":material/save:",
            )
        st.markdown("#### Share")
        markdown_column, json_column, facts_column = st.columns(3)
        name = partial(account_file_name, plan.account)
        offer_download(
            markdown_column,
            "Download Markdown",
            render_markdown(plan),
            name("renewal-plan", "md"),
            "renewal_download_markdown",
        )
        offer_download(
            json_column,
            "Download JSON",
            plan.model_dump_json(indent=2),
            name("renewal-plan", "json"),
            "renewal_download_json",
        )
        offer_download(
            facts_column,
            "Download the facts",
            st.session_state.get(keys.FACTS_TEXT, ""),
            st.session_state.get(keys.FACTS_NAME, "renewal-facts.yaml"),
            "renewal_download_facts",
            help="The facts this plan was made from, to keep or upload next time.",
        )
