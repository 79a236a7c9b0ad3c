"""An optional password in front of the whole app (ASSISTANT_UI_PASSWORD); teams use an auth proxy.

`ui/app.py` calls `password_gate` before navigation runs, so while a session is locked no page
script runs at all: nothing from the history, the library or the knowledge files is read. The
typed password is compared in constant time and never kept; the session remembers only a hash
of the configured password, so changing it locks every open session again. When the settings
cannot be read the app stays locked (it cannot know whether a password is wanted).
"""

from __future__ import annotations

import hashlib
import hmac

import streamlit as st
from pydantic import SecretStr, ValidationError

from ui.common import current_settings, error_message, show_error
from ui.login_throttle import LoginThrottle

TYPED = "ui_password_typed"
UNLOCKED = "ui_unlocked_for"  # hash of the password this session was opened with
FAILED = "ui_password_failed"


def _fingerprint(secret: SecretStr) -> str:
    return hashlib.sha256(secret.get_secret_value().encode("utf-8")).hexdigest()


_THROTTLE = LoginThrottle()


def login_throttle() -> LoginThrottle:
    """One failure table for the whole server process (every session is a thread of it; the
    module stays imported across reruns, unlike anything defined in a page script)."""
    return _THROTTLE


def client_key() -> str:
    """Who is trying: the client's address as Streamlit sees it (one shared key when unknown)."""
    address = getattr(st.context, "ip_address", None)
    return address if isinstance(address, str) and address else "unknown client"


def _check_password(expected: SecretStr) -> None:
    """Form callback: open the session on the right password; count a failure, with backoff."""
    typed = str(st.session_state.get(TYPED) or "")
    st.session_state[TYPED] = ""  # the typed password is not kept in the session
    throttle, client = login_throttle(), client_key()
    if throttle.wait_s(client) > 0:
        st.session_state[FAILED] = "wait"  # not even checked while the client waits
        return
    if hmac.compare_digest(typed.encode("utf-8"), expected.get_secret_value().encode("utf-8")):
        throttle.succeeded(client)
        st.session_state[UNLOCKED] = _fingerprint(expected)
        st.session_state.pop(FAILED, None)
    else:
        throttle.failed(client)
        st.session_state[FAILED] = True


def log_out() -> None:
    """Lock this session again."""
    st.session_state.pop(UNLOCKED, None)


def password_gate() -> bool:
    """True when the app may show its pages; otherwise draw the login form (or the settings error)."""
    try:
        expected = current_settings().ui_password
    except ValidationError as exc:
        show_error(error_message("Reading the settings", exc))
        return False
    if expected is None:
        return True
    if st.session_state.get(UNLOCKED) == _fingerprint(expected):
        st.sidebar.button("Log out", key="ui_log_out", on_click=log_out, icon=":material/logout:")
        return True
    _login_form(expected)
    return False


def _login_form(expected: SecretStr) -> None:
    st.title("Sales assistant")
    st.caption("This app asks for a password. Ask whoever runs it, or see docs/security.md.")
    with st.form("ui_login"):
        st.text_input("Password", type="password", key=TYPED)
        st.form_submit_button(
            "Open", type="primary", key="ui_login_submit", on_click=_check_password, args=(expected,)
        )
    wait = login_throttle().wait_s(client_key())
    if wait > 0:
        show_error(f"Too many wrong passwords: try again in {wait:.0f} s.")
    elif st.session_state.get(FAILED):
        show_error("Wrong password. Try again.")
