"""The Handoff brief page's session state: named keys, and the work behind its buttons.

The brief is generated node by node (for the progress list) with `AccountJobs.stream_brief`
and shown unsaved; the Save button files it (with the new deal notes) the way
`AccountJobs.write_brief` does, so only the briefs the AE keeps reach the history. Edits to the
brief's Markdown stay in session state until saved, into the record's payload as `edited_markdown`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from assistant.account_jobs import AccountJobs, DealNotes
from assistant.handoff import TransitionBrief, render_markdown
from assistant.handoff.email_copy import render_email
from assistant.handoff.graph import HandoffInputError
from assistant.history import SavedRecord
from assistant.text.decoding import InputError
from assistant.text.documents import extract_text
from ui.common import current_settings, error_message, get_assistant, get_history

ACCOUNT_PAGE = "handoff"  # typed_handoff_account_pick / typed_handoff_account_new
NOTES = "typed_handoff_notes"
AS_OF = "typed_handoff_as_of"
EDIT = "typed_handoff_edit"
UPLOAD = "handoff_upload"
BRIEF = "handoff_brief"
RECORD_ID = "handoff_record_id"
GENERATED = "handoff_generated_markdown"  # the brief's Markdown before any edit
READ_WARNINGS = "handoff_read_warnings"
REPLACED_EDIT = "handoff_replaced_edit"  # unsaved edits a newer brief replaced
MESSAGE = "handoff_message"
PENDING = "handoff_pending"  # (account, new deal notes) of a brief not saved yet


def jobs() -> AccountJobs:
    """The account jobs over the cached assistant and history."""
    return AccountJobs(get_assistant(), get_history())


def deal_notes(typed: str, files: Sequence[Any], as_of: dt.date) -> tuple[list[DealNotes], list[str]]:
    """The typed notes and each uploaded file as dated, labelled deal notes; what reading noticed."""
    notes = [DealNotes(typed, as_of, f"deal notes {as_of.isoformat()}")] if typed.strip() else []
    warnings: list[str] = []
    limit = current_settings().max_upload_bytes
    for file in files:
        text, noticed = extract_text(file.name, file.getvalue(), limit)
        notes.append(DealNotes(text, as_of, f"deal notes {file.name}"[:80]))
        warnings += [f"{file.name}: {warning}" for warning in noticed]
    return notes, warnings


def generate(
    account: str, notes: list[DealNotes], as_of: dt.date, on_step: Callable[[str], None]
) -> TransitionBrief:
    """Brief the account from its history and the new notes, reporting each step; nothing is saved yet."""
    if not account:
        raise InputError("pick a saved account or type a new account's name at the top of the page")
    work = jobs()
    account = work.display_name(account)
    fresh = work.unsaved_notes(account, notes)
    brief: TransitionBrief | None = None
    try:
        for node, update in work.stream_brief(account, notes, as_of=as_of):
            on_step(node)
            brief = update.get("brief", brief)
    except HandoffInputError as exc:
        raise InputError(str(exc)) from exc
    if brief is None:
        raise RuntimeError("the handoff graph finished without a brief")
    st.session_state[PENDING] = (account, fresh)
    return brief


def show_brief(brief: TransitionBrief, record_id: int | None) -> None:
    """Make this brief the one on screen (record_id None: not saved yet), its (edited) Markdown in the edit box."""
    generated = render_markdown(brief)
    typed = st.session_state.get(EDIT)
    if typed and typed not in (st.session_state.get(GENERATED), _saved_edit()):
        st.session_state[REPLACED_EDIT] = typed
    st.session_state[BRIEF] = brief
    st.session_state[RECORD_ID] = record_id
    st.session_state[GENERATED] = generated
    st.session_state[EDIT] = brief.edited_markdown or generated
    if record_id is not None:
        st.session_state.pop(PENDING, None)


def _saved_edit() -> str | None:
    brief: TransitionBrief | None = st.session_state.get(BRIEF)
    return brief.edited_markdown if brief else None


def latest_saved(account: str) -> SavedRecord | None:
    """The account's newest saved brief, if any."""
    history = get_history()
    return history.latest(account, "brief") if account and history.find_account(account) else None


def open_saved(record: SavedRecord) -> None:
    """Show a saved brief (with the edits saved in it) for reading, editing and sharing."""
    try:
        brief = TransitionBrief.model_validate(record.payload)
    except ValueError as exc:
        st.session_state[MESSAGE] = (
            "error",
            error_message(f"Reading the brief saved as record #{record.id}", exc),
        )
        return
    show_brief(brief, record.id)
    st.session_state[READ_WARNINGS] = []
    st.session_state[MESSAGE] = ("info", f"Opened the brief saved as record #{record.id} ({record.title}).")


def is_saved() -> bool:
    """Whether the brief on screen is filed in the history."""
    return st.session_state.get(RECORD_ID) is not None


def unsaved_edits() -> bool:
    """Whether the edit box differs from what the record holds."""
    brief: TransitionBrief | None = st.session_state.get(BRIEF)
    if brief is None or not is_saved():
        return False
    return bool(st.session_state.get(EDIT, "") != (brief.edited_markdown or st.session_state.get(GENERATED)))


def _edited() -> str | None:
    """The edit box as the brief's `edited_markdown` (None when it is the generated text)."""
    text = str(st.session_state.get(EDIT) or "")
    generated = st.session_state[GENERATED]
    return None if not text.strip() or text.strip() == generated.strip() else text


def save() -> None:
    """The Save button: file a new brief with its deal notes, or write the edits into its record."""
    brief: TransitionBrief | None = st.session_state.get(BRIEF)
    if brief is None:
        return
    edited = _edited()
    updated = brief.model_copy(update={"edited_markdown": edited})
    try:
        _file(updated)
    except Exception as exc:
        st.session_state[MESSAGE] = (
            "error",
            error_message("Saving the brief", exc) + " The brief and your edits are kept below.",
        )
        return
    st.session_state[BRIEF] = updated
    if edited is None:
        st.session_state[EDIT] = st.session_state[GENERATED]


def _file(brief: TransitionBrief) -> int:
    """Save the brief: a new record (with the new deal notes) the first time, its payload after that."""
    record_id: int | None = st.session_state.get(RECORD_ID)
    if record_id is not None:
        get_history().update_payload(record_id, brief)
        st.session_state[MESSAGE] = (
            "success",
            f"Saved your edits to record #{record_id}."
            if brief.edited_markdown
            else f"Record #{record_id} holds the brief as generated (no edits).",
        )
        return record_id
    account, fresh = st.session_state[PENDING]
    record = jobs().save_brief(account, fresh, brief)
    st.session_state[RECORD_ID] = record.id
    st.session_state.pop(PENDING, None)
    st.session_state[MESSAGE] = (
        "success",
        f"Saved to the history of {record.account_name} as record #{record.id}.",
    )
    return record.id


def discard_edits() -> None:
    """Put the brief as generated back in the edit box (nothing saved until Save edits)."""
    if st.session_state.get(EDIT) != st.session_state[GENERATED]:
        st.session_state[REPLACED_EDIT] = st.session_state.get(EDIT)
    st.session_state[EDIT] = st.session_state[GENERATED]
    st.session_state[MESSAGE] = ("info", "The brief as generated is back in the box; Save to file it.")


def restore_edits() -> None:
    """Bring back the edits that a newer brief or a reset replaced."""
    st.session_state[EDIT] = st.session_state.pop(REPLACED_EDIT, None) or st.session_state.get(EDIT, "")


def shared_markdown() -> str:
    """What Download Markdown gives: the edit box, which is the generated brief until edited."""
    text = str(st.session_state.get(EDIT) or "")
    return text if text.strip() else str(st.session_state.get(GENERATED, ""))


def email_copy() -> str:
    """The brief on screen as an e-mail without citations (the cited brief stays the record)."""
    brief: TransitionBrief | None = st.session_state.get(BRIEF)
    return render_email(brief) if brief is not None else ""
