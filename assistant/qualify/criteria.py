"""The registry of qualification criteria: one entry per criterion, everything a criterion needs.

Adding a criterion means: its name in `assistant/domain.py`, its reader in `assistant/extract/`,
its entry here, its weight and thresholds in `knowledge/rubric.yaml` (and the rubric schema when
it has thresholds of its own). Engines, prompts, gap queries and labels read this table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from assistant.domain import CRITERIA, CriterionFinding, CriterionName
from assistant.extract.authority import read_title
from assistant.extract.budget import read_budget
from assistant.extract.document import NoteDocument
from assistant.extract.industry import read_industry
from assistant.extract.pain import read_problem
from assistant.extract.size import read_size
from assistant.extract.timeline import read_timeline
from assistant.knowledge.schemas import Rubric

Reader = Callable[[NoteDocument, dt.date, Rubric], CriterionFinding]
PromptLine = Callable[[Rubric], str]


@dataclass(frozen=True)
class Criterion:
    """One criterion: how it is named, weighed, read offline, asked about, and described to a model."""

    name: CriterionName
    label: str
    weight_key: str
    read: Reader
    gap_query: str
    prompt_line: PromptLine


def _industry_line(rubric: Rubric) -> str:
    target = ", ".join(i.label for i in rubric.industries if i.tier == "target")
    excluded = ", ".join(i.label for i in rubric.industries if i.tier == "excluded")
    return (
        f"- industry: met = target ({target}); partial = other known industry; unfit = excluded ({excluded})."
    )


def _size_line(rubric: Rubric) -> str:
    size = rubric.size
    return (
        f"- size (employees): met >= {size.met_min}; partial {size.partial_min}-{size.met_min - 1}; "
        f"unfit < {size.partial_min}."
    )


def _budget_line(rubric: Rubric) -> str:
    budget = rubric.budget
    return (
        f"- budget: met = approved, at least {budget.met_min:,.0f}; partial = unapproved or amount unknown; "
        f"unfit = none and no path, or under {budget.unfit_below:,.0f}."
    )


def _timeline_line(rubric: Rubric) -> str:
    timeline = rubric.timeline
    return (
        f"- timeline: met = decision within {timeline.met_within_months:g} months of the call; partial = "
        f"within {timeline.partial_within_months:g}; unfit = later; missing = no timeline yet."
    )


REGISTRY: dict[CriterionName, Criterion] = {
    "title": Criterion(
        name="title",
        label="Title (authority)",
        weight_key="title",
        read=lambda doc, _date, rubric: read_title(doc, rubric),
        gap_query="discovery questions about who makes the decision, their authority and who signs off",
        prompt_line=lambda _rubric: (
            "- title: met = decision maker or budget holder (C-level, VP, Head of, Director, owner); "
            "partial = influencer who can reach them (manager, lead, engineer, analyst, procurement); "
            "unfit = student, intern, job seeker, journalist, competitor."
        ),
    ),
    "problem": Criterion(
        name="problem",
        label="Problem (pain)",
        weight_key="problem",
        read=lambda doc, _date, _rubric: read_problem(doc),
        gap_query="discovery questions about the business problem, the pain and its impact",
        prompt_line=lambda _rubric: (
            "- problem: met = concrete business problem with impact or urgency; partial = vague interest; "
            "unfit = explicitly no need or not a priority."
        ),
    ),
    "industry": Criterion(
        name="industry",
        label="Industry",
        weight_key="industry",
        read=lambda doc, _date, rubric: read_industry(doc, rubric),
        gap_query="discovery questions to confirm the prospect's industry and line of business",
        prompt_line=_industry_line,
    ),
    "size": Criterion(
        name="size",
        label="Size (employees)",
        weight_key="size",
        read=lambda doc, _date, _rubric: read_size(doc),
        gap_query="discovery questions about company size and number of employees",
        prompt_line=_size_line,
    ),
    "budget": Criterion(
        name="budget",
        label="Budget",
        weight_key="budget",
        read=lambda doc, _date, _rubric: read_budget(doc),
        gap_query="discovery questions about the budget amount, approval and funding",
        prompt_line=_budget_line,
    ),
    "timeline": Criterion(
        name="timeline",
        label="Timeline",
        weight_key="timeline",
        read=lambda doc, call_date, _rubric: read_timeline(doc, call_date),
        gap_query="discovery questions about the timeline, decision date and compelling event",
        prompt_line=_timeline_line,
    ),
}


def criteria() -> list[Criterion]:
    """Every criterion, in the report's order."""
    return [REGISTRY[name] for name in CRITERIA]


def criterion_label(name: CriterionName) -> str:
    """The label people read for a criterion ("Title (authority)")."""
    return REGISTRY[name].label


def describe_rubric(rubric: Rubric) -> str:
    """The rubric as short text for a model, built from the editable YAML so prompts follow edits."""
    return "\n".join(criterion.prompt_line(rubric) for criterion in criteria())
