"""knowledge/crm.yaml is validated against each CRM's rules when it loads, with the file and field named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.knowledge.crm import CRM_FILE, CrmMap
from assistant.knowledge.load import KnowledgeError, parse_model
from assistant.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "knowledge" / CRM_FILE


def test_the_shipped_map_loads_with_every_default_column() -> None:
    mapped = parse_model(SHIPPED, CrmMap)
    for target in (mapped.salesforce, mapped.hubspot):
        assert target is not None
        values = {item.value for item in target.fields}
        assert {"verdict", "score", "gaps", "next_questions", "recommendations"} <= values
        assert all(
            f"{name}.{part}" in values for name in ("title", "budget") for part in ("status", "evidence")
        )


def edited(tmp_path: Path, change: str, target: str = "salesforce") -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    fields = data[target]["fields"]
    if change == "lowercase-in-salesforce":
        fields[1]["column"] = "qualification verdict"
    elif change == "missing-choice":
        del fields[1]["choices"]["nurture"]
    elif change == "too-long":
        fields[6]["max_length"] = 300
    elif change == "no-id":
        del fields[0]
    elif change == "repeated":
        fields[2]["column"] = fields[1]["column"]
    elif change == "unknown-value":
        fields[2]["value"] = "budget.amount"
    elif change == "separator-in-choice":
        fields[1]["choices"]["nurture"] = "Nurture;Later"
    elif change == "hubspot-capitals":
        fields[1]["column"] = "Qualification_Verdict"
    path = tmp_path / CRM_FILE
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message", "target"),
    [
        ("lowercase-in-salesforce", r"not a Salesforce field name", "salesforce"),
        ("missing-choice", r"choices has no CRM value for nurture", "salesforce"),
        ("too-long", r"max_length 300 is over Salesforce's 255 for text", "salesforce"),
        ("no-id", r"no required id column", "salesforce"),
        ("repeated", r"is mapped twice", "salesforce"),
        ("unknown-value", r"'budget.amount' is not a report value", "salesforce"),
        ("separator-in-choice", r"is not a value Salesforce can store", "salesforce"),
        ("hubspot-capitals", r"not a HubSpot field name", "hubspot"),
    ],
)
def test_a_map_the_crm_would_reject_fails_at_load(
    tmp_path: Path, change: str, message: str, target: str
) -> None:
    with pytest.raises(KnowledgeError, match=rf"crm.yaml: invalid content\n.*{message}"):
        parse_model(edited(tmp_path, change, target), CrmMap)
