"""Shared checks for the transition brief tests: every line cited, every quote verbatim."""

from __future__ import annotations

import datetime as dt
import re

from assistant.handoff.schemas import SECTIONS, SourceDocument, SourceRef, TransitionBrief
from assistant.handoff.sources import notes_source
from assistant.settings import PROJECT_ROOT

AS_OF = dt.date(2026, 11, 20)
DEAL_NOTES = (PROJECT_ROOT / "examples" / "halvorsen-won-deal-notes.md").read_text(encoding="utf-8")
CALL_NOTES = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def deal(text: str, id: str = "deal-notes-1") -> SourceDocument:
    return notes_source(text, "deal_notes", id=id, date=AS_OF)


def halvorsen_sources() -> list[SourceDocument]:
    return [
        deal(DEAL_NOTES),
        notes_source(CALL_NOTES, "call_notes", id="call-notes-1", date=dt.date(2026, 11, 10)),
    ]


def _digits(text: str) -> list[str]:
    """Numbers as digit strings, thousands separators removed ("1,200" and "1.200" -> "1200")."""
    return [re.sub(r"[.,]", "", n) for n in re.findall(r"\d[\d.,]*\d|\d", text)]


def assert_ref_verbatim(ref: SourceRef, texts: dict[str, str]) -> None:
    assert ref.source_id in texts, f"unknown source {ref.source_id}"
    assert squash(ref.quote) in texts[ref.source_id], f"not verbatim in {ref.source_id}: {ref.quote!r}"


def assert_every_line_sourced(brief: TransitionBrief, sources: list[SourceDocument]) -> int:
    """Every factual line cites a source whose text holds its quote, and names no number it lacks.

    Returns how many lines were checked, so a test can also assert the brief is not empty.
    """
    texts = {source.id: squash(source.text) for source in sources}
    checked = 0
    for name in SECTIONS:
        for line in brief.section(name):
            assert line.sources, f"{name}: {line.text!r} has no source"
            for ref in line.sources:
                assert_ref_verbatim(ref, texts)
            quoted = {number for ref in line.sources for number in _digits(ref.quote)}
            for number in _digits(line.text):
                assert number in quoted, f"{name}: {number} in {line.text!r} is in none of its quotes"
            checked += 1
    for person in brief.stakeholders:
        assert person.sources
        for ref in person.sources:
            assert_ref_verbatim(ref, texts)
        assert any(squash(person.name) in squash(ref.quote) for ref in person.sources)
        checked += 1
    for item in brief.internal_meeting_agenda + brief.intro_call_agenda:
        assert item.sources or item.procedural, f"agenda item without a source: {item.text!r}"
        for ref in item.sources:
            assert_ref_verbatim(ref, texts)
    for ref in [r for a in brief.assignments for r in a.sources] + list(brief.holdout.sources):
        assert_ref_verbatim(ref, texts)
    return checked
