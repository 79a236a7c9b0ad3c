"""The transition brief (AE to Customer Success and Renewals) and the sources it cites.

Every factual line carries at least one `SourceRef`: the id of a source and a verbatim span of
that source's text, so a reader (or a test) can check each line against the notes it came from.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.domain import LLMUsage
from assistant.library.citations import Citation

SourceKind = Literal["call_notes", "deal_notes", "qualification"]
Section = Literal[
    "snapshot",
    "why_they_bought",
    "sold",
    "commitments",
    "success_criteria",
    "first_90_days",
    "technical_context",
    "risks",
    "open_items",
]
SECTIONS: tuple[Section, ...] = get_args(Section)
StakeholderRole = Literal[
    "decision_maker",
    "economic_buyer",
    "sponsor",
    "champion",
    "project_lead",
    "technical",
    "user",
    "detractor",
]
STAKEHOLDER_ROLE_LABELS: dict[StakeholderRole, str] = {
    "decision_maker": "decision maker",
    "economic_buyer": "economic buyer",
    "sponsor": "sponsor",
    "champion": "champion",
    "project_lead": "project lead",
    "technical": "technical contact",
    "user": "user",
    "detractor": "detractor",
}
STAKEHOLDER_ROLES: tuple[StakeholderRole, ...] = get_args(StakeholderRole)
TeamRole = Literal["account_executive", "csm", "renewal_rep"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceDocument(_Strict):
    """One document the brief may cite: call notes, the AE's deal notes, or a qualification report."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$", description="e.g. deal-notes-1")
    kind: SourceKind
    label: str = Field(min_length=1, max_length=80, description="Short name used in references.")
    text: str
    date: dt.date | None = None


class SourceInfo(_Strict):
    """A source as the brief lists it (the text stays with the caller)."""

    id: str
    kind: SourceKind
    label: str
    date: dt.date | None = None


class SourceRef(_Strict):
    """Where a line comes from: a source id and a verbatim span of that source's text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_id: str
    quote: str = Field(min_length=1)


class BriefLine(_Strict):
    """One factual line of the brief, with the sources that support it."""

    text: str = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)
    due: dt.date | None = Field(default=None, description="A date the line promises, when it names one.")


class SummaryLine(_Strict):
    """One line of the TL;DR: a summary of brief lines, citing them (none for our team and counts)."""

    text: str = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)


class Stakeholder(_Strict):
    """A customer contact, their title and role in the deal, and where the notes say so."""

    name: str = Field(min_length=1)
    title: str = ""
    roles: list[StakeholderRole] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)


class Assignment(_Strict):
    """Who on our side owns what after signature, from the roster, and why that person."""

    role: TeamRole
    name: str
    email: str = ""
    reason: str
    sources: list[SourceRef] = Field(default_factory=list, description="Notes that named or called for them.")


class HoldoutAdvice(_Strict):
    """Whether the AE should keep the account as a land-and-expand holdout, and why."""

    keep: bool
    reason: str
    sources: list[SourceRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _keeping_needs_evidence(self) -> HoldoutAdvice:
        if self.keep and not self.sources:
            raise ValueError("a holdout recommendation must cite the expansion signals behind it")
        return self


class AgendaItem(_Strict):
    """One point of a meeting agenda: facts from the brief (cited) or a step from the playbook."""

    text: str = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)
    procedural: bool = Field(
        default=False, description="A step of the meeting, not a fact about the account."
    )
    guidance: str | None = Field(default=None, description="The playbook section behind the item.")

    @model_validator(mode="after")
    def _facts_need_sources(self) -> AgendaItem:
        if not self.procedural and not self.sources:
            raise ValueError("an agenda item about the account must cite its sources")
        return self


class BriefMetadata(_Strict):
    """How the brief was made (not part of the handoff itself)."""

    as_of: dt.date
    elapsed_ms: float = 0.0
    llm: LLMUsage | None = None
    dropped_lines: int = Field(default=0, description="Lines dropped because a quote was not in its source.")
    model_lines: int = Field(default=0, description="Verified lines the model added to the offline reading.")


class TransitionBrief(_Strict):
    """The AE's handoff to the CSM and the renewal rep (SPEC sections 1 and 8)."""

    account: str
    generated_on: dt.date
    engine: str = "offline"
    sources: list[SourceInfo]
    tldr: list[SummaryLine] = Field(
        default_factory=list,
        max_length=5,
        description="Five lines: the deal, why they bought, what was promised, the risks, what happens next.",
    )
    snapshot: list[BriefLine] = Field(default_factory=list)
    why_they_bought: list[BriefLine] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    sold: list[BriefLine] = Field(default_factory=list)
    commitments: list[BriefLine] = Field(default_factory=list)
    success_criteria: list[BriefLine] = Field(default_factory=list)
    first_90_days: list[BriefLine] = Field(default_factory=list)
    technical_context: list[BriefLine] = Field(default_factory=list)
    risks: list[BriefLine] = Field(default_factory=list)
    open_items: list[BriefLine] = Field(default_factory=list)
    open_questions: list[str] = Field(default_factory=list)
    internal_meeting_agenda: list[AgendaItem] = Field(default_factory=list)
    intro_call_agenda: list[AgendaItem] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    holdout: HoldoutAdvice
    citations: list[Citation] = Field(default_factory=list, description="Playbook passages used.")
    warnings: list[str] = Field(default_factory=list)
    metadata: BriefMetadata
    edited_markdown: str | None = Field(
        default=None,
        description="The brief's Markdown as the AE edited it in the UI (what they share); None when unedited.",
    )

    @field_validator("sources")
    @classmethod
    def _unique_ids(cls, value: list[SourceInfo]) -> list[SourceInfo]:
        ids = [source.id for source in value]
        if len(ids) != len(set(ids)):
            raise ValueError("source ids must be unique")
        return value

    @model_validator(mode="after")
    def _refs_name_known_sources(self) -> TransitionBrief:
        known = {source.id for source in self.sources}
        unknown = sorted({ref.source_id for ref in self.all_refs()} - known)
        if unknown:
            raise ValueError(f"references to unknown sources: {', '.join(unknown)}")
        return self

    def section(self, name: Section) -> list[BriefLine]:
        """The lines of one section by name."""
        lines: list[BriefLine] = getattr(self, name)
        return lines

    def all_refs(self) -> list[SourceRef]:
        """Every source reference in the brief, in order."""
        refs = [ref for line in self.tldr for ref in line.sources]
        refs += [ref for name in SECTIONS for line in self.section(name) for ref in line.sources]
        refs += [ref for person in self.stakeholders for ref in person.sources]
        refs += [
            ref for item in self.internal_meeting_agenda + self.intro_call_agenda for ref in item.sources
        ]
        refs += [ref for assignment in self.assignments for ref in assignment.sources]
        return refs + list(self.holdout.sources)
