"""Saved reports, briefs and plans per account, in SQLite by default or PostgreSQL by URL."""

from __future__ import annotations

from assistant.history.errors import HistoryError
from assistant.history.models import RECORD_KINDS, AccountExport, AccountSummary, RecordKind, SavedRecord
from assistant.history.names import normalise_account_name
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
