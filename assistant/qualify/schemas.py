"""The qualification report and its parts, exactly as SPEC section 4 prints them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.domain import (
    CRITERIA,
    CriterionName,
    CriterionValue,
    LLMUsage,
    Role,
    Status,
    Verdict,
)
from assistant.library.citations import Citation


class CriterionResult(BaseModel):
    """One criterion's reading: status, normalised value, verbatim evidence and confidence."""

    model_config = ConfigDict(extra="forbid")

    status: Status
    value: CriterionValue = None
    evidence: list[str] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0, le=1)
    reason: str = Field(default="", description="Why the rubric gave this status.")
    needs_review: bool = Field(default=False, description="The reading is unsure; a person should check it.")
    review_reason: str = Field(default="", description="One line: why the reading needs review.")


class Recommendation(BaseModel):
    """A specialist to bring in, the roster person who fits, and the evidence that triggered it."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    name: str
    reason: str
    evidence: list[str] = Field(min_length=1)


class ActionItem(BaseModel):
    """A next step the notes themselves give, in their words, with the date it is due when they name one."""

    model_config = ConfigDict(extra="forbid")

    what: str = Field(description="The step, in the notes' words.")
    who: str = Field(default="", description="Who takes it, as the notes say; empty when they do not.")
    when: str = Field(default="", description='When, as the notes say it ("by Friday", "3/18").')
    due: dt.date | None = Field(default=None, description="`when` as a date, counted from the call date.")
    evidence: str = Field(description="The clause of the notes the step was read from, verbatim.")


class ReportMetadata(BaseModel):
    """Facts about how the report was made (not part of the qualification itself)."""

    model_config = ConfigDict(extra="forbid")

    call_date: dt.date
    rubric_version: str = ""
    elapsed_ms: float = 0.0
    llm: LLMUsage | None = None
    disagreements: list[str] = Field(default_factory=list)
    language: str = Field(default="en", description="The notes' language, which the questions are asked in.")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


JUDGED_VALUES: frozenset[CriterionName] = frozenset({"industry", "size", "budget", "timeline"})
"""Criteria whose overridden value the rubric judges; for the others a person states the status."""


class Override(BaseModel):
    """A person's correction of one criterion's status or value, kept with the report for the record.

    A value alone ("450 employees", "120000 USD approved", "2027-03-31", "Hospitality") is judged
    by the rubric's thresholds for size, budget, timeline and industry; a status given as well
    wins. Title and problem values need the status stated.
    """

    model_config = ConfigDict(extra="forbid")

    criterion: CriterionName
    status: Status | None = Field(
        default=None, description="The corrected status; left out, the rubric judges `value`."
    )
    value: str | None = Field(
        default=None,
        max_length=200,
        description='The corrected value as a person writes it ("450 employees").',
    )
    reason: str = Field(max_length=2000, description="Why the reading from the notes was wrong.")
    by: str = Field(default="", max_length=200)
    at: dt.datetime = Field(default_factory=_utc_now)
    previous: Status | None = Field(
        default=None, description="The status the notes gave, filled in when the override is applied."
    )
    previous_value: CriterionValue = Field(
        default=None, description="The value the notes gave, filled in when a value override is applied."
    )
    previous_reason: str = Field(
        default="", description="The notes' reason, kept when a value override is applied."
    )

    @field_validator("by")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()

    @field_validator("value")
    @classmethod
    def _value_or_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("give a reason for the override")
        return value.strip()

    @model_validator(mode="after")
    def _status_or_value(self) -> Override:
        if self.status is None and self.value is None:
            raise ValueError("give a status, a value, or both")
        if self.status is None and self.criterion not in JUDGED_VALUES:
            raise ValueError(f"give a status too: a {self.criterion} value is not judged by the rubric")
        return self


class QualificationReport(BaseModel):
    """What `sales-assistant qualify --json` prints (SPEC section 4)."""

    model_config = ConfigDict(extra="forbid")

    criteria: dict[CriterionName, CriterionResult]
    score: float = Field(ge=0, le=100)
    verdict: Verdict
    summary: str = Field(
        default="",
        description="Two or three sentences of the notes, verbatim: who, the problem, budget or timeline.",
    )
    gaps: list[CriterionName] = Field(default_factory=list)
    next_questions: list[str] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(
        default_factory=list, description="The next steps the notes give, in note order."
    )
    recommendations: list[Recommendation] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    engine: str = "offline"
    warnings: list[str] = Field(default_factory=list)
    metadata: ReportMetadata | None = None
    overrides: list[Override] = Field(
        default_factory=list, description="Status corrections made by people after the run."
    )
    needs_review: bool = Field(
        default=False, description="Some reading is unsure: check `review` before trusting the verdict."
    )
    review: list[str] = Field(
        default_factory=list,
        description="Why a person should check the report, one line each, criterion first.",
    )

    @field_validator("criteria")
    @classmethod
    def _all_six_criteria(
        cls, value: dict[CriterionName, CriterionResult]
    ) -> dict[CriterionName, CriterionResult]:
        missing = [name for name in CRITERIA if name not in value]
        if missing:
            raise ValueError(f"report lacks criteria: {', '.join(missing)}")
        return {name: value[name] for name in CRITERIA}

    @model_validator(mode="after")
    def _flag_follows_review(self) -> QualificationReport:
        self.needs_review = bool(self.review) or any(r.needs_review for r in self.criteria.values())
        return self


def review_lines(criteria: dict[CriterionName, CriterionResult], report_level: list[str]) -> list[str]:
    """The report's review list: the verdict-level reasons, then one line per flagged criterion."""
    lines = list(report_level)
    lines += [
        f"{name}: {result.review_reason or 'unsure reading'}"
        for name, result in criteria.items()
        if result.needs_review
    ]
    return list(dict.fromkeys(lines))


EARLIEST_CALL_DATE = dt.date(1990, 1, 1)
LATEST_CALL_DATE = dt.date(2100, 12, 31)
"""Call dates outside these are typos (9999-12-31 would also overflow the date arithmetic of the readers)."""
MAX_ID_CHARS = 200
_JSON_KINDS = {dict: "an object", list: "a list", float: "a number with a fraction", bool: "true or false"}


def call_date_problem(day: dt.date) -> str | None:
    """Why a call date cannot be right, or None: the one rule for the CLI, the batch, the UI and the library."""
    if EARLIEST_CALL_DATE <= day <= LATEST_CALL_DATE:
        return None
    return (
        f"the call date {day.isoformat()} is outside {EARLIEST_CALL_DATE.isoformat()} to "
        f"{LATEST_CALL_DATE.isoformat()}: give the date of the call as YYYY-MM-DD"
    )


class BatchLine(BaseModel):
    """One line of `qualify-batch` input."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(max_length=MAX_ID_CHARS)
    notes: str
    call_date: dt.date | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        """Text or a whole number; true/false, fractions, lists and objects are no ids."""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"must be text or a whole number, not {_JSON_KINDS.get(type(value), 'that')}")
        return str(value)

    @field_validator("call_date")
    @classmethod
    def _plausible(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and (problem := call_date_problem(value)):
            raise ValueError(problem)
        return value
