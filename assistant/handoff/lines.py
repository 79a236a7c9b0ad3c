"""Turn placed statements and read facts into the brief's lines, each with its sources.

Lines are the notes' own sentences (so nothing is paraphrased into a new claim), except the
snapshot, whose values come from code (money, term, seats, size) and cite the sentence read.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.extract.dates import find_timeframes
from assistant.handoff.facts import DealFacts, Fact
from assistant.handoff.schemas import BriefLine, Section, SourceDocument, SourceRef, Stakeholder
from assistant.handoff.sources import qualification_evidence
from assistant.handoff.statements import Statement
from assistant.text.fold import fold, squash

DATED_SECTIONS: frozenset[Section] = frozenset({"commitments", "first_90_days", "open_items"})
_WHY_CRITERIA = {"problem": "Problem", "timeline": "Timeline", "budget": "Budget"}


def due_date(statement: Statement, as_of: dt.date) -> dt.date | None:
    """The first calendar date a statement names ("by 31 March 2027"), read against its note's date."""
    for mention in find_timeframes(statement.quote, statement.source.date or as_of):
        if mention.kind == "date" and mention.relation in ("by", "in"):
            return mention.latest
    return None


def statement_lines(
    placed: dict[Section, list[int]], statements: list[Statement], as_of: dt.date
) -> dict[Section, list[BriefLine]]:
    """One line per placed statement; commitments, first-90-day steps and open items get due dates."""
    lines: dict[Section, list[BriefLine]] = {}
    for section, indexes in placed.items():
        for index in indexes:
            statement = statements[index]
            due = due_date(statement, as_of) if section in DATED_SECTIONS else None
            add_line(
                lines.setdefault(section, []),
                BriefLine(text=statement.text, sources=[statement.ref()], due=due),
            )
    return lines


def add_line(lines: list[BriefLine], line: BriefLine) -> None:
    """Append a line, or merge its sources into a line that already quotes the same words."""
    new = [squash(ref.quote) for ref in line.sources]
    for existing in lines:
        old = [squash(ref.quote) for ref in existing.sources]
        if any(a in b or b in a for a in new for b in old):
            existing.sources.extend(ref for ref in line.sources if ref not in existing.sources)
            return
    lines.append(line)


def _fact_line(label: str, fact: Fact | None) -> BriefLine | None:
    return BriefLine(text=f"{label}: {fact.text}", sources=[fact.ref]) if fact else None


def _unique(refs: list[SourceRef]) -> list[SourceRef]:
    return [ref for index, ref in enumerate(refs) if ref not in refs[:index]]


def snapshot_lines(facts: DealFacts) -> list[BriefLine]:
    """The account at a glance: industry, size, our AE, products, price, term, seats, dates."""
    owner = facts.team.get("ae")
    candidates = [
        _fact_line("Industry", facts.industry),
        _fact_line("Company size", facts.employees),
        _fact_line("Account executive", owner[1] if owner else None),
    ]
    if facts.bought:
        names = ", ".join(fact.text for fact in facts.bought.values())
        refs = _unique([fact.ref for fact in facts.bought.values()])
        candidates.append(BriefLine(text=f"Products bought: {names}", sources=refs))
    candidates += [
        _fact_line("Price", facts.price),
        _fact_line("Term", facts.term),
        _fact_line("Seats", facts.seats),
        _fact_line("Discount given", facts.discount),
        _fact_line("Payment terms", facts.payment_terms),
    ]
    if facts.deferred:
        names = ", ".join(fact.text for fact in facts.deferred.values())
        refs = _unique([fact.ref for fact in facts.deferred.values()])
        candidates.append(BriefLine(text=f"Not bought (declined or deferred): {names}", sources=refs))
    lines = [line for line in candidates if line is not None]
    lines += [BriefLine(text=fact.text, sources=[fact.ref]) for fact in facts.contract_dates]
    return lines


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def drop_restated(lines: list[BriefLine], snapshot: list[BriefLine]) -> list[BriefLine]:
    """Lines that only restate a snapshot value ("Term: 36 months" under a "Term:" label) are left out,
    so no section repeats another; a sentence that says more than the value stays."""
    shown = {ref: _words(line.text) for line in snapshot for ref in line.sources}

    def restated(line: BriefLine) -> bool:
        value = _words(line.text.split(":", 1)[-1])
        return bool(value) and all(ref in shown and value in shown[ref] for ref in line.sources)

    return [line for line in lines if not restated(line)]


def signer_lines(stakeholders: list[Stakeholder]) -> list[BriefLine]:
    """Who signed (the decision makers the notes name), for the snapshot."""
    lines = []
    for person in stakeholders:
        if "decision_maker" in person.roles:
            title = f", {person.title}" if person.title else ""
            lines.append(BriefLine(text=f"Signed by: {person.name}{title}", sources=person.sources[:1]))
    return lines[:2]


def qualification_lines(sources: list[SourceDocument], why: list[BriefLine]) -> None:
    """The SDR's qualification evidence for problem, timeline and budget, citing the report."""
    for source in sources:
        if source.kind != "qualification":
            continue
        for criterion, status, quote in qualification_evidence(source):
            if criterion not in _WHY_CRITERIA or status not in ("met", "partial"):
                continue
            text = f"{_WHY_CRITERIA[criterion]} ({status} at qualification): {quote}"
            add_line(why, BriefLine(text=text, sources=[SourceRef(source_id=source.id, quote=quote)]))


def detractor_risks(stakeholders: list[Stakeholder], risks: list[BriefLine]) -> None:
    """A detractor is a churn risk; say so unless a risk line already names them."""
    for person in stakeholders:
        if "detractor" not in person.roles:
            continue
        if any(fold(person.name) in fold(line.text) for line in risks):
            continue
        title = f", {person.title}" if person.title else ""
        risks.append(BriefLine(text=f"Detractor: {person.name}{title}", sources=person.sources[:1]))
