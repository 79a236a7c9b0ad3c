"""Next discovery questions: for the gaps that cost the verdict most, in the notes' language, only
what fits the prospect's industry, never what the notes already answer; and their citations.

Questions come from the playbook passages retrieved per gap (English), the question bank
(`knowledge/questions.yaml`: tags, Spanish, industry-specific questions) and a model's
suggestions. `choose_questions` needs no retrieval, so an override's new gaps are asked the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.domain import CRITERIA, CriterionName, Role, Status, Verdict
from assistant.extract.language import detect_language
from assistant.knowledge.questions import QuestionBank
from assistant.knowledge.schemas import Rubric
from assistant.library.citations import Citation, cite
from assistant.library.passages import PlaybookPassage
from assistant.qualify.criteria import criteria
from assistant.qualify.model_answer import discovery_question
from assistant.qualify.rubric import find_gaps
from assistant.qualify.schemas import CriterionResult
from assistant.text.fold import fold

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
_QUESTION_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(.{10,400}\?)\s*$", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL_TEXT = r"(?:https?://|www\.)[^\s)>\]]+"
_URL_ASIDE = re.compile(rf"\s*[(<\[]\s*(?:see|ver|via)?:?\s*{_URL_TEXT}\s*[)>\]]", re.IGNORECASE)
_URL = re.compile(rf"\s*(?:see|ver)?:?\s*{_URL_TEXT}", re.IGNORECASE)
_SPACE_BEFORE_MARK = re.compile(r"\s+([?,.;:])")
_GAP_PURPOSES: dict[str, CriterionName] = {f"gap:{name}": name for name in CRITERIA}


@dataclass(frozen=True)
class RetrievalPlan:
    """The queries one report needs, and what each is for."""

    queries: list[str]
    purposes: list[str]


def industry_query(label: str) -> str:
    """The query for an industry's play (the label is the rubric's, so the set is known)."""
    return f"{label} industry play: discovery questions and regulation"


def templated_queries(rubric: Rubric) -> list[str]:
    """Every query `plan_queries` can ask under this rubric: their vectors can be made ahead."""
    industries = [industry_query(item.label) for item in rubric.industries]
    return [*GAP_QUERIES.values(), *VERDICT_QUERIES.values(), *ROLE_QUERIES.values(), *industries]


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
        queries.append(industry_query(industry_label))
        purposes.append("industry")
    for role in roles:
        queries.append(ROLE_QUERIES[role])
        purposes.append(f"role:{role}")
    queries.append(VERDICT_QUERIES[verdict])
    purposes.append("verdict")
    return RetrievalPlan(queries, purposes)


def questions_in(passage: PlaybookPassage) -> list[str]:
    """Bulleted questions written in a playbook passage, links taken out."""
    return list(_questions_in_text(passage.text))


@lru_cache(maxsize=1_024)
def _questions_in_text(text: str) -> tuple[str, ...]:
    """Cached per passage text: the same passages come back for note after note."""
    found = (clean_question(match.group(1)) for match in _QUESTION_LINE.finditer(text))
    return tuple(question for question in found if question)


def clean_question(text: str) -> str | None:
    """A playbook's question without its links ("see [the guide](https://…)"), or None when what
    is left is no question a rep could read aloud."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _URL_ASIDE.sub("", text)
    text = _URL.sub("", text)
    text = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()))
    return text if discovery_question(text) else None


@dataclass(frozen=True)
class Asking:
    """What the next questions depend on: each criterion's status, the criteria the notes speak to
    (a value or evidence: "no budget line yet" answers "is there a budget?"), the prospect's
    industry key and the notes' language."""

    statuses: Mapping[CriterionName, Status]
    known: frozenset[CriterionName]
    industry: str | None
    language: str


def industry_key(result: CriterionResult, rubric: Rubric) -> str | None:
    """The rubric's key for the industry a report names (by label or key), if it names one."""
    if result.status == "missing" or result.value is None:
        return None
    named = fold(str(result.value)).strip()
    return next((i.key for i in rubric.industries if named in (fold(i.label), i.key)), None)


def asking_for(criteria: Mapping[CriterionName, CriterionResult], rubric: Rubric, language: str) -> Asking:
    """The `Asking` of a report's criteria (as the run read them, or as overridden)."""
    return Asking(
        statuses={name: result.status for name, result in criteria.items()},
        known=frozenset(n for n, r in criteria.items() if r.status != "missing" and (r.value or r.evidence)),
        industry=industry_key(criteria["industry"], rubric),
        language=language if language in ("en", "es") else "en",
    )


def gap_cost(name: CriterionName, status: Status, rubric: Rubric) -> float:
    """What the gap costs the score: the criterion's weight times how far its status is from met."""
    credit = rubric.status_credit
    return rubric.weights[name] * (credit.get("met", 1.0) - credit.get(status, 0.0))


def ranked_gaps(statuses: Mapping[CriterionName, Status], rubric: Rubric) -> list[CriterionName]:
    """The gaps (missing, partial), costliest first; rubric order breaks a tie."""
    gaps = find_gaps(statuses)
    return sorted(gaps, key=lambda name: (-gap_cost(name, statuses[name], rubric), CRITERIA.index(name)))


def fits(question: str, criterion: CriterionName, asking: Asking, bank: QuestionBank) -> bool:
    """Whether to ask it: filed under this criterion, for this industry and topic, not already answered."""
    entry = bank.lookup(question)
    if entry is not None:
        filed, tags = entry
        if filed != criterion or (tags.industries and asking.industry not in tags.industries):
            return False
        if tags.asks_value and criterion in asking.known:
            return False
    topic = bank.topic_of(question)
    return topic is None or (topic in bank.topics and asking.industry in bank.topics[topic].industries)


def choose_questions(
    asking: Asking,
    bank: QuestionBank,
    rubric: Rubric,
    limit: int,
    *,
    model: Sequence[str] = (),
    retrieved: Mapping[CriterionName, Sequence[str]] | None = None,
    per_gap: int = 2,
) -> list[str]:
    """Up to `per_gap` questions per gap, costliest gap first: the model's, the bank's for this
    industry, the playbooks', then the bank's general ones; only what `fits`."""
    chosen: list[str] = []
    for gap in ranked_gaps(asking.statuses, rubric):
        entries = bank.for_language(asking.language).get(gap, [])
        pool = [
            *(q for q in model if bank.criterion_of(q) == gap and _in_language(q, asking.language)),
            *(q.text for q in entries if q.industries),
            *((retrieved or {}).get(gap, ())),
            *(q.text for q in entries if not q.industries),
        ]
        fresh = [q for q in dict.fromkeys(pool) if q not in chosen and fits(q, gap, asking, bank)]
        chosen += fresh[:per_gap]
    return chosen[:limit]


def _in_language(question: str, language: str) -> bool:
    return (detect_language(question) == "es") == (language == "es")


def compose_questions(
    plan: RetrievalPlan,
    results: Sequence[Sequence[PlaybookPassage]],
    choose: Callable[[Mapping[CriterionName, Sequence[str]]], list[str]],
) -> tuple[list[str], list[Citation]]:
    """The questions `choose` picks from each gap's best passage, and the passages to cite: a gap
    or industry passage when a chosen question is in it, the role and verdict passages always."""
    retrieved: dict[CriterionName, list[str]] = {}
    asked_from: list[PlaybookPassage] = []
    advice: list[PlaybookPassage] = []
    for purpose, hits in zip(plan.purposes, results, strict=True):
        if purpose in _GAP_PURPOSES:
            passage = next((hit for hit in hits if questions_in(hit)), None)
            if passage is not None:
                retrieved[_GAP_PURPOSES[purpose]] = questions_in(passage)
                asked_from.append(passage)
        elif purpose == "industry":
            asked_from.extend(hits[:1])
        elif hits:
            advice.append(hits[0])
    questions = choose(retrieved)
    used = [p for p in asked_from if set(questions_in(p)) & set(questions)] + advice
    citations = list({(p.source, p.section): cite(p) for p in used}.values())
    return questions, citations
