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


def render_override_panel(report: QualificationReport) -> None:
    """Pick a criterion and a status, say why; the rubric rescores at once."""
    st.caption(
        "Know better than the notes? Set a criterion's status and say why: the rubric recomputes the "
        "score and verdict, and the override is kept with the report (and its saved copy)."
    )
    criterion, status, reason, who = st.columns([2, 2, 5, 2], vertical_alignment="bottom")
    criterion.selectbox(
        "Criterion", CRITERIA, format_func=CRITERION_TITLE.__getitem__, key=keys.OVERRIDE_CRITERION
    )
    status.selectbox("New status", STATUSES, key=keys.OVERRIDE_STATUS)
    reason.text_input(
        "Reason",
        key=keys.OVERRIDE_REASON,
        placeholder="e.g. budget confirmed by email on 12 Nov",
        persist_state="session",
    )
    who.text_input("Your name", key=keys.OVERRIDE_BY, persist_state="session")
    st.button("Apply override", key="override_apply", on_click=keys.apply_override, icon=":material/edit:")
    _message()
    for override in report.overrides:
        text, button = st.columns([8, 2], vertical_alignment="center")
        by = f" by {escape_streamlit(override.by)}" if override.by else ""
        text.markdown(
            f"**{CRITERION_TITLE[override.criterion]}**: {override.previous} → {override.status}{by}: "
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
