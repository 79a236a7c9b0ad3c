"""The Handoff brief page's session state: named keys, and the work behind its buttons.

The brief is generated node by node (for the progress list) with `AccountJobs.stream_brief`,
then filed the way `AccountJobs.write_brief` files it. Edits to the brief's Markdown stay in
session state until saved into the record's payload as `edited_markdown`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from assistant.account_jobs import AccountJobs, DealNotes
from assistant.handoff import TransitionBrief, render_markdown
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
) -> tuple[TransitionBrief, SavedRecord]:
    """Brief the account from its history and the new notes, reporting each step, then file it."""
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
    return brief, work.save_brief(account, fresh, brief)


def show_brief(brief: TransitionBrief, record_id: int) -> None:
    """Make this brief the one on screen, its (edited) Markdown in the edit box."""
    generated = render_markdown(brief)
    typed = st.session_state.get(EDIT)
    if typed and typed not in (st.session_state.get(GENERATED), _saved_edit()):
        st.session_state[REPLACED_EDIT] = typed
    st.session_state[BRIEF] = brief
    st.session_state[RECORD_ID] = record_id
    st.session_state[GENERATED] = generated
    st.session_state[EDIT] = brief.edited_markdown or generated


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


def unsaved_edits() -> bool:
    """Whether the edit box differs from what the record holds."""
    brief: TransitionBrief | None = st.session_state.get(BRIEF)
    if brief is None:
        return False
    return bool(st.session_state.get(EDIT, "") != (brief.edited_markdown or st.session_state.get(GENERATED)))


def save_edits() -> None:
    """Write the edit box into the brief's record as `edited_markdown` (a button callback)."""
    brief: TransitionBrief | None = st.session_state.get(BRIEF)
    if brief is None:
        return
    text = str(st.session_state.get(EDIT) or "")
    generated = st.session_state[GENERATED]
    edited = None if not text.strip() or text.strip() == generated.strip() else text
    updated = brief.model_copy(update={"edited_markdown": edited})
    try:
        get_history().update_payload(st.session_state[RECORD_ID], updated)
    except Exception as exc:
        st.session_state[MESSAGE] = (
            "error",
            error_message("Saving your edits", exc) + " Your edits are kept below.",
        )
        return
    st.session_state[BRIEF] = updated
    record = st.session_state[RECORD_ID]
    if edited is None:
        st.session_state[EDIT] = generated
        st.session_state[MESSAGE] = ("success", f"Record #{record} holds the brief as generated (no edits).")
    else:
        st.session_state[MESSAGE] = ("success", f"Saved your edits to record #{record}.")


def discard_edits() -> None:
    """Put the brief as generated back in the edit box (nothing saved until Save edits)."""
    if st.session_state.get(EDIT) != st.session_state[GENERATED]:
        st.session_state[REPLACED_EDIT] = st.session_state.get(EDIT)
    st.session_state[EDIT] = st.session_state[GENERATED]
    st.session_state[MESSAGE] = ("info", "The brief as generated is back in the box; Save edits to file it.")


def restore_edits() -> None:
    """Bring back the edits that a newer brief or a reset replaced."""
    st.session_state[EDIT] = st.session_state.pop(REPLACED_EDIT, None) or st.session_state.get(EDIT, "")


def shared_markdown() -> str:
    """What Download Markdown gives: the edit box, which is the generated brief until edited."""
    text = str(st.session_state.get(EDIT) or "")
    return text if text.strip() else str(st.session_state.get(GENERATED, ""))
