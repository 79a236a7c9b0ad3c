"""Saved reports, briefs and plans per account, in SQLite by default or PostgreSQL by URL.

`AccountHistory` (SQLAlchemy, Alembic) is imported on first use, so code that only needs the
error or the record models (the CLI's error handler, `qualify` without `--save`) loads neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.history.errors import HistoryError
from assistant.history.models import RECORD_KINDS, AccountExport, AccountSummary, RecordKind, SavedRecord
from assistant.history.names import normalise_account_name

if TYPE_CHECKING:
    from assistant.history.store import AccountHistory

__all__ = [
    "RECORD_KINDS",
    "AccountExport",
    "AccountHistory",
    "AccountSummary",
    "HistoryError",
    "RecordKind",
    "SavedRecord",
    "normalise_account_name",
]


def __getattr__(name: str) -> Any:
    if name == "AccountHistory":
        from assistant.history.store import AccountHistory

        return AccountHistory
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
