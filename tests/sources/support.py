"""Fixtures the project wrote itself (never someone's export) and the reader's view of a record."""

from __future__ import annotations

from pathlib import Path

from assistant.extract.document import read_notes
from assistant.sources.model import Columns, SourceRecord
from assistant.sources.read import read_one

FIXTURES = Path(__file__).parent / "fixtures"
LIMIT = 20_000_000


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def one(
    name: str, fmt: str = "auto", record: str | None = None, columns: Columns | None = None
) -> SourceRecord:
    return read_one(name, fixture(name), fmt, LIMIT, columns, record)


def parties(notes: str) -> dict[str, set[str]]:
    """Each speaker's parties as the document reader decides them."""
    found: dict[str, set[str]] = {}
    for clause in read_notes(notes).clauses:
        if clause.speaker and clause.kind not in ("attendee", "metadata"):
            found.setdefault(clause.speaker, set()).add(clause.party)
    return found


def party_of(notes: str, words: str) -> str:
    """The party of the clause that holds `words`."""
    return next(c.party for c in read_notes(notes).clauses if words in c.text)
