"""What every page shares: the settings, one cached assistant and history, the sidebar, readable errors.

Streamlit sessions are threads of one process, so the assistant (its Chroma client and models)
and the history's connection pool are built once per settings with `st.cache_resource`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import streamlit as st
from pydantic import ValidationError

from assistant.errors import os_problem, redact_url
from assistant.history import AccountHistory, HistoryError
from assistant.history.database import describe, parse_url
from assistant.knowledge.load import KnowledgeError
from assistant.library.documents import PlaybookDocError
from assistant.library.embeddings import EmbeddingError
from assistant.library.models import RetrievalError
from assistant.llm.gateway import LLMError
from assistant.qualify.override_values import OverrideValueError
from assistant.runtime import Assistant
from assistant.settings import Settings, load_settings
from assistant.text.decoding import InputError
from assistant.text.markdown import escape_streamlit

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

log = logging.getLogger("sales_assistant.ui")

KNOWN_ERRORS: tuple[type[Exception], ...] = (
    InputError,
    KnowledgeError,
    RetrievalError,
    HistoryError,
    LLMError,
    EmbeddingError,
    OverrideValueError,
    PlaybookDocError,
)
"""Errors whose message is already written for the user (what is wrong, what to do)."""


def current_settings() -> Settings:
    """The settings for this run: ASSISTANT_* environment over defaults (read on every rerun)."""
    return load_settings()


def _settings_key(settings: Settings) -> str:
    """A cache key that changes with any setting, the API key included (hashed, never shown)."""
    secret = settings.api_key.get_secret_value() if settings.api_key else ""
    return settings.model_dump_json() + hashlib.sha256(secret.encode()).hexdigest()


@st.cache_resource(show_spinner="Preparing the assistant (the first run indexes the playbooks)…")
def _assistant_for(key: str, _settings: Settings) -> Assistant:
    assistant = Assistant(_settings)
    _ = assistant.library  # index on first use here, once per process, not inside a user's run
    return assistant


@st.cache_resource(show_spinner="Opening the account history…")
def _history_for(key: str, _settings: Settings) -> AccountHistory:
    return AccountHistory.from_settings(_settings)


def get_assistant(settings: Settings | None = None) -> Assistant:
    """The assistant for these settings, built once per process."""
    settings = settings or current_settings()
    return _assistant_for(_settings_key(settings), settings)


def get_history(settings: Settings | None = None) -> AccountHistory:
    """The account history for these settings, opened once per process."""
    settings = settings or current_settings()
    return _history_for(settings.history_url, settings)


def error_message(doing: str, exc: Exception) -> str:
    """One readable sentence for any failure; unknown ones are logged with their traceback."""
    if isinstance(exc, KNOWN_ERRORS):
        return f"{doing} failed: {exc}"
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        field = ".".join(str(part) for part in first["loc"])
        return f"{doing} failed: {field + ': ' if field else ''}{message}"
    if isinstance(exc, OSError):  # a full disk or a folder without permission: say which
        return f"{doing} failed: {os_problem(exc)}. What you typed is kept."
    log.exception("%s failed", doing)
    return (
        f"{doing} failed because of an unexpected problem (details are in the server log). "
        "What you typed is kept; try again, and tell the team if it keeps happening."
    )


def show_error(message: str) -> None:
    """An error box whose text (which may quote notes or file names) renders literally."""
    st.error(escape_streamlit(message), icon=":material/error:")


@contextmanager
def readable_errors(doing: str) -> Iterator[None]:
    """Show a failure inside the block as an error box and carry on; never a stack trace."""
    try:
        yield
    except Exception as exc:
        show_error(error_message(doing, exc))


def history_location(settings: Settings) -> str:
    """The history's SQLite file or URL with any password hidden."""
    try:
        return describe(parse_url(settings.history_url)).strip("'")
    except HistoryError as exc:
        return f"invalid ({exc})"


def render_sidebar(settings: Settings) -> None:
    """Engine and model in use, and where the data lives, on every page."""
    engine = "LLM through litellm" if settings.model else "offline rules (no model, no key)"
    lines = [
        f"**Engine:** {engine}",
        f"**Model:** {settings.model or 'none'}",
        *([f"**API base:** {redact_url(settings.api_base)}"] if settings.api_base else []),
        *([f"**Chroma server:** {redact_url(settings.chroma_url)}"] if settings.chroma_url else []),
        f"**Embedding:** {settings.embedding}",
        f"**Data directory:** {settings.data_dir}",
        f"**History:** {history_location(settings)}",
    ]
    with st.sidebar:
        st.markdown("  \n".join(_bold_label(line) for line in lines))
        st.caption("Set ASSISTANT_* variables (see the README) and restart to change these.")


def _bold_label(line: str) -> str:
    """Escape the value after a `**Label:**` prefix so paths and URLs show literally."""
    label, _, value = line.partition(":** ")
    return f"{label}:** {escape_streamlit(value)}"


_DOWNLOAD_KINDS = {
    "md": ("text/markdown", ":material/description:"),
    "json": ("application/json", ":material/data_object:"),
    "txt": ("text/plain", ":material/mail:"),
    "yaml": ("text/plain", ":material/download:"),
}


def offer_download(
    column: DeltaGenerator, label: str, data: str, file_name: str, key: str, help: str | None = None
) -> None:
    """A download button whose type and icon follow the file's suffix; clicking it does not rerun
    the page (the shown report, brief or plan stays as it is)."""
    mime, icon = _DOWNLOAD_KINDS.get(file_name.rsplit(".", 1)[-1], ("text/plain", ":material/download:"))
    column.download_button(
        label, data, file_name=file_name, mime=mime, on_click="ignore", key=key, icon=icon, help=help
    )
