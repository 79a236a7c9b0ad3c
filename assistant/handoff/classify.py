"""Place each statement of the notes in one section of the brief, by heading, label or cue.

A heading or label wins ("## Risks", "Open items:"); otherwise cues decide in a fixed order
(open items, commitments, risks, why, success, first 90 days, what was sold, contract dates).
Technical context also gathers sentences about integrations, SSO, security and hosting.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.extract.cues import compile_terms, has
from assistant.extract.document import read_notes
from assistant.extract.pain import read_problem
from assistant.handoff import fact_cues, section_cues
from assistant.handoff.facts import DealFacts
from assistant.handoff.schemas import Section, SourceDocument, SourceRef
from assistant.handoff.section_cues import Topic
from assistant.handoff.statements import Statement
from assistant.knowledge.load import Knowledge


@cache
def _technical_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return compile_terms(patterns)


def technical_pattern(knowledge: Knowledge) -> re.Pattern[str]:
    """Sales-engineer topics from signals.yaml: integrations, APIs, SSO, security, hosting, migration."""
    patterns = tuple(
        p for topic in knowledge.signals.topics if topic.role == "sales_engineer" for p in topic.patterns
    )
    return _technical_pattern(patterns)


def _pain_statements(sources: list[SourceDocument], statements: list[Statement]) -> set[int]:
    """Call-note statements holding the pain the qualification rules found."""
    found: set[int] = set()
    for source in sources:
        if source.kind != "call_notes":
            continue
        evidence = read_problem(read_notes(source.text)).evidence
        for index, statement in enumerate(statements):
            if statement.source.id == source.id and any(quote in statement.quote for quote in evidence):
                found.add(index)
    return found


def _cue_rules(deal: bool) -> list[tuple[Section, re.Pattern[str]]]:
    risk_first: list[tuple[Section, re.Pattern[str]]] = [
        ("risks", section_cues.RISK),
        ("why_they_bought", section_cues.WHY),
    ]
    return [
        ("open_items", section_cues.OPEN_ITEM),
        ("commitments", section_cues.COMMITMENT),
        *(risk_first if deal else risk_first[::-1]),
        ("success_criteria", section_cues.SUCCESS),
        ("first_90_days", section_cues.FIRST_90),
    ]


def primary_section(
    statement: Statement, index: int, facts: DealFacts, pain: set[int], dated: set[SourceRef]
) -> Topic | None:
    """The one section a statement belongs to, or None when it says nothing the brief needs.

    Open items and commitments come first (a promise about a product is a promise), then the deal's
    own terms, then risks, pain, success criteria and the first 90 days.
    """
    kind = statement.source.kind
    if kind == "qualification":
        return None
    if statement.ours:
        return "commitments" if has(section_cues.COMMITMENT, statement.quote) else None
    deal = kind == "deal_notes"
    if deal and has(fact_cues.ROADMAP, statement.quote):
        return "risks"  # a roadmap ask is not a commitment, whatever heading it sits under
    if statement.heading is not None:
        return statement.heading
    if statement.topic is not None:  # a "Price:" label, unless the value is still open ("Price: TBD")
        return "open_items" if has(section_cues.OPEN_ITEM, statement.quote) else statement.topic
    if index in pain:
        return "why_they_bought"
    rules = _cue_rules(deal)
    if has(rules[0][1], statement.quote):
        return rules[0][0]
    if deal and has(fact_cues.COMMERCIAL, statement.quote):
        return _commercial_section(statement.quote)
    if has(rules[1][1], statement.quote):
        return rules[1][0]
    ref = statement.ref()
    if deal and (
        index in facts.product_statements
        or any(fact is not None and fact.ref == ref for fact in (facts.price, facts.term, facts.seats))
    ):
        return "sold"
    for section, pattern in rules[2:]:
        if has(pattern, statement.quote):
            return section
    if ref in dated:
        return "snapshot"
    return None


def _commercial_section(quote: str) -> Section:
    """A discount or payment term given is part of the deal; one still promised is a commitment."""
    promised = has(fact_cues.PROMISE, quote) or has(fact_cues.CONDITIONAL, quote)
    return "commitments" if promised else "sold"


def classify(
    sources: list[SourceDocument],
    statements: list[Statement],
    facts: DealFacts,
    knowledge: Knowledge,
    stakeholder_statements: set[int],
) -> dict[Section, list[int]]:
    """Statement indexes per section, in the order the notes give them."""
    pain, dated = _pain_statements(sources, statements), facts.contract_refs
    placed: dict[Section, list[int]] = {}
    for index, statement in enumerate(statements):
        topic = primary_section(statement, index, facts, pain, dated)
        if topic is None or topic == "stakeholders":
            continue
        placed.setdefault(topic, []).append(index)
    contacts = {index for index in stakeholder_statements if statements[index].topic == "stakeholders"}
    _add_technical(statements, placed, knowledge, contacts)
    return placed


def _add_technical(
    statements: list[Statement], placed: dict[Section, list[int]], knowledge: Knowledge, skip: set[int]
) -> None:
    """Technical sentences that landed nowhere (or came from the call) join the technical context."""
    pattern = technical_pattern(knowledge)
    elsewhere = {index for indexes in placed.values() for index in indexes}
    technical = placed.setdefault("technical_context", [])
    candidates = [
        index
        for index, statement in enumerate(statements)
        if index not in skip
        and index not in technical
        and not statement.ours
        and statement.source.kind != "qualification"
        and has(pattern, statement.quote)
    ]
    loose = [i for i in candidates if i not in elsewhere or statements[i].source.kind == "call_notes"]
    technical.extend(loose)  # a sentence placed elsewhere stays there: no section repeats another
    technical.sort()
    if not technical:
        del placed["technical_context"]
