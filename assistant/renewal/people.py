"""Who to involve in the renewal, when and why: our team from the roster, theirs from the facts.

The playbook's rule is that the earlier the renewal rep is involved the better, so every person
comes with the milestone (and its date) by which they should be in the conversation.
"""

from __future__ import annotations

from typing import get_args

from assistant.extract.cues import compile_terms, find_hits
from assistant.extract.document import read_notes
from assistant.knowledge.load import Knowledge
from assistant.knowledge.schemas import Person, PersonRole
from assistant.renewal.facts import RenewalFacts, Stakeholder
from assistant.renewal.schemas import ExpansionPlay, HealthAssessment, InvolvedPerson, TimelineEntry

PLAY_SPECIALTIES = {"rollout": "rollout", "training": "training", "certification": "training"}


def _when(timeline: list[TimelineEntry], key: str) -> str:
    entry = next((e for e in timeline if e.key == key), None)
    if entry is None:
        return "now"
    return f"{entry.label} ({entry.date})"


def _first_owned(timeline: list[TimelineEntry], role: str) -> str:
    entry = next((e for e in timeline if role in e.owners), None)
    return f"{entry.label} ({entry.date})" if entry else "now"


def _named(knowledge: Knowledge, facts: RenewalFacts, role: PersonRole) -> Person | None:
    """The account team's named person for the role, if the facts name one on the roster."""
    name = facts.account_team.get(role)
    return next((p for p in knowledge.roster.by_role(role) if p.name == name), None) if name else None


def _pick(knowledge: Knowledge, facts: RenewalFacts, role: PersonRole, wanted: set[str]) -> Person | None:
    """The named account-team member, else the roster person with the best fit."""
    named = _named(knowledge, facts, role)
    if named is not None:
        return named
    people = knowledge.roster.by_role(role)

    def fit(person: Person) -> int:
        region = 2 if facts.region and facts.region in person.regions else 0
        return region + len(wanted & (set(person.specialties) | set(person.product_lines)))

    return max(people, key=fit) if people else None


def _ours(role: PersonRole, person: Person | None, when: str, why: str) -> InvolvedPerson:
    return InvolvedPerson(
        side="ours",
        role=role,
        name=person.name if person else None,
        title=person.title if person else "",
        when=when,
        why=why,
    )


def _core_team(
    facts: RenewalFacts, knowledge: Knowledge, timeline: list[TimelineEntry], plays: list[ExpansionPlay]
) -> list[InvolvedPerson]:
    packages = {PLAY_SPECIALTIES[p.product] for p in plays if p.product in PLAY_SPECIALTIES}
    growth = [p.title for p in plays if p.owner == "ae"]
    return [
        _ours(
            "renewal_rep",
            _pick(knowledge, facts, "renewal_rep", set()),
            _first_owned(timeline, "renewal_rep"),
            "owns the renewal and the size and duration of the second agreement; the earlier, the better",
        ),
        _ours(
            "csm",
            _pick(knowledge, facts, "csm", packages | {"adoption"}),
            _first_owned(timeline, "csm"),
            "owns adoption and outcomes; sizes premium services and presents them at the business review",
        ),
        _ours(
            "ae",
            _pick(knowledge, facts, "ae", set()),
            _first_owned(timeline, "ae"),
            "owns the account and its expansion" + (f": {', '.join(growth)}" if growth else ""),
        ),
    ]


def _specialists(
    knowledge: Knowledge, facts: RenewalFacts, timeline: list[TimelineEntry], plays: list[ExpansionPlay]
) -> list[InvolvedPerson]:
    """A specialist AE per add-on play; add-ons need discovery that starts at the first review."""
    found = []
    for play in (p for p in plays if p.kind == "add_on" and p.product):
        people = [p for p in knowledge.roster.by_role("specialist_ae") if play.product in p.product_lines]
        why = f"{play.title}: {play.justification[0]}"
        found.append(
            _ours("specialist_ae", people[0] if people else None, _when(timeline, "internal_review"), why)
        )
    return found


def _technical(
    knowledge: Knowledge, facts: RenewalFacts, timeline: list[TimelineEntry]
) -> list[InvolvedPerson]:
    """Sales engineers (and industry experts the roster covers) for technical or regulatory open issues."""
    covered = {i for p in knowledge.roster.by_role("industry_expert") for i in p.industries}
    clauses = read_notes("\n".join(facts.open_issues)).clauses
    found: dict[str, InvolvedPerson] = {}
    for topic in knowledge.signals.topics:
        if topic.role not in ("sales_engineer", "industry_expert"):
            continue
        if topic.role == "industry_expert" and facts.industry not in covered:
            continue
        hit = next(find_hits(compile_terms(tuple(topic.patterns)), clauses, skip_negated=True), None)
        if hit is None:
            continue
        wanted = {topic.key} | ({facts.industry} if facts.industry else set())
        candidates = [
            p
            for p in knowledge.roster.by_role(topic.role)
            if topic.role != "industry_expert" or facts.industry in p.industries
        ]
        person = max(
            candidates, key=lambda p: len(wanted & (set(p.specialties) | set(p.industries))), default=None
        )
        key = person.name if person else topic.role
        if key not in found:
            why = f'open issue ({topic.label}): "{hit.clause.text}"; fix it before the business review'
            found[key] = _ours(topic.role, person, _when(timeline, "executive_business_review"), why)
    return list(found.values())


def _customer(facts: RenewalFacts, timeline: list[TimelineEntry]) -> list[InvolvedPerson]:
    """Their side: new people to brief, the sponsor at the review, the buyer and procurement."""
    found = []
    for person in facts.stakeholders:
        action = _customer_action(person, timeline)
        if action:
            when, why = action
            found.append(
                InvolvedPerson(
                    side="customer",
                    role=person.role,
                    name=person.name,
                    title=person.title,
                    when=when,
                    why=why,
                )
            )
    return found


def _customer_action(person: Stakeholder, timeline: list[TimelineEntry]) -> tuple[str, str] | None:
    role = person.role.replace("_", " ")
    if person.change == "left":
        return None
    if person.change == "joined":
        since = f" on {person.date}" if person.date else ""
        return _when(
            timeline, "renewal_rep_engaged"
        ), f"joined as {role}{since}: brief them on this year's outcomes"
    if person.sentiment == "negative":
        return "now", f"{role} is negative: hear the concerns and agree a fix before the proposal"
    if person.role == "executive_sponsor":
        return _when(timeline, "executive_business_review"), "sponsor: present outcomes and the next term"
    if person.role == "economic_buyer":
        return _when(timeline, "proposal"), "holds the budget: term and price options"
    if person.role == "procurement":
        return _when(timeline, "renewal_rep_engaged"), "confirm procurement steps, legal and security reviews"
    return None


def _gaps(
    facts: RenewalFacts, health: HealthAssessment, timeline: list[TimelineEntry]
) -> list[InvolvedPerson]:
    """Roles nobody fills: an executive sponsor on our side when at risk, a champion when lost."""
    found = []
    if health.churn_risk == "high":
        found.append(
            InvolvedPerson(
                side="ours",
                role="executive_sponsor",
                name=None,
                title="regional sales director or executive sponsor",
                when=_when(timeline, "proposal"),
                why="high churn risk: meet the customer's sponsor before the proposal",
            )
        )
    left = [p for p in facts.stakeholders if p.role == "champion" and p.change == "left"]
    if left and not any(p.role == "champion" and p.change != "left" for p in facts.stakeholders):
        found.append(
            InvolvedPerson(
                side="customer",
                role="champion",
                name=None,
                when="now",
                why=f"{left[0].name} left and no champion is named: find one through the sponsor",
            )
        )
    return found


def involve_people(
    facts: RenewalFacts,
    knowledge: Knowledge,
    health: HealthAssessment,
    timeline: list[TimelineEntry],
    plays: list[ExpansionPlay],
) -> tuple[list[InvolvedPerson], list[str]]:
    """Our team and theirs, each with when and why, plus warnings for unknown account-team names."""
    roster = {p.name for p in knowledge.roster.people}
    roles = set(get_args(PersonRole))
    warnings = [
        f"account_team: {role!r} is not a roster role ({', '.join(sorted(roles))})"
        if role not in roles
        else f"account_team names {name!r} as {role}, who is not on the roster; the roster's best fit is shown"
        for role, name in facts.account_team.items()
        if role not in roles or name not in roster
    ]
    people = _core_team(facts, knowledge, timeline, plays) + _specialists(knowledge, facts, timeline, plays)
    people += (
        _technical(knowledge, facts, timeline) + _gaps(facts, health, timeline) + _customer(facts, timeline)
    )
    return people, warnings
