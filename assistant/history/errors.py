"""The one error the account history raises, phrased for the person who has to act on it."""

from __future__ import annotations


class HistoryError(Exception):
    """A locked or unreachable database, a bad URL, a newer schema, or an unknown account."""
