"""Qualify (SDR): call notes in; verdict, evidence, gaps, people and sources out; override, share, save."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assistant.qualify.render import report_to_markdown
from assistant.text.documents import SUPPORTED_SUFFIXES
from assistant.text.markdown import escape_streamlit
from ui.common import get_assistant, offer_download, readable_errors, show_error
from ui.qualify import state as keys
from ui.qualify.override_panel import render_override_panel
from ui.qualify.view import download_name, render_details, render_summary, run_with_progress

st.title("Qualify a lead")
st.caption("Paste the discovery-call notes or a transcript (English or Spanish), or upload a file.")

st.session_state.setdefault(keys.CALL_DATE, dt.date.today())
account_column, date_column = st.columns([3, 1])
account_column.text_input(
    "Account name", key=keys.ACCOUNT, placeholder="e.g. Halvorsen Regional Bank", persist_state="session"
)
date_column.date_input(
    "Call date",
    key=keys.CALL_DATE,
    help="Relative dates in the notes count from this day.",
    persist_state="session",
)
st.file_uploader(
    "Upload notes",
    type=sorted({s.lstrip(".") for s in SUPPORTED_SUFFIXES} | {"csv", "json"}),
    key=keys.UPLOAD,
    on_change=keys.read_upload,
    help="Text, Markdown, a Zoom or Teams WebVTT, an Otter transcript, Word (.docx), PDF, a Gong or "
    "Fireflies JSON export, or a Salesforce Task or HubSpot notes CSV.",
)
if st.session_state.get(keys.UPLOAD_RECORDS):
    st.selectbox(
        "Record to qualify",
        st.session_state[keys.UPLOAD_RECORDS],
        key=keys.UPLOAD_RECORD,
        on_change=keys.pick_record,
        help="The file holds several calls or CRM records; qualify-batch runs them all.",
    )
upload_message = st.session_state.pop(keys.UPLOAD_MESSAGE, None)
if upload_message and upload_message[0] == "error":
    show_error(upload_message[1])
elif upload_message:
    st.info(escape_streamlit(upload_message[1]), icon=":material/upload_file:")
if st.session_state.get(keys.REPLACED_NOTES):
    st.button("Bring back the notes I had typed", key="qualify_restore", on_click=keys.restore_typed_notes)
st.text_area(
    "Call notes",
    key=keys.NOTES,
    height=260,
    persist_state="session",
    placeholder="Who you spoke to and their title, the problem, industry, size, budget, timeline…",
)

run_clicked = st.button("Qualify", type="primary", key="qualify_run", icon=":material/play_arrow:")
progress_area = st.container()  # always drawn, so what follows keeps its place (and open expanders stay open)
if run_clicked:
    notes = st.session_state.get(keys.NOTES, "")
    with progress_area, readable_errors("Qualifying the notes"):
        report = run_with_progress(get_assistant(), notes, st.session_state[keys.CALL_DATE])
        report.warnings[:0] = keys.upload_warnings(notes)
        keys.start_result(report, notes)

with readable_errors("Showing the report"):
    shown = keys.shown_report()
    if shown is not None:
        notes_used: str = st.session_state[keys.NOTES_USED]
        account: str = st.session_state.get(keys.ACCOUNT, "").strip()
        render_summary(shown)
        with st.expander(
            "Override a criterion's status", key="qualify_override_panel", icon=":material/edit:"
        ):
            render_override_panel(shown)
        render_details(shown, notes_used)
        st.subheader("Share and save")
        markdown_column, json_column, save_column = st.columns(3)
        markdown = report_to_markdown(shown, notes_used, account or None)
        offer_download(
            markdown_column,
            "Download Markdown",
            markdown,
            download_name(account, "md"),
            "qualify_download_markdown",
        )
        offer_download(
            json_column,
            "Download JSON",
            shown.model_dump_json(indent=2),
            download_name(account, "json"),
            "qualify_download_json",
        )
        if save_column.button("Save to account history", key="qualify_save", icon=":material/save:"):
            if not account:
                show_error("Type the account name at the top of the page to save this report under it.")
            else:
                with readable_errors("Saving to the account history"):
                    keys.save_to_history(shown, account)
        saved_id = st.session_state.get(keys.SAVED_ID)
        if saved_id is not None:
            st.success(
                f"Saved to the history of {escape_streamlit(st.session_state[keys.SAVED_ACCOUNT])} as record "
                f"#{saved_id}; overrides made from now on update it.",
                icon=":material/save:",
            )
