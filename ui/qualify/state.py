"""The Qualify page's session state: named keys, and the callbacks that change them.

Callbacks run before the page is drawn, so an upload or an override is visible in the same
rerun; their failures become messages in state, shown where the user acted, never tracebacks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Literal

import streamlit as st

from assistant.account_jobs import save_qualification
from assistant.qualify.overrides import apply_overrides, merge_override
from assistant.qualify.render import CRITERION_TITLE
from assistant.qualify.schemas import Override, QualificationReport
from assistant.sources.read import list_records, read_one
from ui.common import current_settings, error_message, get_assistant, get_history

NOTES = "typed_qualify_notes"
ACCOUNT = "typed_qualify_account"
CALL_DATE = "typed_qualify_call_date"
UPLOAD = "qualify_upload"
UPLOADED = "qualify_uploaded"  # {"name", "text", "warnings"} of the last file read
REPLACED_NOTES = "qualify_replaced_notes"  # what was typed before a file replaced it
UPLOAD_MESSAGE = "qualify_upload_message"
UPLOAD_RECORDS = "qualify_upload_records"  # ids of the records of a file holding several
UPLOAD_RECORD = "qualify_upload_record"  # the one picked
BASE = "qualify_base"  # the report as the run made it
OVERRIDES = "qualify_overrides"  # list[Override] applied on top of it
NOTES_USED = "qualify_notes_used"
SAVED_ID = "qualify_saved_id"
SAVED_ACCOUNT = "qualify_saved_account"
OVERRIDE_CRITERION = "override_criterion"
OVERRIDE_STATUS = "override_status"
OVERRIDE_VALUE = "typed_override_value"
OVERRIDE_REASON = "typed_override_reason"
OVERRIDE_BY = "typed_override_by"
OVERRIDE_MESSAGE = "override_message"

FROM_VALUE = "from the value"
"""The status choice that lets the rubric judge the typed value (the panel shows it in words)."""

MessageKind = Literal["success", "info", "warning", "error"]


def shown_report() -> QualificationReport | None:
    """The last run's report with the overrides applied, or None before any run."""
    base: QualificationReport | None = st.session_state.get(BASE)
    if base is None:
        return None
    knowledge = get_assistant().knowledge
    limit = current_settings().max_next_questions
    return apply_overrides(
        base, st.session_state.get(OVERRIDES, []), knowledge.rubric, knowledge.questions, limit
    )


def start_result(report: QualificationReport, notes: str) -> None:
    """Keep a fresh run's report; earlier overrides and saved record belong to the old run."""
    st.session_state[BASE] = report
    st.session_state[OVERRIDES] = []
    st.session_state[NOTES_USED] = notes
    st.session_state[SAVED_ID] = None
    st.session_state.pop(OVERRIDE_MESSAGE, None)


def _say(key: str, kind: MessageKind, text: str) -> None:
    st.session_state[key] = (kind, text)


def read_upload() -> None:
    """Put an uploaded file's text into the notes box, keeping what was typed there.

    A transcript export becomes transcript lines; a CRM export with several records offers them
    to pick (the first is read); the call date the file gives becomes the page's call date."""
    file = st.session_state.get(UPLOAD)
    if file is None:
        return
    limit = current_settings().max_upload_bytes
    try:
        records = list_records(file.name, file.getvalue(), "auto", limit)
        st.session_state[UPLOAD_RECORDS] = records if len(records) > 1 else []
        st.session_state[UPLOAD_RECORD] = records[0] if len(records) > 1 else None
        _load_record(file.name, file.getvalue(), records[0] if len(records) > 1 else None, len(records))
    except Exception as exc:
        st.session_state[UPLOAD_RECORDS] = []
        _say(UPLOAD_MESSAGE, "error", error_message(f"Reading {file.name}", exc))


def pick_record() -> None:
    """Read the record picked from a file holding several."""
    file = st.session_state.get(UPLOAD)
    if file is None:
        return
    try:
        _load_record(file.name, file.getvalue(), st.session_state.get(UPLOAD_RECORD), 1)
    except Exception as exc:
        _say(UPLOAD_MESSAGE, "error", error_message(f"Reading {file.name}", exc))


def _load_record(name: str, data: bytes, record: str | None, count: int) -> None:
    found = read_one(name, data, "auto", current_settings().max_upload_bytes, record=record)
    text = found.notes
    typed = st.session_state.get(NOTES, "")
    if not st.session_state.get(UPLOADED) or typed != st.session_state[UPLOADED]["text"]:
        st.session_state[REPLACED_NOTES] = typed if typed.strip() and typed != text else None
    st.session_state[NOTES] = text
    st.session_state[UPLOADED] = {"name": name, "text": text, "warnings": found.warnings}
    if found.call_date:  # a date the file gives that cannot be read leaves the page's date alone
        with contextlib.suppress(ValueError):
            st.session_state[CALL_DATE] = dt.date.fromisoformat(found.call_date)
    which = f" (record {record}, one of {count})" if count > 1 else ""
    _say(UPLOAD_MESSAGE, "success", f"Read {len(text):,} characters from {name}{which} into the notes.")


def restore_typed_notes() -> None:
    """Bring back the notes a file replaced."""
    st.session_state[NOTES] = st.session_state.pop(REPLACED_NOTES, None) or ""
    st.session_state.pop(UPLOAD_MESSAGE, None)


def upload_warnings(notes: str) -> list[str]:
    """What reading the file noticed, while the notes are still that file's text."""
    uploaded = st.session_state.get(UPLOADED)
    if uploaded and uploaded["text"] == notes:
        return list(uploaded["warnings"])
    return []


def apply_override() -> None:
    """Record the override from the form, then keep a saved report in step with it."""
    base: QualificationReport | None = st.session_state.get(BASE)
    if base is None:
        return
    status = st.session_state[OVERRIDE_STATUS]
    try:
        new = Override(
            criterion=st.session_state[OVERRIDE_CRITERION],
            status=None if status == FROM_VALUE else status,
            value=st.session_state.get(OVERRIDE_VALUE) or None,
            reason=st.session_state.get(OVERRIDE_REASON, ""),
            by=st.session_state.get(OVERRIDE_BY, ""),
        )
        overrides = merge_override(st.session_state.get(OVERRIDES, []), new, base)
        apply_overrides(
            base, overrides, get_assistant().knowledge.rubric
        )  # a value that cannot be read fails here
    except Exception as exc:
        _say(OVERRIDE_MESSAGE, "error", error_message("The override", exc))
        return
    st.session_state[OVERRIDES] = overrides
    st.session_state[OVERRIDE_REASON] = ""
    st.session_state[OVERRIDE_VALUE] = ""
    title = CRITERION_TITLE[new.criterion]
    target = new.status or f"the value {new.value}"
    done = f"{title} set to {target}" if new in overrides else f"{title} is back to what the notes say"
    _say(OVERRIDE_MESSAGE, "success", done + _sync_saved())


def remove_override(criterion: str) -> None:
    """Withdraw one override: the status from the notes applies again."""
    overrides = [o for o in st.session_state.get(OVERRIDES, []) if o.criterion != criterion]
    st.session_state[OVERRIDES] = overrides
    _say(OVERRIDE_MESSAGE, "success", f"Override withdrawn{_sync_saved()}")


def _sync_saved() -> str:
    """Write the overridden report over its saved record; a sentence to append to the message."""
    record_id = st.session_state.get(SAVED_ID)
    if record_id is None:
        return "."
    try:
        report = shown_report()
        assert report is not None
        get_history().update_payload(record_id, report)
    except Exception as exc:
        return f"; the saved copy was NOT updated: {error_message('Updating the history', exc)}"
    return f"; saved record #{record_id} updated."


def save_to_history(report: QualificationReport, account: str) -> int:
    """Save the report (with its overrides) under the account; the record id for later updates."""
    record = save_qualification(get_history(), account, report, st.session_state.get(NOTES_USED))
    st.session_state[SAVED_ID] = record.id
    st.session_state[SAVED_ACCOUNT] = record.account_name
    return record.id
