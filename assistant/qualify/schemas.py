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


class ReportMetadata(BaseModel):
    """Facts about how the report was made (not part of the qualification itself)."""

    model_config = ConfigDict(extra="forbid")

    call_date: dt.date
    rubric_version: str = ""
    elapsed_ms: float = 0.0
    llm: LLMUsage | None = None
    disagreements: list[str] = Field(default_factory=list)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Override(BaseModel):
    """A person's correction of one criterion's status, kept with the report for the record."""

    model_config = ConfigDict(extra="forbid")

    criterion: CriterionName
    status: Status
    reason: str = Field(max_length=2000, description="Why the reading from the notes was wrong.")
    by: str = Field(default="", max_length=200)
    at: dt.datetime = Field(default_factory=_utc_now)
    previous: Status | None = Field(
        default=None, description="The status the notes gave, filled in when the override is applied."
    )

    @field_validator("by")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("give a reason for the override")
        return value.strip()


class QualificationReport(BaseModel):
    """What `sales-assistant qualify --json` prints (SPEC section 4)."""

    model_config = ConfigDict(extra="forbid")

    criteria: dict[CriterionName, CriterionResult]
    score: float = Field(ge=0, le=100)
    verdict: Verdict
    gaps: list[CriterionName] = Field(default_factory=list)
    next_questions: list[str] = Field(default_factory=list)
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
