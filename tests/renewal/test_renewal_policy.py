"""knowledge/renewal.yaml: validated on load with file and field named; edits change the plan."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.knowledge.load import Knowledge, KnowledgeError, load_knowledge
from assistant.renewal.timeline import plan_timeline
from tests.conftest import KNOWLEDGE_DIR


def edited(tmp_path: Path, change: Any) -> Path:
    """A copy of the shipped knowledge with renewal.yaml changed by `change(data)`."""
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    path = folder / "renewal.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_shipped_policy_matches_the_playbook(knowledge: Knowledge) -> None:
    offsets = {m.key: m.days_before for m in knowledge.renewal.milestones}
    assert offsets == {
        "internal_review": 180,
        "renewal_rep_engaged": 120,
        "executive_business_review": 90,
        "proposal": 60,
        "signature": 30,
    }
    assert sum(knowledge.renewal.health.weights.values()) == 100
    assert {p.key for p in knowledge.renewal.premium_packages} == {
        "rollout",
        "training",
        "configuration",
        "certification",
    }


def test_weights_must_add_up(tmp_path: Path) -> None:
    folder = edited(tmp_path, lambda d: d["health"]["weights"].update(utilisation=90))
    with pytest.raises(KnowledgeError, match=r"(?s)renewal\.yaml.*field health\.weights.*add up to 100"):
        load_knowledge(folder)


def test_wrong_type_names_the_field(tmp_path: Path) -> None:
    folder = edited(tmp_path, lambda d: d["milestones"][0].update(days_before="half a year"))
    with pytest.raises(KnowledgeError, match=r"(?s)renewal\.yaml.*field milestones\.0\.days_before"):
        load_knowledge(folder)


def test_invalid_signal_pattern(tmp_path: Path) -> None:
    folder = edited(tmp_path, lambda d: d["premium_packages"][0].update(signals=["roll(out"]))
    with pytest.raises(KnowledgeError, match=r"(?s)renewal\.yaml.*invalid pattern"):
        load_knowledge(folder)


def test_unknown_add_on_product(tmp_path: Path) -> None:
    folder = edited(
        tmp_path, lambda d: d["add_ons"].append({"product": "teleporter", "share_of_core_arr": 0.1})
    )
    with pytest.raises(KnowledgeError, match=r"renewal\.yaml: field add_ons: unknown product 'teleporter'"):
        load_knowledge(folder)


def test_every_package_size_needs_a_tier(tmp_path: Path) -> None:
    folder = edited(tmp_path, lambda d: d["premium_packages"][0]["tiers"][-1].update(up_to=500))
    with pytest.raises(KnowledgeError, match=r"(?s)renewal\.yaml.*last tier must have no up_to"):
        load_knowledge(folder)


def test_editing_an_offset_moves_the_milestone(tmp_path: Path) -> None:
    """Enablement asks for the business review at T-100: no code change, a new date."""
    folder = edited(tmp_path, lambda d: d["milestones"][2].update(days_before=100))
    policy = load_knowledge(folder).renewal
    entries, _ = plan_timeline(dt.date(2027, 6, 30), dt.date(2026, 1, 5), policy)
    review = next(e for e in entries if e.key == "executive_business_review")
    assert review.date == dt.date(2027, 6, 30) - dt.timedelta(days=100)
