"""The LLM engine: one model call per qualification, verified against the notes and the rules.

The model proposes values, quotes and statuses; code decides what survives. Quotes not found
verbatim in the notes are dropped and counted; the model's employees, budget and decision date
must also be read from its own quotes by the offline readers (assistant/qualify/llm_checks.py), and the
rubric, not the model, turns them into statuses; where the model has no supported evidence the
offline reading stands, with a warning when its quote did not bear its reading out; disagreements with the offline engine are listed for a human. Any failure (timeout,
HTTP error, rate limit, invalid output) returns the offline reading with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain import CRITERIA, CriterionFinding, CriterionName
from assistant.extract.document import NoteDocument
from assistant.knowledge.load import Knowledge
from assistant.knowledge.schemas import Rubric
from assistant.library.passages import PlaybookPassage
from assistant.llm.fence import fence, neutralise
from assistant.llm.gateway import LLMError, LLMGateway
from assistant.qualify.criteria import describe_rubric
from assistant.qualify.engine import Extraction, OfflineEngine
from assistant.qualify.llm_checks import Unsupported, check_budget, check_size, check_timeline
from assistant.qualify.llm_guard import admissible_quotes, compare_readings, flagged, quote_supports
from assistant.qualify.model_answer import ModelCriterion, ModelNumbers, ModelQualification
from assistant.qualify.prompts import QUALIFY_SYSTEM, QUALIFY_USER
from assistant.text.fold import squash

PASSAGE_CHARS = 500


PARTY_MARKERS = {"prospect": "[prospect]", "note": "[note]", "seller": "[seller]", "unknown": "[unclear]"}
_MARKER = re.compile(r"^\s*\[(?:prospect|note|seller|unclear)\]\s*")


def marked_lines(doc: NoteDocument) -> str:
    """The notes line by line, each line opened by who said it, as the document reader sees it."""
    parties: dict[int, set[str]] = {}
    for clause in doc.clauses:
        parties.setdefault(clause.line, set()).add(clause.party)
    lines = []
    for number, line in enumerate(doc.raw.splitlines()):
        said = parties.get(number)
        if not said or not line.strip():
            lines.append(line)
            continue
        party = "prospect" if "prospect" in said else "note" if "note" in said else min(said)
        lines.append(f"{PARTY_MARKERS.get(party, '[unclear]')} {line}")
    return "\n".join(lines)


def unmarked(quote: str) -> str:
    """A quote without a line marker the model may have copied with it."""
    return _MARKER.sub("", quote)


def build_messages(
    doc: NoteDocument, call_date: dt.date, knowledge: Knowledge, passages: list[PlaybookPassage]
) -> list[dict[str, str]]:
    """System rules plus the rubric, then the passages and the notes, each fenced as data."""
    context = "\n".join(f"- [{p.source} § {p.section}] {p.text[:PASSAGE_CHARS]}" for p in passages)
    user = QUALIFY_USER.format(
        call_date=call_date.isoformat(),
        rubric=neutralise(describe_rubric(knowledge.rubric)),
        passages=fence("passages", context or "(none)"),
        notes=fence("notes", marked_lines(doc)),
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
        findings, warnings = verify(answer, doc, call_date, offline.findings, knowledge.rubric)
        disagreements, review = compare_readings(findings, offline.findings, knowledge.rubric)
        return Extraction(
            findings=findings,
            engine=self.name,
            warnings=warnings,
            usage=usage,
            next_questions=[q.strip() for q in answer.next_questions if q.strip().endswith("?")][:3],
            disagreements=disagreements,
            review=review,
        )


def verify(
    answer: ModelQualification,
    doc: NoteDocument,
    call_date: dt.date,
    offline: dict[CriterionName, CriterionFinding],
    rubric: Rubric,
) -> tuple[dict[CriterionName, CriterionFinding], list[str]]:
    """Keep only verbatim, admissible quotes and what they support; keep offline, flagged, elsewhere."""
    source = squash(doc.raw)
    findings: dict[CriterionName, CriterionFinding] = {}
    dropped, notes = 0, []
    for name in CRITERIA:
        proposed: ModelCriterion = getattr(answer, name)
        quotes_given = [unmarked(q) for q in proposed.evidence]
        verbatim = [q for q in quotes_given if q.strip() and squash(q) in source]
        dropped += len(proposed.evidence) - len(verbatim)
        quotes, refused = admissible_quotes(doc, verbatim)
        notes += [f"{name}: {line}" for line in refused]
        reading = _verified(name, proposed, quotes, answer.numbers, call_date, offline[name], rubric)
        if isinstance(reading, Unsupported):
            notes.append(
                f"{name}: the model's reading ({reading.reading}) was not supported by its quote; "
                "the offline reading stands"
            )
            reading = flagged(
                offline[name], f"the model read {reading.reading}, which its quote does not support"
            )
        elif refused and reading is offline[name]:
            reading = flagged(
                offline[name], "the model's evidence was refused (seller words or an instruction)"
            )
        findings[name] = reading
    warnings = (
        [f"{dropped} quote(s) from the model were not found in the notes and were dropped"] if dropped else []
    )
    return findings, warnings + notes


def _verified(
    name: CriterionName,
    proposed: ModelCriterion,
    quotes: list[str],
    numbers: ModelNumbers,
    call_date: dt.date,
    offline: CriterionFinding,
    rubric: Rubric,
) -> CriterionFinding | Unsupported:
    """The model's finding when its quotes bear it out; the offline one when it quoted nothing usable."""
    if not quotes:
        return offline
    if not quote_supports(name, proposed.status, quotes, rubric, call_date):
        return Unsupported(f"{name} {proposed.status}")
    return _checked(name, _finding(name, proposed, quotes, offline), quotes, numbers, call_date)


def _finding(
    name: CriterionName, proposed: ModelCriterion, quotes: list[str], offline: CriterionFinding
) -> CriterionFinding:
    return CriterionFinding(
        criterion=name,
        proposed=proposed.status,
        value=proposed.value,
        evidence=quotes[:3],
        confidence=0.75,
        reason="read by the model, quote verified in the notes",
        industry_key=offline.industry_key,
    )


def _checked(
    name: CriterionName,
    finding: CriterionFinding,
    quotes: list[str],
    numbers: ModelNumbers,
    call_date: dt.date,
) -> CriterionFinding | Unsupported:
    """Size, budget and timeline keep only the numbers the model's own quotes state."""
    if name == "size":
        return check_size(finding, quotes, numbers.employees)
    if name == "budget":
        return check_budget(
            finding, quotes, numbers.budget_amount, numbers.budget_currency, numbers.budget_approved
        )
    if name == "timeline":
        return check_timeline(finding, quotes, numbers.decision_date, call_date)
    return finding
