"""Which specialists to bring in, who on the roster fits, and the evidence that calls them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from assistant.domain import Role, Verdict
from assistant.extract.cues import compile_terms, find_hits
from assistant.extract.document import NoteDocument
from assistant.extract.language import detect_language
from assistant.knowledge.load import Knowledge
from assistant.knowledge.schemas import Person
from assistant.qualify.schemas import Recommendation
from assistant.text.fold import fold

_ROLE_ORDER: tuple[Role, ...] = (
    "sales_engineer",
    "industry_expert",
    "specialist_ae",
    "channel_ae",
    "csm",
    "renewal_rep",
)


@dataclass
class _Call:
    """Why one role is needed: the topics or product lines that fired, and where."""

    role: Role
    topics: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    product: str | None = None

    def add(self, key: str, label: str, clause_text: str) -> None:
        if key not in self.topics:
            self.topics.append(key)
            self.labels.append(label)
        if clause_text not in self.evidence and len(self.evidence) < 3:
            self.evidence.append(clause_text)


def buyer_region(doc: NoteDocument, knowledge: Knowledge) -> str | None:
    """The first region whose places the notes name."""
    text = fold(doc.raw)
    for region, places in knowledge.roster.regions.items():
        if places and compile_terms(tuple(places)).search(text):
            return region
    return None


def _expert_industries(knowledge: Knowledge) -> set[str]:
    return {key for person in knowledge.roster.by_role("industry_expert") for key in person.industries}


def _signal_calls(doc: NoteDocument, knowledge: Knowledge, industry_key: str | None) -> dict[str, _Call]:
    calls: dict[str, _Call] = {}
    covered = industry_key in _expert_industries(knowledge)
    for topic in knowledge.signals.topics:
        if topic.needs_industry_expert and not covered:
            continue
        for hit in find_hits(compile_terms(tuple(topic.patterns)), doc.prospect_clauses, skip_negated=True):
            call = calls.setdefault(topic.role, _Call(topic.role))
            call.add(topic.key, topic.label, hit.clause.text)
    for product in knowledge.products.products:
        if product.kind != "add_on" or product.sold_by != "specialist_ae" or not product.signals:
            continue
        for hit in find_hits(compile_terms(tuple(product.signals)), doc.prospect_clauses, skip_negated=True):
            call = calls.setdefault(
                f"specialist_ae:{product.key}", _Call("specialist_ae", product=product.key)
            )
            call.add(product.key, product.name, hit.clause.text)
    return calls


def _fit(person: Person, call: _Call, industry_key: str | None, region: str | None, language: str) -> int:
    """How well a roster person fits: specialty, product line, industry, region, language."""
    score = 3 * len(set(person.specialties) & set(call.topics))
    score += 4 if call.product and call.product in person.product_lines else 0
    score += 4 if industry_key and industry_key in person.industries else 0
    score += 3 if region and region in person.regions else 0
    score += 1 if language in person.languages else 0
    return score


def _pick(
    call: _Call, knowledge: Knowledge, industry_key: str | None, region: str | None, language: str
) -> Person | None:
    people = knowledge.roster.by_role(call.role)
    if call.role == "industry_expert":
        people = [p for p in people if industry_key in p.industries]
    if call.product:
        people = [p for p in people if call.product in p.product_lines] or people
    ranked = sorted(people, key=lambda p: -_fit(p, call, industry_key, region, language))
    return ranked[0] if ranked else None


def _reason(call: _Call, person: Person, industry_label: str | None) -> str:
    topics = ", ".join(call.labels)
    detail = {
        "sales_engineer": f"technical questions ({topics})",
        "industry_expert": f"{topics} in {industry_label or 'their industry'}",
        "specialist_ae": f"a need the {topics} line covers",
        "channel_ae": "the buyer purchases through a partner",
        "csm": f"{topics}",
        "renewal_rep": topics,
    }[call.role]
    skills = ", ".join(person.specialties or person.industries or person.product_lines or person.regions)
    fit = f" ({skills})" if skills else ""
    return f"Notes show {detail}; {person.name}{fit} is the roster match."


def recommend_specialists(
    doc: NoteDocument,
    knowledge: Knowledge,
    verdict: Verdict,
    industry_key: str | None,
    industry_label: str | None = None,
) -> list[Recommendation]:
    """Recommend each role whose triggers appear in the notes; nobody for a disqualified lead."""
    if verdict == "disqualified":
        return []
    calls = _signal_calls(doc, knowledge, industry_key)
    region, language = buyer_region(doc, knowledge), detect_language(doc.raw)
    region = region or (None if language == "es" else knowledge.roster.default_region or None)
    by_role: dict[Role, list[Recommendation]] = defaultdict(list)
    for call in calls.values():
        person = _pick(call, knowledge, industry_key, region, language)
        if person is None or not call.evidence:
            continue
        by_role[call.role].append(
            Recommendation(
                role=call.role,
                name=person.name,
                reason=_reason(call, person, industry_label),
                evidence=call.evidence,
            )
        )
    return [rec for role in _ROLE_ORDER for rec in by_role.get(role, [])]
