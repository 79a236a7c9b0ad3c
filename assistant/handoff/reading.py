"""Deal readers turn the sources into the brief's cited lines; the graph takes any of them.

The offline reader is rules over the extract/ helpers: deterministic, no key, no network. The
LLM reader (llm_reader.py) adds verified model lines to it and falls back to it on failure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from assistant.domain import LLMUsage
from assistant.handoff.classify import classify
from assistant.handoff.facts import DealFacts, read_facts
from assistant.handoff.lines import (
    add_line,
    detractor_risks,
    drop_restated,
    qualification_lines,
    signer_lines,
    snapshot_lines,
    statement_lines,
)
from assistant.handoff.schemas import SECTIONS, BriefLine, Section, SourceDocument, Stakeholder
from assistant.handoff.stakeholders import read_stakeholders
from assistant.handoff.statements import Statement, read_statements
from assistant.knowledge.load import Knowledge
from assistant.library.passages import PlaybookPassage


@dataclass
class DealReading:
    """What a reader found: lines per section, stakeholders, and the facts code read."""

    engine: str
    lines: dict[Section, list[BriefLine]]
    stakeholders: list[Stakeholder]
    facts: DealFacts
    questions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    usage: LLMUsage | None = None
    dropped: int = 0
    model_lines: int = 0

    def section(self, name: Section) -> list[BriefLine]:
        """Lines of one section (empty when the notes say nothing)."""
        return self.lines.get(name, [])


class DealReader(Protocol):
    """Anything that reads sources into a DealReading: the offline rules, or an LLM."""

    name: str

    def read(
        self,
        sources: list[SourceDocument],
        knowledge: Knowledge,
        as_of: dt.date,
        passages: list[PlaybookPassage],
    ) -> DealReading: ...


def all_statements(sources: list[SourceDocument]) -> list[Statement]:
    """Statements of every source, deal notes first (the AE's words lead the brief)."""
    order = {"deal_notes": 0, "call_notes": 1, "qualification": 2}
    ranked = sorted(sources, key=lambda source: order[source.kind])
    return [statement for source in ranked for statement in read_statements(source)]


class OfflineDealReader:
    """Headings, labels, cue lexicons and the extract/ readers."""

    name = "offline"

    def read(
        self,
        sources: list[SourceDocument],
        knowledge: Knowledge,
        as_of: dt.date,
        passages: list[PlaybookPassage],
    ) -> DealReading:
        """Read facts, stakeholders and every section's lines from the sources."""
        statements = all_statements(sources)
        facts = read_facts(sources, statements, knowledge)
        stakeholders, introduced = read_stakeholders(statements, knowledge)
        placed = classify(sources, statements, facts, knowledge, introduced)
        dated = facts.contract_refs
        placed["sold"] = [i for i in placed.get("sold", []) if statements[i].ref() not in dated]
        lines = statement_lines(placed, statements, as_of)
        snapshot = snapshot_lines(facts)
        snapshot[len(snapshot) - len(facts.contract_dates) :] = [
            *signer_lines(stakeholders),
            *snapshot[len(snapshot) - len(facts.contract_dates) :],
        ]
        for line in lines.get("snapshot", []):
            add_line(snapshot, line)
        lines["snapshot"] = snapshot
        lines["sold"] = drop_restated(lines.get("sold", []), snapshot)
        qualification_lines(sources, lines.setdefault("why_they_bought", []))
        detractor_risks(stakeholders, lines.setdefault("risks", []))
        ordered = {name: lines[name] for name in SECTIONS if lines.get(name)}
        return DealReading(engine=self.name, lines=ordered, stakeholders=stakeholders, facts=facts)
