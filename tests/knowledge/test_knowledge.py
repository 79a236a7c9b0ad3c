"""Knowledge files: validated on load, errors name file and field, edits change verdicts."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from assistant.knowledge.load import KnowledgeError, load_knowledge
from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.conftest import KNOWLEDGE_DIR

NOTES = (
    "Call with Dana Reyes, CFO at Pinecrest Logistics (freight, 150 employees).\n"
    "Problem: dispatch is manual and late deliveries cost them $40k a quarter.\n"
    "Budget: $90k approved. Timeline: wants to sign in 2 months."
)


def copy_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit_yaml(path: Path, change: dict[str, object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dotted, value in change.items():
        node = data
        *parents, leaf = dotted.split(".")
        for key in parents:
            node = node[key]
        node[leaf] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_shipped_knowledge_loads(knowledge) -> None:  # type: ignore[no-untyped-def]
    assert len(knowledge.roster.people) >= 12
    roles = {person.role for person in knowledge.roster.people}
    assert {
        "sdr",
        "ae",
        "specialist_ae",
        "sales_engineer",
        "industry_expert",
        "channel_ae",
        "csm",
        "renewal_rep",
    } <= roles
    expert_industries = {i for p in knowledge.roster.by_role("industry_expert") for i in p.industries}
    assert {
        "financial_services",
        "healthcare",
        "manufacturing",
        "public_sector",
        "education",
    } <= expert_industries


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    folder = copy_knowledge(tmp_path)
    (folder / "rubric.yaml").write_text("weights: {title: 20\nsize: [", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"rubric\.yaml: malformed YAML at line"):
        load_knowledge(folder)


def test_wrong_type_names_field(tmp_path: Path) -> None:
    folder = copy_knowledge(tmp_path)
    edit_yaml(folder / "rubric.yaml", {"size.met_min": "lots"})
    with pytest.raises(KnowledgeError, match=r"(?s)rubric\.yaml.*field size\.met_min"):
        load_knowledge(folder)


def test_unknown_roster_industry_is_reported(tmp_path: Path) -> None:
    folder = copy_knowledge(tmp_path)
    data = yaml.safe_load((folder / "roster.yaml").read_text(encoding="utf-8"))
    data["people"][0]["industries"] = ["underwater_basket_weaving"]
    (folder / "roster.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"roster\.yaml: field people\.0\.industries"):
        load_knowledge(folder)


def test_invalid_regex_is_reported(tmp_path: Path) -> None:
    folder = copy_knowledge(tmp_path)
    data = yaml.safe_load((folder / "signals.yaml").read_text(encoding="utf-8"))
    data["topics"][0]["patterns"] = ["integrat(e"]
    (folder / "signals.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"(?s)signals\.yaml.*invalid pattern"):
        load_knowledge(folder)


def test_threshold_edit_in_yaml_changes_the_verdict(tmp_path: Path) -> None:
    """Enablement raises the size floor: the same notes are now out of profile, no code change."""
    folder = copy_knowledge(tmp_path)
    call = dt.date(2026, 11, 10)
    before = Assistant(Settings(data_dir=tmp_path / "d", knowledge_dir=folder, embedding="hashing"))
    first = before.qualify(NOTES, call)
    assert first.criteria["size"].status == "partial"
    edit_yaml(folder / "rubric.yaml", {"size.met_min": 500, "size.partial_min": 200})
    after = Assistant(Settings(data_dir=tmp_path / "d", knowledge_dir=folder, embedding="hashing"))
    second = after.qualify(NOTES, call)
    assert second.criteria["size"].status == "unfit"
    assert second.score < first.score
    assert (first.verdict, second.verdict) == ("sales_qualified", "disqualified")
