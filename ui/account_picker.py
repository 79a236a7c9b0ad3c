"""Pick an account saved in the history, or name a new one: shared by the handoff and renewal pages.

A saved account brings its calls, deal notes and briefs along; a new name starts from what is
typed on the page. Both choices are `typed_` keys kept for the session, so they survive a
visit to another page.
"""

from __future__ import annotations

import re

import streamlit as st

from assistant.history import AccountSummary
from assistant.text.markdown import escape_streamlit
from ui.common import get_history, readable_errors

NEW_ACCOUNT = "➕ A new account"
KIND_WORDS = {
    "qualification": ("qualification", "qualifications"),
    "deal_notes": ("set of deal notes", "sets of deal notes"),
    "brief": ("transition brief", "transition briefs"),
    "renewal_facts": ("set of facts", "sets of facts"),
    "renewal_plan": ("renewal plan", "renewal plans"),
}


def saved_accounts() -> list[AccountSummary]:
    """Every account in the history, most recently updated first (none if the history fails)."""
    with readable_errors("Reading the account history"):
        return get_history().accounts()
    return []


def pick_account(page: str, help_new: str) -> str:
    """The chosen account's name ("" when none yet), from the picker or the new-name field."""
    names = [summary.name for summary in saved_accounts()]
    pick_key, new_key = f"typed_{page}_account_pick", f"typed_{page}_account_new"
    if st.session_state.get(pick_key) not in (None, NEW_ACCOUNT, *names):
        st.session_state[pick_key] = None  # the account was renamed or the history changed
    st.selectbox(
        "Account",
        [NEW_ACCOUNT, *names],
        key=pick_key,
        index=None,
        persist_state="session",
        placeholder="Pick a saved account, or a new one"
        if names
        else "No saved accounts yet: pick a new one",
        help="Saved accounts come from the history (Qualify → Save to account history).",
    )
    if st.session_state.get(pick_key) == NEW_ACCOUNT:
        st.text_input(
            "New account name",
            key=new_key,
            persist_state="session",
            help=help_new,
            placeholder="e.g. Halvorsen Regional Bank",
        )
        return str(st.session_state.get(new_key) or "").strip()
    return str(st.session_state.get(pick_key) or "")


def describe_saved(summary: AccountSummary | None) -> str:
    """What the history holds for the account, in words ("2 qualifications, 1 transition brief")."""
    if summary is None:
        return "Nothing saved under this name yet."
    held = [f"{number} {KIND_WORDS[kind][number != 1]}" for kind, number in summary.counts.items() if number]
    return f"On file for {escape_streamlit(summary.name)}: {', '.join(held) or 'nothing yet'}."


def account_file_name(account: str, what: str, suffix: str) -> str:
    """A download's file name from the account name: letters, digits and dashes only."""
    stem = re.sub(r"[^a-z0-9]+", "-", account.lower()).strip("-")[:60] or "account"
    return f"{stem}-{what}.{suffix}"
