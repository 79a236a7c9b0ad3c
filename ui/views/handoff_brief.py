"""Handoff brief (AE): a won account's history and deal notes in; a cited transition brief out; edit, share."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assistant.handoff import TransitionBrief
from assistant.text.documents import SUPPORTED_SUFFIXES
from ui.account_picker import account_file_name, describe_saved, pick_account
from ui.common import get_history, readable_errors
from ui.handoff import state as keys
from ui.handoff.view import NODE_LABELS, render_brief, render_header
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
            brief, record = keys.generate(
                account, notes, as_of, lambda node: progress.write(NODE_LABELS.get(node, node))
            )
            progress.update(label="Brief written and saved", state="complete", expanded=False)
        keys.show_brief(brief, record.id)
        st.session_state[keys.READ_WARNINGS] = read_warnings
        st.session_state[keys.MESSAGE] = (
            "success",
            f"Saved to the history of {record.account_name} as record #{record.id}.",
        )

show_message(keys.MESSAGE)

with readable_errors("Showing the brief"):
    shown: TransitionBrief | None = st.session_state.get(keys.BRIEF)
    if shown is not None:
        record_id: int = st.session_state[keys.RECORD_ID]
        render_header(shown, record_id, st.session_state.get(keys.READ_WARNINGS, []))
        render_brief(shown, record_id)

        st.subheader("Edit and share")
        st.caption(
            "Edit the brief's Markdown in place; Save edits files them in the brief's record. The "
            "sections above show the brief as generated; downloads give your edited text."
        )
        if st.session_state.get(keys.REPLACED_EDIT):
            st.button("Bring back the edits I had made", key="handoff_restore", on_click=keys.restore_edits)
        st.text_area("Brief (Markdown)", key=keys.EDIT, height=420, persist_state="session")
        if keys.unsaved_edits():
            st.caption(":orange[Unsaved edits.]")
        save_column, reset_column, markdown_column, json_column = st.columns(4)
        save_column.button(
            "Save edits", key="handoff_save_edits", on_click=keys.save_edits, icon=":material/save:"
        )
        reset_column.button(
            "Back to the generated text",
            key="handoff_reset",
            on_click=keys.discard_edits,
            icon=":material/undo:",
        )
        markdown_column.download_button(
            "Download Markdown",
            keys.shared_markdown(),
            file_name=account_file_name(shown.account, "handoff-brief", "md"),
            mime="text/markdown",
            on_click="ignore",
            key="handoff_download_markdown",
            icon=":material/description:",
        )
        json_column.download_button(
            "Download JSON",
            shown.model_dump_json(indent=2),
            file_name=account_file_name(shown.account, "handoff-brief", "json"),
            mime="application/json",
            on_click="ignore",
            key="handoff_download_json",
            icon=":material/data_object:",
        )
