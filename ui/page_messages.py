"""One message left by a button's callback, shown once where the user acted, in its kind's colour."""

from __future__ import annotations

import streamlit as st

from assistant.text.markdown import escape_streamlit
from ui.common import show_error

ICONS = {"success": ":material/check_circle:", "info": ":material/info:", "warning": ":material/warning:"}


def show_message(key: str) -> None:
    """Show and forget the (kind, text) under `key`; kind `error_markdown` is Markdown escaped already."""
    message: tuple[str, str] | None = st.session_state.pop(key, None)
    if message is None:
        return
    kind, text = message
    if kind == "error":
        show_error(text)
    elif kind == "error_markdown":
        st.error(text, icon=":material/rule:")
    elif kind == "warning":
        st.warning(escape_streamlit(text), icon=ICONS[kind])
    elif kind == "info":
        st.info(escape_streamlit(text), icon=ICONS[kind])
    else:
        st.success(escape_streamlit(text), icon=ICONS["success"])
