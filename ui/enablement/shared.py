"""What the two enablement pages share: the library admin, table plumbing, flashed messages, callbacks.

Callbacks run before the page script, so a list drawn at the top of the page already shows an
upload or a deletion made by a button further down.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from assistant.library.admin import PlaybookAdmin
from assistant.text.markdown import escape_streamlit
from ui.common import current_settings, error_message, get_assistant, show_error

FLASH_KEY = "enablement_flash"
"""Messages kept for the next run of the page: (page, level, text)."""

Level = str  # "success", "info", "warning" or "error"


def get_admin() -> PlaybookAdmin:
    """Library management over the cached assistant's index and knowledge."""
    assistant = get_assistant()
    return PlaybookAdmin(current_settings(), assistant.library, assistant.knowledge)


def flash(page: str, level: Level, text: str) -> None:
    """Keep a message for the page's next run (callbacks cannot draw)."""
    st.session_state.setdefault(FLASH_KEY, []).append((page, level, text))


def show_flashes(page: str) -> None:
    """Show, then forget, the page's kept messages; their text is escaped (it quotes file names)."""
    kept = st.session_state.get(FLASH_KEY, [])
    st.session_state[FLASH_KEY] = [item for item in kept if item[0] != page]
    for _, level, text in (item for item in kept if item[0] == page):
        if level == "error":
            show_error(text)
        elif level == "warning":
            st.warning(escape_streamlit(text), icon=":material/warning:")
        elif level == "info":
            st.info(escape_streamlit(text), icon=":material/info:")
        else:
            st.success(escape_streamlit(text), icon=":material/check_circle:")


def guarded(page: str, doing: str, action: Callable[[], None]) -> bool:
    """Run a callback's work; a failure becomes a readable message, never a stack trace."""
    try:
        action()
    except Exception as exc:
        flash(page, "error", error_message(doing, exc))
        return False
    return True


def table_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """An edited table as plain rows: NaN cells become None, array cells become lists."""
    rows = []
    for record in frame.to_dict("records"):
        rows.append({str(key): _plain_cell(value) for key, value in record.items()})
    return rows


def _plain_cell(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def bump_version(key: str) -> None:
    """Start a form afresh (its widget keys carry this version), e.g. after a save."""
    st.session_state[key] = int(st.session_state.get(key, 0)) + 1
