"""The criteria registry: every criterion has everything the engines, prompts and reports need."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain import CRITERIA
from assistant.extract.document import read_notes
from assistant.knowledge.load import Knowledge
from assistant.qualify.criteria import REGISTRY, criteria, criterion_label, describe_rubric
from assistant.qualify.questions import GAP_QUERIES


def test_the_registry_covers_every_criterion_in_report_order() -> None:
    assert tuple(REGISTRY) == CRITERIA
    assert [criterion.name for criterion in criteria()] == list(CRITERIA)


@pytest.mark.parametrize("name", CRITERIA)
def test_each_entry_is_complete(name: str, knowledge: Knowledge) -> None:
    entry = REGISTRY[name]  # type: ignore[index]
    assert entry.name == name
    assert entry.label.strip() and criterion_label(entry.name) == entry.label
    assert entry.weight_key in knowledge.rubric.weights, "the rubric must weigh it"
    assert "question" in entry.gap_query and GAP_QUERIES[entry.name] == entry.gap_query
    line = entry.prompt_line(knowledge.rubric)
    assert line.startswith(f"- {name}"), "the model reads one line per criterion, named first"
    finding = entry.read(
        read_notes("Dana, VP Operations: we have 500 employees."), dt.date(2026, 11, 10), knowledge.rubric
    )
    assert finding.criterion == name, "the reader answers for its own criterion"


def test_the_model_sees_every_criterion_with_the_rubric_numbers(knowledge: Knowledge) -> None:
    text = describe_rubric(knowledge.rubric)
    assert [line.split(":")[0].split()[1] for line in text.splitlines()] == list(CRITERIA)
    assert str(knowledge.rubric.size.met_min) in text
