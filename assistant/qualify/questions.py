"""Next discovery questions and citations, taken from retrieved playbook passages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.domain import CriterionName, Role, Verdict
from assistant.library.citations import Citation, cite
from assistant.library.passages import PlaybookPassage
from assistant.qualify.criteria import criteria

GAP_QUERIES: dict[CriterionName, str] = {criterion.name: criterion.gap_query for criterion in criteria()}
VERDICT_QUERIES: dict[Verdict, str] = {
    "sales_qualified": "handoff from SDR to account executive after a qualified discovery call",
    "nurture": "how to nurture a lead that is not yet qualified and when to follow up",
    "disqualified": "what to do with a disqualified lead under the qualification rubric",
}
ROLE_QUERIES: dict[Role, str] = {
    "sales_engineer": "when to bring in a sales engineer for technical questions",
    "industry_expert": "when to bring in an industry expert for references and regulation",
    "specialist_ae": "when to bring in a specialist account executive for an add-on product line",
    "channel_ae": "working with a partner, reseller or integrator through the channel account executive",
    "csm": "customer success manager running a pilot or trial before the sale",
    "renewal_rep": "renewal representative engaged early in the renewal",
}
_QUESTION_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(.{10,300}\?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class RetrievalPlan:
    """The queries one report needs, and what each is for."""

    queries: list[str]
    purposes: list[str]


def plan_queries(
    gaps: Sequence[CriterionName], verdict: Verdict, industry_label: str | None, roles: Sequence[Role]
) -> RetrievalPlan:
    """Queries for each gap, the verdict's next step, the industry play and each role called."""
    queries: list[str] = []
    purposes: list[str] = []
    for gap in gaps:
        queries.append(GAP_QUERIES[gap])
        purposes.append(f"gap:{gap}")
    if industry_label and verdict != "disqualified":
        queries.append(f"{industry_label} industry play: discovery questions and regulation")
        purposes.append("industry")
    for role in roles:
        queries.append(ROLE_QUERIES[role])
        purposes.append(f"role:{role}")
    queries.append(VERDICT_QUERIES[verdict])
    purposes.append("verdict")
    return RetrievalPlan(queries, purposes)


def questions_in(passage: PlaybookPassage) -> list[str]:
    """Bulleted questions written in a playbook passage."""
    return [match.group(1).strip() for match in _QUESTION_LINE.finditer(passage.text)]


def compose_questions(
    plan: RetrievalPlan, results: Sequence[Sequence[PlaybookPassage]], limit: int, per_gap: int = 2
) -> tuple[list[str], list[Citation]]:
    """Take questions from the best passage of each gap, then cite every passage used."""
    questions: list[str] = []
    used: list[PlaybookPassage] = []
    for purpose, hits in zip(plan.purposes, results, strict=True):
        if purpose.startswith("gap:") or purpose == "industry":
            take = per_gap if purpose.startswith("gap:") else 1
            passage = next((hit for hit in hits if _fresh(questions_in(hit), questions)), None)
            if passage is not None:
                questions.extend(_fresh(questions_in(passage), questions)[:take])
                used.append(passage)
        elif hits:
            used.append(hits[0])
    citations = list({(p.source, p.section): cite(p) for p in used}.values())
    return questions[:limit], citations


def _fresh(candidates: list[str], taken: list[str]) -> list[str]:
    return [question for question in candidates if question not in taken]
