"""Facts checked against the knowledge files at plan time: products, milestones, industry, region.

The facts schema cannot know the catalog (enablement edits it), so these checks run when a plan
is made and name the file, the field and the values that would have been accepted.
"""

from __future__ import annotations

import datetime as dt

from assistant.knowledge.load import Knowledge
from assistant.renewal.facts import FactsError, RenewalFacts


def _unknown(field: str, given: list[str], known: set[str], what: str) -> list[str]:
    return [
        f"{field}: unknown {what} {value!r} (known: {', '.join(sorted(known))})"
        for value in given
        if value not in known
    ]


def check_against_knowledge(facts: RenewalFacts, knowledge: Knowledge) -> None:
    """Raise a FactsError naming each value the knowledge files do not define."""
    problems = _unknown(
        "products", facts.products, {p.key for p in knowledge.products.products}, "product line"
    )
    milestones = {m.key for m in knowledge.renewal.milestones}
    problems += _unknown("completed_milestones", facts.completed_milestones, milestones, "milestone")
    if facts.industry:
        problems += _unknown(
            "industry", [facts.industry], {i.key for i in knowledge.rubric.industries}, "industry"
        )
    if facts.region:
        problems += _unknown("region", [facts.region], set(knowledge.roster.regions), "region")
    if problems:
        raise FactsError(facts.source, problems)


def data_warnings(facts: RenewalFacts, as_of: dt.date) -> list[str]:
    """Gaps in the facts that weaken the plan without stopping it."""
    warnings = []
    if not facts.usage:
        warnings.append(f"{facts.source}: no usage metrics: usage trend scored as unknown")
    if facts.health.nps is None and facts.health.health_score is None:
        warnings.append(f"{facts.source}: no NPS or health score: sentiment scored as unknown")
    if not facts.stakeholders:
        warnings.append(f"{facts.source}: no stakeholders: sponsor and champion unknown")
    if as_of < facts.contract_start:
        warnings.append(f"as of {as_of}, before contract_start ({facts.contract_start}): is the date right?")
    if as_of == facts.renewal:
        warnings.append("the renewal date is today")
    return warnings
