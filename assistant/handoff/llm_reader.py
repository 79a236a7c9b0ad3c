"""The LLM deal reader: one model call, every quote verified, added to the offline reading.

The model proposes lines and contacts with a source id and a quote; code keeps only those whose
quote is a verbatim span of the named source and whose numbers all appear in that quote. Kept
lines join the offline reading (which never loses a commitment because a model missed it); the
hard facts (price, term, seats, products, team) stay the offline reader's. Any failure (timeout,
HTTP error, rate limit, invalid output) returns the offline reading with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field

from assistant.handoff.lines import add_line
from assistant.handoff.prompts import HANDOFF_SYSTEM, HANDOFF_USER
from assistant.handoff.reading import DealReading, OfflineDealReader
from assistant.handoff.schemas import (
    SECTIONS,
    STAKEHOLDER_ROLES,
    BriefLine,
    Section,
    SourceDocument,
    SourceRef,
    Stakeholder,
    StakeholderRole,
)
from assistant.handoff.verify import SourceIndex, index_sources, ref_holds
from assistant.knowledge.load import Knowledge
from assistant.library.passages import PlaybookPassage
from assistant.llm.fence import fence
from assistant.llm.gateway import LLMError, LLMGateway
from assistant.text.fold import fold, squash

PASSAGE_CHARS = 600
MODEL_SECTIONS: tuple[Section, ...] = SECTIONS[1:]  # every section but the snapshot, which code writes
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


class ModelLine(BaseModel):
    """One fact as the model reads it."""

    model_config = ConfigDict(extra="ignore")

    source_id: str = ""
    quote: str = Field(default="", description="Exact words from that source.")
    text: str = ""


class ModelContact(BaseModel):
    """One customer contact as the model reads it."""

    model_config = ConfigDict(extra="ignore")

    name: str = ""
    title: str = ""
    roles: list[str] = Field(default_factory=list)
    source_id: str = ""
    quote: str = ""


class ModelBrief(BaseModel):
    """The structured answer the model must return."""

    model_config = ConfigDict(extra="ignore")

    why_they_bought: list[ModelLine] = Field(default_factory=list, max_length=12)
    sold: list[ModelLine] = Field(default_factory=list, max_length=12)
    commitments: list[ModelLine] = Field(default_factory=list, max_length=12)
    success_criteria: list[ModelLine] = Field(default_factory=list, max_length=12)
    first_90_days: list[ModelLine] = Field(default_factory=list, max_length=12)
    technical_context: list[ModelLine] = Field(default_factory=list, max_length=12)
    risks: list[ModelLine] = Field(default_factory=list, max_length=12)
    open_items: list[ModelLine] = Field(default_factory=list, max_length=12)
    stakeholders: list[ModelContact] = Field(default_factory=list, max_length=20)
    open_questions: list[str] = Field(default_factory=list, max_length=8)


def _fence(source: SourceDocument) -> str:
    attributes = {"id": source.id, "kind": source.kind}
    if source.date:
        attributes["date"] = source.date.isoformat()
    return fence("source", source.text, attributes)


def build_messages(
    sources: list[SourceDocument], as_of: dt.date, passages: list[PlaybookPassage]
) -> list[dict[str, str]]:
    """System rules, then playbook guidance and every source fenced as data."""
    guidance = "\n".join(f"- [{p.source} § {p.section}] {p.text[:PASSAGE_CHARS]}" for p in passages)
    user = HANDOFF_USER.format(
        as_of=as_of.isoformat(),
        passages=fence("passages", guidance or "(none)"),
        sources="\n\n".join(_fence(s) for s in sources),
    )
    return [{"role": "system", "content": HANDOFF_SYSTEM}, {"role": "user", "content": user}]


def _line_holds(line: ModelLine, index: SourceIndex) -> bool:
    """A verbatim quote from the named source, and no number the quote does not contain."""
    if not line.text.strip() or not line.quote.strip():
        return False
    if not ref_holds(SourceRef(source_id=line.source_id, quote=line.quote), index):
        return False
    quoted = set(_NUMBER.findall(squash(line.quote)))
    return all(number in quoted for number in _NUMBER.findall(line.text))


def _contact(contact: ModelContact, index: SourceIndex, ours: set[str]) -> Stakeholder | None:
    quote, name = contact.quote.strip(), " ".join(contact.name.split())
    if not quote or not name or fold(name) in ours or squash(name) not in squash(quote):
        return None
    if not ref_holds(SourceRef(source_id=contact.source_id, quote=quote), index):
        return None
    roles: list[StakeholderRole] = [
        r for r in STAKEHOLDER_ROLES if r in {x.strip().lower() for x in contact.roles}
    ]
    title = contact.title.strip() if contact.title.strip() and squash(contact.title) in squash(quote) else ""
    return Stakeholder(
        name=name, title=title, roles=roles, sources=[SourceRef(source_id=contact.source_id, quote=quote)]
    )


def merge_answer(
    answer: ModelBrief, reading: DealReading, sources: list[SourceDocument], ours: set[str]
) -> None:
    """Add the model's verified lines and contacts to the offline reading; count what was dropped."""
    index = index_sources(sources)
    for section in MODEL_SECTIONS:
        lines = reading.lines.setdefault(section, [])
        for proposed in getattr(answer, section):
            if not _line_holds(proposed, index):
                reading.dropped += 1
                continue
            before = len(lines)
            ref = SourceRef(source_id=proposed.source_id, quote=proposed.quote.strip())
            add_line(lines, BriefLine(text=" ".join(proposed.text.split()), sources=[ref]))
            reading.model_lines += len(lines) - before
    reading.lines = {name: lines for name, lines in reading.lines.items() if lines}
    people = {fold(person.name): person for person in reading.stakeholders}
    for contact in answer.stakeholders:
        person = _contact(contact, index, ours)
        if person is None:
            reading.dropped += 1
        elif fold(person.name) not in people:
            people[fold(person.name)] = person
            reading.stakeholders.append(person)
    reading.questions = [q.strip() for q in answer.open_questions if q.strip().endswith("?")][:5]


class LLMDealReader:
    """Model reading with verification, on top of the offline reader, falling back to it on failure."""

    def __init__(self, gateway: LLMGateway, fallback: OfflineDealReader | None = None) -> None:
        self.gateway = gateway
        self.fallback = fallback or OfflineDealReader()
        self.name = f"litellm:{gateway.model}"

    def read(
        self,
        sources: list[SourceDocument],
        knowledge: Knowledge,
        as_of: dt.date,
        passages: list[PlaybookPassage],
    ) -> DealReading:
        """One model call; its verified lines added to the offline reading; offline alone when it fails."""
        reading = self.fallback.read(sources, knowledge, as_of, passages)
        try:
            answer, usage = self.gateway.structured(build_messages(sources, as_of, passages), ModelBrief)
        except LLMError as exc:
            reading.warnings.append(f"LLM reader failed ({exc.kind}: {exc}); the offline reader answered")
            return reading
        merge_answer(answer, reading, sources, {fold(p.name) for p in knowledge.roster.people})
        reading.engine, reading.usage = self.name, usage
        if reading.dropped:
            reading.warnings.append(
                f"{reading.dropped} item(s) from the model were dropped: a quote not verbatim in the cited "
                "source, a number the quote does not contain, or a contact the quote does not name"
            )
        return reading
