"""Helpers for the reading tests: qualify notes offline and look clauses up by their text."""

from __future__ import annotations

import datetime as dt

from assistant.extract.document import Clause, NoteDocument, read_notes
from assistant.knowledge.load import Knowledge
from assistant.qualify.engine import OfflineEngine
from assistant.qualify.rubric import judge
from assistant.qualify.schemas import CriterionResult

CALL = dt.date(2026, 11, 10)


def statuses(notes: str, knowledge: Knowledge, call: dt.date = CALL) -> dict[str, CriterionResult]:
    """Each criterion's result, as the report shows it."""
    extraction = OfflineEngine().extract(read_notes(notes), call, knowledge, [])
    return {name: judge(finding, knowledge.rubric) for name, finding in extraction.findings.items()}


def clause_with(doc: NoteDocument, fragment: str) -> Clause:
    """The first clause whose text holds a fragment (fails loudly when none does)."""
    found = [clause for clause in doc.clauses if fragment in clause.text]
    assert found, f"no clause holds {fragment!r}: {[c.text for c in doc.clauses]}"
    return found[0]
