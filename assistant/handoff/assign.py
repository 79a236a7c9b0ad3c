"""Who takes the account after signature: the AE stays owner, a CSM and a renewal rep from the roster.

People the notes already name keep their place; otherwise the roster person who fits best by
region, language, industry and the specialties the deal calls for (a rollout package or a pilot
calls for a rollout CSM) is proposed, with the reason in words.
"""

from __future__ import annotations

from assistant.handoff.facts import DealFacts
from assistant.handoff.schemas import Assignment, SourceRef, TeamRole
from assistant.knowledge.load import Knowledge
from assistant.knowledge.schemas import Person, PersonRole

_TEAM: tuple[tuple[TeamRole, PersonRole], ...] = (
    ("account_executive", "ae"),
    ("csm", "csm"),
    ("renewal_rep", "renewal_rep"),
)


def _fit(person: Person, facts: DealFacts, topics: dict[str, SourceRef]) -> int:
    """Specialties the deal calls for, industry, region and language, weighted like recommend.py."""
    score = 3 * sum(
        1 for key in topics if key in person.specialties or _topic_words(key) & set(person.specialties)
    )
    score += 4 if facts.industry_key and facts.industry_key in person.industries else 0
    score += 3 if facts.region and facts.region in person.regions else 0
    score += 2 if facts.language in person.languages else -5
    return score


def _topic_words(key: str) -> set[str]:
    """Signal topics and roster specialties use related words ('adoption' covers rollout and training)."""
    return {"adoption": {"rollout", "training", "adoption", "onboarding"}, "pilot": {"pilot", "trial"}}.get(
        key, {key}
    )


def _why(person: Person, facts: DealFacts, topics: dict[str, SourceRef]) -> str:
    reasons = []
    matched = [key for key in topics if _topic_words(key) & set(person.specialties)]
    if matched:
        reasons.append(f"the deal calls for {', '.join(matched)} ({', '.join(person.specialties)})")
    if facts.region and facts.region in person.regions:
        where = "" if facts.region_named else ", the roster's default (the notes name no location)"
        reasons.append(f"covers the {facts.region} region{where}")
    if facts.language != "en" and facts.language in person.languages:
        reasons.append(f"speaks the customer's language ({facts.language})")
    if facts.industry_key and facts.industry_key in person.industries:
        reasons.append(f"knows {facts.industry_key.replace('_', ' ')}")
    return "; ".join(reasons) or "the roster's default for this role"


def assign_team(facts: DealFacts, knowledge: Knowledge) -> list[Assignment]:
    """The AE (when the notes name one), the CSM and the renewal rep."""
    topics = facts.csm_needs
    assignments: list[Assignment] = []
    for team_role, roster_role in _TEAM:
        named = facts.team.get(roster_role)
        if named is not None:
            person, fact = named
            reason = (
                "owns the account (named in the notes)"
                if roster_role == "ae"
                else "already named in the notes"
            )
            assignments.append(
                Assignment(
                    role=team_role, name=person.name, email=person.email, reason=reason, sources=[fact.ref]
                )
            )
            continue
        if roster_role == "ae":
            continue  # the owner is whoever the notes say; never guessed
        people = knowledge.roster.by_role(roster_role)
        if not people:
            continue
        best = max(people, key=lambda p: _fit(p, facts, topics if roster_role == "csm" else {}))
        relevant = topics if roster_role == "csm" else {}
        refs = [ref for key, ref in relevant.items() if _topic_words(key) & set(best.specialties)]
        assignments.append(
            Assignment(
                role=team_role,
                name=best.name,
                email=best.email,
                reason=f"Roster match: {_why(best, facts, relevant)}.",
                sources=_dedupe(refs),
            )
        )
    return assignments


def _dedupe(refs: list[SourceRef]) -> list[SourceRef]:
    return [ref for index, ref in enumerate(refs) if ref not in refs[:index]]
