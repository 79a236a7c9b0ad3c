"""The structured answer the model must return, bounded and filtered as it is parsed.

Whatever a model sends is untrusted: a value of 5 MB would reach the history, a "question" may
be a link or a credential request. Every string is cut to a sane length before validation (cut,
not refused, so one long field does not throw the whole answer away), and a next question
survives only when it is a real question about the prospect.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.domain import Status
from assistant.text.instructions import asks_for_credentials, is_instruction

MAX_QUOTES = 5
MAX_QUOTE_CHARS = 1_000
MAX_VALUE_CHARS = 200
MAX_CODE_CHARS = 20
MAX_QUESTION_CHARS = 300
_NOT_A_QUESTION = re.compile(
    r"https?://|www\.|\S+@\S+\.\w|\b(?:password|passcode|api[ _-]?key|token|credit card|card number|"
    r"login|log in|sign in|bank details|wire|gift card|ssn|social security)\b",
    re.IGNORECASE,
)


def bounded(value: object, limit: int) -> object:
    """A string cut to `limit` characters; anything else unchanged (validation judges it)."""
    return value[:limit] if isinstance(value, str) else value


def discovery_question(text: str) -> bool:
    """A question a rep could ask the prospect: short, a question, no link, no instruction, no secret."""
    return (
        10 <= len(text) <= MAX_QUESTION_CHARS
        and text.endswith("?")
        and _NOT_A_QUESTION.search(text) is None
        and not is_instruction(text)
        and not asks_for_credentials(text)
    )


class ModelCriterion(BaseModel):
    """One criterion as the model reads it."""

    model_config = ConfigDict(extra="ignore")

    evidence: list[str] = Field(default_factory=list, description="Exact quotes from the notes.")
    value: str | None = None
    status: Status = "missing"

    @field_validator("evidence", mode="before")
    @classmethod
    def _bounded_quotes(cls, value: object) -> object:
        """At most a few quotes of bounded length: a quote is evidence, not a copy of the notes."""
        if isinstance(value, list):
            return [bounded(item, MAX_QUOTE_CHARS) for item in value[:MAX_QUOTES]]
        return value

    @field_validator("value", mode="before")
    @classmethod
    def _bounded_value(cls, value: object) -> object:
        return bounded(value, MAX_VALUE_CHARS)


class ModelNumbers(BaseModel):
    """The facts the rubric's thresholds need."""

    model_config = ConfigDict(extra="ignore")

    employees: int | None = None
    budget_amount: float | None = None
    budget_currency: str | None = None
    budget_approved: bool | None = None
    decision_date: str | None = Field(default=None, description="YYYY-MM-DD")

    @field_validator("budget_currency", "decision_date", mode="before")
    @classmethod
    def _short(cls, value: object) -> object:
        return bounded(value, MAX_CODE_CHARS)


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

    @field_validator("next_questions", mode="before")
    @classmethod
    def _questions_about_the_prospect(cls, value: object) -> object:
        """Only real discovery questions: bounded, ending in '?', no links, instructions or credentials."""
        if not isinstance(value, list):
            return value
        kept = [q.strip() for q in value[:10] if isinstance(q, str)]
        return [q for q in kept if discovery_question(q)]
