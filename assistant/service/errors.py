"""Which failures the HTTP API and the MCP server report as the caller's problem, and which as theirs.

Every error below already carries a message written for a person (what is wrong, what to do), so
both front ends pass the message on; only the status differs. A failure the caller can fix by
changing the request is a 4xx; a broken knowledge file, index or database is the server's (503),
since no change to the request helps. Anything not listed is unforeseen: the caller gets a
generic message and the server logs the traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from assistant.handoff.graph import HandoffInputError
from assistant.history import HistoryError
from assistant.knowledge.load import KnowledgeError
from assistant.library.documents import PlaybookDocError
from assistant.library.embeddings import EmbeddingError
from assistant.library.models import RetrievalError
from assistant.llm.gateway import LLMError
from assistant.renewal.facts import FactsError
from assistant.text.decoding import InputError


class UnknownAccount(HistoryError):
    """No account of that name has saved work (the message suggests close names)."""


class BadAccountName(HistoryError):
    """A name the history cannot file under (no letters or digits, too long)."""


@dataclass(frozen=True)
class Problem:
    """A failure as a front end reports it: an HTTP status and one readable message."""

    status: int
    message: str


_CALLER_ERRORS: tuple[type[Exception], ...] = (InputError, FactsError, HandoffInputError, BadAccountName)
_SERVER_ERRORS: tuple[type[Exception], ...] = (
    KnowledgeError,
    RetrievalError,
    EmbeddingError,
    PlaybookDocError,
    HistoryError,
)


KNOWN_ERRORS: tuple[type[Exception], ...] = (ValidationError, LLMError, *_CALLER_ERRORS, *_SERVER_ERRORS)
"""Every failure `problem_of` phrases; a front end registers its handler for each."""


def first_error(exc: ValidationError) -> str:
    """The first problem of a validation error in one line: 'call_date: Input should be a valid date'."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    cause = first.get("ctx", {}).get("error")
    message = str(cause) if first["type"] == "value_error" and cause else first["msg"]  # no "Value error, "
    return f"{field}: {message}" if field else message


def problem_of(exc: BaseException) -> Problem | None:
    """The status and message for a failure phrased for the user; None for an unforeseen one."""
    if isinstance(exc, UnknownAccount):
        return Problem(404, str(exc))
    if isinstance(exc, ValidationError):
        return Problem(422, first_error(exc))
    if isinstance(exc, _CALLER_ERRORS):
        return Problem(422, str(exc))
    if isinstance(exc, LLMError):
        return Problem(502, str(exc))
    if isinstance(exc, _SERVER_ERRORS):
        return Problem(503, str(exc))
    return None
