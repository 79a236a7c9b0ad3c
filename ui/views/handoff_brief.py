"""Handoff brief (AE): a won account's history and deal notes in; a cited transition brief out; edit, share."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assistant.handoff import TransitionBrief
from assistant.text.documents import SUPPORTED_SUFFIXES
from ui.account_picker import describe_saved, pick_account
from ui.common import get_history, readable_errors
from ui.handoff import state as keys
from ui.handoff.view import NODE_LABELS, render_brief, render_downloads, render_header
from ui.page_messages import show_message

st.title("Handoff brief")
st.caption(
    "Hand a won account to Customer Success and Renewals: pick the account from the history (its "
    "saved calls and qualification are read) or start a new one from notes, add the deal notes, and "
    "get a brief in which every line shows the words it came from."
)

account = pick_account(keys.ACCOUNT_PAGE, "Start from notes: the brief is built from the deal notes below.")
if account:
    with readable_errors("Reading the account history"):
        st.caption(describe_saved(get_history().find_account(account)))
        latest = keys.latest_saved(account)
        if latest is not None:
            st.button(
                f"Open the latest saved brief (record #{latest.id}, {latest.created_at:%Y-%m-%d})",
                key="handoff_open_latest",
                on_click=keys.open_saved,
                args=(latest,),
                icon=":material/folder_open:",
            )

st.session_state.setdefault(keys.AS_OF, dt.date.today())
notes_column, side_column = st.columns([3, 1])
notes_column.text_area(
    "Deal notes",
    key=keys.NOTES,
    height=240,
    persist_state="session",
    placeholder="What was sold, the price and term, commitments made in the sale, contacts and their roles, "
    "why they bought, success criteria, first 90 days, technical context, risks, open items…",
)
side_column.date_input(
    "Brief date",
    key=keys.AS_OF,
    persist_state="session",
    help="The brief's date; typed notes and uploaded files are filed with it.",
)
side_column.file_uploader(
    "Upload deal notes",
    type=sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES),
    key=keys.UPLOAD,
    accept_multiple_files=True,
    help="Text, Markdown, Word (.docx) or PDF; each file is cited by its name.",
)

run_clicked = st.button("Generate the brief", type="primary", key="handoff_run", icon=":material/play_arrow:")
progress_area = st.container()
if run_clicked:
    with progress_area, readable_errors("Writing the brief"):
        as_of: dt.date = st.session_state[keys.AS_OF]
        notes, read_warnings = keys.deal_notes(
            st.session_state.get(keys.NOTES, ""), st.session_state.get(keys.UPLOAD) or [], as_of
        )
        with st.status("Writing the brief…", expanded=True) as progress:
            brief = keys.generate(
                account, notes, as_of, lambda node: progress.write(NODE_LABELS.get(node, node))
            )
            progress.update(label="Brief written", state="complete", expanded=False)
        keys.show_brief(brief, None)
        st.session_state[keys.READ_WARNINGS] = read_warnings
        st.session_state[keys.MESSAGE] = (
            "info",
            "Brief written, not saved yet: read it, edit it if you like, then Save to file it in the account's "
            "history with the deal notes.",
        )

show_message(keys.MESSAGE)

with readable_errors("Showing the brief"):
    shown: TransitionBrief | None = st.session_state.get(keys.BRIEF)
    if shown is not None:
        record_id: int | None = st.session_state.get(keys.RECORD_ID)
        render_header(shown, record_id, st.session_state.get(keys.READ_WARNINGS, []))
        render_brief(shown, record_id)

        st.subheader("Edit, save and share")
        st.caption(
            "Edit the brief's Markdown in place; Save files the brief (with your edits) in the account's "
            "history. The sections above show the brief as generated; downloads give your edited text."
        )
        if st.session_state.get(keys.REPLACED_EDIT):
            st.button("Bring back the edits I had made", key="handoff_restore", on_click=keys.restore_edits)
        st.text_area("Brief (Markdown)", key=keys.EDIT, height=420, persist_state="session")
        if not keys.is_saved():
            st.caption(":orange[Not saved yet.]")
        elif keys.unsaved_edits():
            st.caption(":orange[Unsaved edits.]")
        save_column, reset_column = st.columns(2)
        save_column.button(
            "Save edits" if keys.is_saved() else "Save to the account",
            key="handoff_save",
            type="primary" if not keys.is_saved() else "secondary",
            on_click=keys.save,
            icon=":material/save:",
        )
        reset_column.button(
            "Back to the generated text",
            key="handoff_reset",
            on_click=keys.discard_edits,
            icon=":material/undo:",
        )
        render_downloads(shown, keys.shared_markdown(), keys.email_copy())
