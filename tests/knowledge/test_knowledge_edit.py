"""Rubric and roster edits: validated like a load, written with comments kept, refused whole if wrong."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from assistant.knowledge.edit import (
    cell_list,
    cell_text,
    industries_from_table,
    load_tree,
    people_from_table,
    plain,
    preview_rubric,
    save_roster,
    save_rubric,
)
from assistant.knowledge.load import KnowledgeError, load_knowledge


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_a_threshold_edit_rewrites_only_that_value_and_keeps_comments(
    editable_library: tuple[Path, Path],
) -> None:
    folder = editable_library[1]
    before = (folder / "rubric.yaml").read_text(encoding="utf-8")
    rubric = save_rubric(
        folder,
        {
            "size": {"met_min": 500, "partial_min": 50},
            "weights": {
                "title": 20.0,
                "problem": 25.0,
                "industry": 10.0,
                "size": 15.0,
                "budget": 15.0,
                "timeline": 15.0,
            },
        },
    )
    after = (folder / "rubric.yaml").read_text(encoding="utf-8")
    assert rubric.size.met_min == 500 and load_knowledge(folder).rubric.size.met_min == 500
    edited = [
        line
        for line in changed_lines(before, after)
        if "keywords" not in line and not line.strip(" +-'").strip()
    ]
    assert "-  met_min: 200        # employees" in changed_lines(before, after)
    assert "+  met_min: 500        # employees" in changed_lines(before, after)
    assert edited == []
    assert after.startswith("# The default qualification rubric (SPEC section 2).")
    assert "weights: {title: 20, problem: 25, industry: 10, size: 15, budget: 15, timeline: 15}" in after


def test_saving_twice_is_stable(editable_library: tuple[Path, Path]) -> None:
    folder = editable_library[1]
    tree = plain(load_tree(folder, "rubric.yaml"))
    save_rubric(folder, {"industries": tree["industries"]})
    once = (folder / "rubric.yaml").read_text(encoding="utf-8")
    save_rubric(folder, {"industries": tree["industries"]})
    assert (folder / "rubric.yaml").read_text(encoding="utf-8") == once
    assert "# Decision makers and budget holders." in once and "    keywords:\n      - 'bank(s|ing)?'" in once


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        (
            {"size": {"met_min": 40, "partial_min": 50}},
            r"rubric\.yaml: invalid content\n  field size: partial_min must not exceed met_min",
        ),
        ({"weights": {"title": -1}}, r"field weights"),
        ({"verdict": {"qualified_min_score": 120}}, r"field verdict\.qualified_requires_met: Field required"),
        (
            {"industries": [{"key": "Bad Key", "label": "x", "tier": "target", "keywords": ["x"]}]},
            r"field industries\.0\.key",
        ),
    ],
)
def test_invalid_rubric_edits_name_the_field_and_write_nothing(
    editable_library: tuple[Path, Path], edits: dict[str, object], message: str
) -> None:
    folder = editable_library[1]
    before = (folder / "rubric.yaml").read_bytes()
    with pytest.raises(KnowledgeError, match=message):
        save_rubric(folder, edits)
    assert (folder / "rubric.yaml").read_bytes() == before


def test_removing_an_industry_the_roster_uses_is_refused(editable_library: tuple[Path, Path]) -> None:
    folder = editable_library[1]
    industries = [
        item for item in plain(load_tree(folder, "rubric.yaml"))["industries"] if item["key"] != "healthcare"
    ]
    with pytest.raises(
        KnowledgeError, match=r"roster\.yaml: field people\.\d+\.industries: unknown industry 'healthcare'"
    ):
        preview_rubric(folder, {"industries": industries})


def test_roster_edit_keeps_comments_of_kept_people(editable_library: tuple[Path, Path]) -> None:
    folder = editable_library[1]
    before = (folder / "roster.yaml").read_text(encoding="utf-8")
    people = plain(load_tree(folder, "roster.yaml"))["people"]
    rows = [
        {**person, "title": person.get("title", ""), "specialties": person.get("specialties", [])}
        for person in people
    ]
    rows[0]["languages"] = ["en", "es"]
    rows.append(
        {
            "name": "Lea Novak",
            "role": "csm",
            "title": "",
            "email": None,
            "industries": [],
            "languages": ["en"],
        }
    )
    roster = save_roster(folder, {"people": people_from_table(rows, people)})
    after = (folder / "roster.yaml").read_text(encoding="utf-8")
    assert len(roster.people) == len(people) + 1
    assert changed_lines(before, after) == [
        "-    languages: [en]",
        "+    languages: [en, es]",
        "+  - name: Lea Novak",
        "+    role: csm",
    ]


def test_roster_with_an_unknown_product_line_is_refused(editable_library: tuple[Path, Path]) -> None:
    folder = editable_library[1]
    people = plain(load_tree(folder, "roster.yaml"))["people"]
    people[0]["product_lines"] = ["teleportation"]
    with pytest.raises(
        KnowledgeError, match=r"field people\.0\.product_lines: unknown product 'teleportation'"
    ):
        save_roster(folder, {"people": people})


def test_table_cells_become_clean_values() -> None:
    assert cell_text(float("nan")) == "" and cell_text(None) == "" and cell_text(" sdr ") == "sdr"
    assert (
        cell_list("en, es,") == ["en", "es"]
        and cell_list(None) == []
        and cell_list(("a", " ", "b")) == ["a", "b"]
    )
    rows: list[dict[str, Any]] = [
        {"key": "x", "label": "X", "tier": "other", "keywords": "x, y"},
        {"key": None},
    ]
    assert industries_from_table(rows) == [
        {"key": "x", "label": "X", "tier": "other", "keywords": ["x", "y"]}
    ]
    person = people_from_table([{"name": "A", "role": "ae", "languages": []}], [])
    assert person == [{"name": "A", "role": "ae", "languages": []}]  # empty languages must be written
