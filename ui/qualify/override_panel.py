"""The form that overrides a criterion's status, and the list of overrides in force."""

from __future__ import annotations

from typing import get_args

import streamlit as st

from assistant.domain import CRITERIA, Status
from assistant.qualify.render import CRITERION_TITLE
from assistant.qualify.schemas import QualificationReport
from assistant.text.markdown import escape_streamlit
from ui.common import show_error
from ui.qualify import state as keys

STATUSES: tuple[Status, ...] = get_args(Status)


def _status_label(option: str) -> str:
    return "— judged from the value —" if option == keys.FROM_VALUE else option


def render_override_panel(report: QualificationReport) -> None:
    """Pick a criterion, a status or a value (or both), say why; the rubric rescores at once."""
    st.caption(
        "Know better than the notes? Set a criterion's status, or its value (size, budget, timeline and "
        "industry values are judged by the rubric's thresholds; a status given too wins), and say why: "
        "the rubric recomputes the score, verdict and next questions, and the override is kept with the "
        "report (and its saved copy)."
    )
    criterion, status, value, reason, who = st.columns([2, 2, 3, 4, 2], vertical_alignment="bottom")
    criterion.selectbox(
        "Criterion", CRITERIA, format_func=CRITERION_TITLE.__getitem__, key=keys.OVERRIDE_CRITERION
    )
    status.selectbox(
        "New status", (keys.FROM_VALUE, *STATUSES), format_func=_status_label, key=keys.OVERRIDE_STATUS
    )
    value.text_input(
        "New value",
        key=keys.OVERRIDE_VALUE,
        placeholder="e.g. 450 employees, 120000 USD approved, 2027-03-31",
        persist_state="session",
    )
    reason.text_input(
        "Reason",
        key=keys.OVERRIDE_REASON,
        placeholder="e.g. budget confirmed by email on 12 Nov",
        persist_state="session",
    )
    who.text_input("Your name", key=keys.OVERRIDE_BY, persist_state="session")
    st.button("Apply override", key="override_apply", on_click=keys.apply_override, icon=":material/edit:")
    _message()
    _in_force(report)


def _in_force(report: QualificationReport) -> None:
    """The overrides applied, each with what it changed and a button to withdraw it."""
    for override in report.overrides:
        text, button = st.columns([8, 2], vertical_alignment="center")
        by = f" by {escape_streamlit(override.by)}" if override.by else ""
        now = report.criteria[override.criterion].status
        value_note = f" (value {escape_streamlit(override.value)})" if override.value else ""
        text.markdown(
            f"**{CRITERION_TITLE[override.criterion]}**: {override.previous} → {now}{value_note}{by}: "
            f"{escape_streamlit(override.reason)}"
        )
        button.button(
            "Withdraw",
            key=f"override_remove_{override.criterion}",
            on_click=keys.remove_override,
            args=(override.criterion,),
        )


def _message() -> None:
    message = st.session_state.pop(keys.OVERRIDE_MESSAGE, None)
    if message is None:
        return
    kind, text = message
    if kind == "error":
        show_error(text)
    else:
        st.success(escape_streamlit(text), icon=":material/check:")
