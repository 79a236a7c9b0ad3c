"""The two meetings of the transition: AE + CSM internally, then the customer intro call.

Agenda items about the account are built from the brief's own cited lines (and cite them);
the steps of each meeting come from the AE-to-CSM transition playbook, whose passages are
cited when the library returned them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.extract.cues import has, terms
from assistant.handoff.reading import DealReading
from assistant.handoff.schemas import (
    STAKEHOLDER_ROLE_LABELS,
    AgendaItem,
    Assignment,
    BriefLine,
    HoldoutAdvice,
    SourceRef,
    Stakeholder,
)
from assistant.library.passages import PlaybookPassage
from assistant.text.wording import counted

AGENDA_QUERIES: dict[str, str] = {
    "internal": "internal transition meeting between the account executive and the CSM",
    "intro": "customer intro call with the customer, the CSM and the renewal rep",
    "knowledge": "what knowledge must pass over at the AE to CSM transition",
    "holdout": "land-and-expand holdout accounts the account executive keeps",
}


def templated_queries() -> list[str]:
    """Every query a transition brief can ask: their vectors can be made ahead."""
    return list(AGENDA_QUERIES.values())


_SECTION_HINTS = {
    "internal": r"internal transition meeting",
    "intro": r"intro call",
    "knowledge": r"knowledge must pass",
    "holdout": r"holdout",
}


INTERNAL = terms(
    "detractors?",
    "champions?",
    "economic buyer",
    "decision[- ]maker",
    "sceptic(al|s)?",
    "skeptic(al|s)?",
    "blockers?",
    "lukewarm",
    "pushed back",
    "not convinced",
    "unconvinced",
    "internal(ly)?",
    "discount(ed|s)?",
    "[0-9]+ ?% off",
    "gave [a-z0-9 %$]{1,20} off",
    "price",
    "pricing",
    "arr",
    "acv",
    "tcv",
    "margin",
    "quota",
    "commission",
    "roadmap",
    "not committed",
    "competitors?",
    "churn",
    "holdout",
    "upsell",
    "esceptic[oa]s?",
    "detractor(a|es)?",
    "campe[oó]n",
    "descuento",
    "precio",
    "competencia",
)
"""Words for the team only: attitudes and roles we give people, commercial talk, roadmap caveats. The
customer intro call's agenda never carries them."""


def customer_safe(lines: list[BriefLine]) -> list[BriefLine]:
    """The lines a customer may see on the intro call's agenda (none that names an internal label)."""
    return [line for line in lines if not has(INTERNAL, line.text)]


def _titled(people: list[Stakeholder]) -> str:
    """Contacts by name and title only, as the customer would introduce them."""
    return "; ".join(f"{p.name} ({p.title})" if p.title else p.name for p in people)


@dataclass
class Guidance:
    """The playbook passage behind each meeting, chosen from what retrieval returned."""

    passages: dict[str, PlaybookPassage] = field(default_factory=dict)

    def name(self, key: str) -> str | None:
        passage = self.passages.get(key)
        return f"{passage.source} § {passage.section}" if passage else None


def choose_guidance(hits: dict[str, list[PlaybookPassage]]) -> Guidance:
    """Per meeting, the hit whose section is about it, else the best hit for its query."""
    chosen: dict[str, PlaybookPassage] = {}
    everything = [hit for found in hits.values() for hit in found]
    for key, found in hits.items():
        named = [
            hit for hit in everything if re.search(_SECTION_HINTS.get(key, "^$"), hit.section, re.IGNORECASE)
        ]
        pick = named[0] if named else (found[0] if found else None)
        if pick is not None:
            chosen[key] = pick
    return Guidance(chosen)


def _refs(lines: list[BriefLine], limit: int = 6) -> list[SourceRef]:
    refs = [ref for line in lines for ref in line.sources]
    return list(dict.fromkeys(refs))[:limit]


def _fact(text: str, lines: list[BriefLine], guidance: str | None = None) -> AgendaItem | None:
    return AgendaItem(text=text, sources=_refs(lines), guidance=guidance) if lines else None


def _step(text: str, guidance: str | None = None) -> AgendaItem:
    return AgendaItem(text=text, procedural=True, guidance=guidance)


def _first(lines: list[BriefLine]) -> str:
    """The first line's text ('' when none: `_fact` then drops the item)."""
    return lines[0].text if lines else ""


def _join(lines: list[BriefLine]) -> str:
    return "; ".join(line.text.rstrip(". ") for line in lines)


def _count(items: list[BriefLine], noun: str) -> str:
    return counted(len(items), noun)


def _more(lines: list[BriefLine]) -> str:
    return f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""


def _people(people: list[Stakeholder]) -> str:
    def one(person: Stakeholder) -> str:
        roles = ", ".join(STAKEHOLDER_ROLE_LABELS[role] for role in person.roles)
        return f"{person.name} ({roles})" if roles else person.name

    return "; ".join(one(person) for person in people)


def _people_lines(people: list[Stakeholder]) -> list[BriefLine]:
    return [BriefLine(text=p.name, sources=p.sources[:1]) for p in people]


def internal_agenda(
    reading: DealReading, holdout: HoldoutAdvice, questions: list[str], guidance: Guidance
) -> list[AgendaItem]:
    """The AE walks the CSM through the account, then both agree the onboarding outline."""
    where = guidance.name("internal")
    items = _account_walkthrough(reading, guidance)
    found = [item for item in items if item is not None] + [_holdout_item(holdout, guidance)]
    if questions:
        noun = "open question" if len(questions) == 1 else "open questions"
        found.append(_step(f"Settle the {len(questions)} {noun} below before the customer intro call"))
    found.append(
        _step(
            "Agree the onboarding plan outline and the intro call agenda; record the decisions "
            "in the account history for the renewal rep",
            where,
        )
    )
    return found


def _account_walkthrough(reading: DealReading, guidance: Guidance) -> list[AgendaItem | None]:
    """One item per part of the account the CSM must hear from the AE; None where the brief has nothing."""
    where = guidance.name("internal")
    why, sold = reading.section("why_they_bought"), reading.section("snapshot")
    commitments, technical, risks = (
        reading.section(name) for name in ("commitments", "technical_context", "risks")
    )
    dated = [line for line in commitments if line.due]
    earliest = f", the first due {min(line.due for line in dated if line.due).isoformat()}" if dated else ""
    deal_terms = [
        line for line in sold if line.text.split(":")[0] in ("Products bought", "Price", "Term", "Seats")
    ]
    return [
        _fact(f"Why they bought and the outcome they expect: {_first(why)}{_more(why)}", why[:2], where),
        _fact(
            f"Stakeholders and their attitude: {_people(reading.stakeholders)}",
            _people_lines(reading.stakeholders),
            guidance.name("knowledge"),
        ),
        _fact(
            f"Walk through the {_count(commitments, 'commitment')} made in the sale; give each an owner and a "
            f"date{earliest}",
            commitments,
        ),
        _fact("What was sold: " + _join(deal_terms), deal_terms),
        _fact(
            f"Technical handover from the sales engineer: {_first(technical)}{_more(technical)}", technical
        ),
        _fact(f"Risks and churn signals: {_first(risks)}{_more(risks)}", risks),
    ]


def _holdout_item(holdout: HoldoutAdvice, guidance: Guidance) -> AgendaItem:
    """The AE's call on keeping the account for expansion, citing the holdout advice when it has sources."""
    keep = "keep it as a land-and-expand holdout" if holdout.keep else "hand it over fully"
    return (
        AgendaItem(
            text=f"Expansion potential: the brief suggests the AE {keep}; decide and record it",
            sources=holdout.sources,
            guidance=guidance.name("holdout"),
        )
        if holdout.sources
        else _step(f"Expansion potential: the brief suggests the AE {keep}; decide and record it")
    )


def _name(assignments: list[Assignment], role: str) -> str:
    person = next((a for a in assignments if a.role == role), None)
    return person.name if person else "(to be named)"


def intro_agenda(reading: DealReading, assignments: list[Assignment], guidance: Guidance) -> list[AgendaItem]:
    """Customer, AE, CSM and renewal rep: continuity first, then success criteria and next steps."""
    where = guidance.name("intro")
    why, success, first = (
        customer_safe(reading.section(n)) for n in ("why_they_bought", "success_criteria", "first_90_days")
    )
    dated = customer_safe([line for line in reading.section("commitments") if line.due])
    contacts = [p for p in reading.stakeholders if {"project_lead", "technical", "detractor"} & set(p.roles)]
    items = [
        _step(
            f"Introductions: the AE introduces {_name(assignments, 'csm')} (CSM, owns adoption and outcomes) and "
            f"{_name(assignments, 'renewal_rep')} (renewal rep, owns the commercial relationship)",
            where,
        ),
        _fact(f"The AE restates why they bought, in the customer's words: “{_first(why)}”", why[:1], where),
        _fact(f"The CSM confirms the success criteria: {_first(success)}{_more(success)}", success, where),
        _fact(f"Onboarding timeline and the first 90 days: {_first(first)}{_more(first)}", first),
        _fact("Dated commitments the customer will watch: " + _join(dated), dated),
        _fact(f"Who else should be involved: {_titled(contacts)}", _people_lines(contacts), where),
    ]
    found = [item for item in items if item is not None]
    if not contacts:
        found.append(_step("Ask who else should be involved (project lead, IT and security contacts)", where))
    found.append(_step("Agree the check-in cadence, the next steps and the kickoff date", where))
    return found
