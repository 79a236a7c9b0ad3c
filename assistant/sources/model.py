"""What every source reader gives: records of notes with their call date and CRM ids, or a problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.text.decoding import InputError

SourceFormat = Literal[
    "auto", "text", "vtt", "otter", "markdown", "gong", "fireflies", "salesforce", "hubspot", "csv", "jsonl"
]
FORMATS: tuple[str, ...] = SourceFormat.__args__  # type: ignore[attr-defined]
RECORD_FORMATS = frozenset({"gong", "fireflies", "salesforce", "hubspot", "csv", "jsonl"})
"""Formats that may hold several calls or CRM records in one file."""


class SourceError(InputError):
    """A source file that cannot be read as its format; the message names the file and what to do."""


@dataclass(frozen=True)
class SourceRecord:
    """One call or CRM record: its notes as text, and what the output must carry back.

    `record` holds the CRM ids (a Salesforce Task's WhoId and WhatId, a HubSpot note's associated
    ids) so a result can be written back to the record it came from; `id` names the record in the
    batch output.
    """

    number: int
    id: str | None
    notes: str
    call_date: str | None = None
    """YYYY-MM-DD when the source gives a readable date, else as written (the batch names its problem)."""
    record: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SourceProblem:
    """A record that could not be read: the batch gives it an error line and goes on."""

    number: int
    problem: str
    id: str | None = None


SourceItem = SourceRecord | SourceProblem


@dataclass(frozen=True)
class Columns:
    """Which CSV columns hold the id, the notes and the call date (`--id-column` ...)."""

    id: str | None = None
    notes: str | None = None
    date: str | None = None
