"""The discovery question bank (knowledge/questions.yaml): questions per language and criterion,
tagged with what they fit, so the report asks in the notes' language and only what fits.

The playbooks stay the first source of English questions (retrieved per gap); the bank gives the
tags those questions are filtered by, the Spanish questions, industry-specific ones, and what an
override's new gaps are asked with when no retrieval runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.domain import CriterionName
from assistant.knowledge.schemas import check_patterns
from assistant.text.fold import fold

QUESTIONS_FILE = "questions.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Topic(_Strict):
    """A subject only some industries are asked about ("regulation": not for a hotel chain)."""

    industries: list[str] = Field(min_length=1, description="Industry keys of rubric.yaml it fits.")
    cues: list[str] = Field(
        default_factory=list, description="Regular expressions that put an untagged question in the topic."
    )

    _valid = field_validator("cues")(check_patterns)


class BankQuestion(_Strict):
    """One question and what it fits; a plain string in the YAML is a question that fits everyone."""

    text: str = Field(min_length=10, max_length=300)
    industries: list[str] = Field(default_factory=list, description="Only for these industry keys.")
    topic: str | None = Field(default=None, description="A key of `topics`: asked only where it fits.")
    asks_value: bool = Field(
        default=False, description="Asks for what the criterion's value says: not asked once it is known."
    )

    @field_validator("text")
    @classmethod
    def _a_question(cls, value: str) -> str:
        if not value.strip().endswith("?"):
            raise ValueError(f"a question ends with '?': {value!r}")
        return value.strip()


def _as_entry(item: object) -> object:
    return {"text": item} if isinstance(item, str) else item


class QuestionBank(_Strict):
    """Questions by language ("en", "es") and criterion, the topics they may belong to, and the cues
    that tell which criterion an untagged question (a model's) is about."""

    version: str = ""
    topics: dict[str, Topic] = Field(default_factory=dict)
    criterion_cues: dict[CriterionName, list[str]] = Field(default_factory=dict)
    questions: dict[str, dict[CriterionName, list[BankQuestion]]] = Field(default_factory=dict)

    @field_validator("questions", mode="before")
    @classmethod
    def _plain_strings(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {
            language: {name: [_as_entry(item) for item in items] for name, items in by_criterion.items()}
            if isinstance(by_criterion, dict)
            and all(isinstance(items, list) for items in by_criterion.values())
            else by_criterion
            for language, by_criterion in value.items()
        }

    @field_validator("criterion_cues")
    @classmethod
    def _cues_compile(cls, value: dict[CriterionName, list[str]]) -> dict[CriterionName, list[str]]:
        return {name: check_patterns(patterns) for name, patterns in value.items()}

    @model_validator(mode="after")
    def _topics_exist(self) -> QuestionBank:
        for _language, _name, question in self.entries():
            if question.topic and question.topic not in self.topics:
                raise ValueError(f"question {question.text!r}: unknown topic {question.topic!r}")
        return self

    def entries(self) -> Iterator[tuple[str, CriterionName, BankQuestion]]:
        """Every question with its language and criterion."""
        for language, by_criterion in self.questions.items():
            for name, items in by_criterion.items():
                for item in items:
                    yield language, name, item

    def industry_keys(self) -> set[str]:
        """Every industry key the bank names, for the cross-file check against the rubric."""
        keys = {key for _l, _n, question in self.entries() for key in question.industries}
        return keys | {key for topic in self.topics.values() for key in topic.industries}

    @cached_property
    def _by_text(self) -> dict[str, tuple[CriterionName, BankQuestion]]:
        found: dict[str, tuple[CriterionName, BankQuestion]] = {}
        for _language, name, question in self.entries():
            found.setdefault(fold(question.text), (name, question))
        return found

    def lookup(self, text: str) -> tuple[CriterionName, BankQuestion] | None:
        """The bank's entry for a question with this text (in any language), if it has one."""
        return self._by_text.get(fold(text.strip()))

    @cached_property
    def _topic_cues(self) -> dict[str, re.Pattern[str]]:
        return {name: _any_of(topic.cues) for name, topic in self.topics.items() if topic.cues}

    @cached_property
    def _criterion_cues(self) -> dict[CriterionName, re.Pattern[str]]:
        return {name: _any_of(patterns) for name, patterns in self.criterion_cues.items() if patterns}

    def topic_of(self, text: str) -> str | None:
        """The topic a question is tagged with, or whose cues it carries."""
        entry = self.lookup(text)
        if entry is not None:
            return entry[1].topic
        folded = fold(text)
        return next((name for name, cue in self._topic_cues.items() if cue.search(folded)), None)

    def criterion_of(self, text: str) -> CriterionName | None:
        """The criterion a question is filed under, or the first whose cues it carries."""
        entry = self.lookup(text)
        if entry is not None:
            return entry[0]
        folded = fold(text)
        return next((name for name, cue in self._criterion_cues.items() if cue.search(folded)), None)

    def for_language(self, language: str) -> dict[CriterionName, list[BankQuestion]]:
        """The questions in this language; English when the bank has none in it."""
        return self.questions.get(language) or self.questions.get("en", {})


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """Whole-word patterns over accent-folded lower-case text."""
    return re.compile("|".join(f"(?<!\\w)(?:{pattern})(?!\\w)" for pattern in patterns))
