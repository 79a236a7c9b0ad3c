"""The LLM engine: one model call per qualification, verified against the notes and the rules.

The model proposes values, quotes and statuses; code decides what survives. Quotes not found
verbatim in the notes are dropped and counted; numeric criteria are re-judged by the rubric
from the model's numbers; where the model has no supported evidence the offline reading
stands; disagreements with the offline engine are listed for a human. Any failure (timeout,
HTTP error, rate limit, invalid output) returns the offline reading with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field

from assistant.engine import Extraction, OfflineEngine, PlaybookPassage
from assistant.extract.dates import months_between
from assistant.extract.document import NoteDocument
from assistant.knowledge import Knowledge
from assistant.llm import LLMError, LLMGateway
from assistant.prompts import QUALIFY_SYSTEM, QUALIFY_USER, describe_rubric
from assistant.rubric import judge
from assistant.schemas import CRITERIA, CriterionFinding, CriterionName, Money, Status

PASSAGE_CHARS = 500


class ModelCriterion(BaseModel):
    """One criterion as the model reads it."""

    model_config = ConfigDict(extra="ignore")

    evidence: list[str] = Field(default_factory=list, description="Exact quotes from the notes.")
    value: str | None = None
    status: Status = "missing"


class ModelNumbers(BaseModel):
    """The facts the rubric's thresholds need."""

    model_config = ConfigDict(extra="ignore")

    employees: int | None = None
    budget_amount: float | None = None
    budget_currency: str | None = None
    budget_approved: bool | None = None
    decision_date: str | None = Field(default=None, description="YYYY-MM-DD")


class ModelQualification(BaseModel):
    """The structured answer the model must return."""

    model_config = ConfigDict(extra="ignore")

    title: ModelCriterion = Field(default_factory=ModelCriterion)
    problem: ModelCriterion = Field(default_factory=ModelCriterion)
    industry: ModelCriterion = Field(default_factory=ModelCriterion)
    size: ModelCriterion = Field(default_factory=ModelCriterion)
    budget: ModelCriterion = Field(default_factory=ModelCriterion)
    timeline: ModelCriterion = Field(default_factory=ModelCriterion)
    numbers: ModelNumbers = Field(default_factory=ModelNumbers)
    next_questions: list[str] = Field(default_factory=list, max_length=10)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def build_messages(
    doc: NoteDocument, call_date: dt.date, knowledge: Knowledge, passages: list[PlaybookPassage]
) -> list[dict[str, str]]:
    """System rules plus the rubric, passages and the notes fenced as data."""
    context = "\n".join(f"- [{p.source} § {p.section}] {p.text[:PASSAGE_CHARS]}" for p in passages)
    notes = doc.raw.replace("</notes>", "</ notes>")
    user = QUALIFY_USER.format(
        call_date=call_date.isoformat(), rubric=describe_rubric(knowledge.rubric),
        passages=context or "(none)", notes=notes,
    )
    return [{"role": "system", "content": QUALIFY_SYSTEM}, {"role": "user", "content": user}]


class LLMEngine:
    """Model extraction with verification, falling back to the offline engine on any failure."""

    def __init__(self, gateway: LLMGateway, fallback: OfflineEngine | None = None) -> None:
        self.gateway = gateway
        self.fallback = fallback or OfflineEngine()
        self.name = f"litellm:{gateway.model}"

    def extract(
        self, doc: NoteDocument, call_date: dt.date, knowledge: Knowledge, passages: list[PlaybookPassage]
    ) -> Extraction:
        """One model call; verified findings; the offline reading when the call fails."""
        offline = self.fallback.extract(doc, call_date, knowledge, passages)
        try:
            answer, usage = self.gateway.structured(
                build_messages(doc, call_date, knowledge, passages), ModelQualification
            )
        except LLMError as exc:
            offline.warnings.append(f"LLM engine failed ({exc.kind}: {exc}); the offline engine answered")
            return offline
        findings, warnings = verify(answer, doc, call_date, offline.findings)
        disagreements = _disagreements(findings, offline.findings, knowledge)
        return Extraction(
            findings=findings, engine=self.name, warnings=warnings, usage=usage,
            next_questions=[q.strip() for q in answer.next_questions if q.strip().endswith("?")][:3],
            disagreements=disagreements,
        )


def verify(
    answer: ModelQualification,
    doc: NoteDocument,
    call_date: dt.date,
    offline: dict[CriterionName, CriterionFinding],
) -> tuple[dict[CriterionName, CriterionFinding], list[str]]:
    """Keep only verbatim quotes; take numbers for the rubric; keep offline where unsupported."""
    source = _squash(doc.raw)
    findings: dict[CriterionName, CriterionFinding] = {}
    dropped = 0
    for name in CRITERIA:
        proposed: ModelCriterion = getattr(answer, name)
        quotes = [q for q in proposed.evidence if q.strip() and _squash(q) in source]
        dropped += len(proposed.evidence) - len(quotes)
        if not quotes:
            findings[name] = offline[name]
            continue
        findings[name] = _finding(name, proposed, quotes, answer.numbers, call_date, offline[name])
    warnings = [f"{dropped} quote(s) from the model were not found in the notes and were dropped"] if dropped else []
    return findings, warnings


def _finding(
    name: CriterionName,
    proposed: ModelCriterion,
    quotes: list[str],
    numbers: ModelNumbers,
    call_date: dt.date,
    offline: CriterionFinding,
) -> CriterionFinding:
    finding = CriterionFinding(
        criterion=name, proposed=proposed.status, value=proposed.value, evidence=quotes[:3],
        confidence=0.75, reason="read by the model, quote verified in the notes",
        industry_key=offline.industry_key,
    )
    if name == "size" and numbers.employees is not None and numbers.employees > 0:
        finding.employees = finding.value = numbers.employees
    elif name == "budget" and numbers.budget_amount is not None and numbers.budget_amount >= 0:
        finding.budget = Money(amount=numbers.budget_amount, currency=numbers.budget_currency)
        finding.budget_approved = bool(numbers.budget_approved)
        finding.value = finding.budget
    elif name == "timeline" and numbers.decision_date:
        try:
            decided = dt.date.fromisoformat(numbers.decision_date[:10])
        except ValueError:
            return finding
        finding.months = round(months_between(call_date, decided), 1)
        finding.value = decided.isoformat()
    return finding


def _disagreements(
    findings: dict[CriterionName, CriterionFinding],
    offline: dict[CriterionName, CriterionFinding],
    knowledge: Knowledge,
) -> list[str]:
    """Criteria where the verified model reading and the offline rules reach different statuses."""
    notes = []
    for name in CRITERIA:
        model_status = judge(findings[name], knowledge.rubric).status
        rules_status = judge(offline[name], knowledge.rubric).status
        if model_status != rules_status:
            notes.append(f"{name}: model says {model_status}, offline rules say {rules_status}")
    return notes
