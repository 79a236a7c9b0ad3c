"""`export crm`: rows checked against each target's import rules, from real qualify-batch output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.crm.export import Skipped, export_rows, write_csv
from assistant.crm.values import cell, cut
from assistant.knowledge.crm import CHOICES_OF, CRM_FILE, RULES, CrmField, CrmMap
from assistant.knowledge.load import parse_model
from assistant.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "sources" / "fixtures"
runner = CliRunner()
SHIPPED = parse_model(PROJECT_ROOT / "knowledge" / CRM_FILE, CrmMap)


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """qualify-batch output of the Salesforce and HubSpot fixtures, plus tricky lines."""
    folder = tmp_path_factory.mktemp("results")
    made: dict[str, Path] = {}
    for target, name in (("salesforce", "salesforce-tasks.csv"), ("hubspot", "hubspot-notes.csv")):
        out = folder / f"{target}.jsonl"
        result = runner.invoke(app, ["qualify-batch", str(FIXTURES / name), "--out", str(out)])
        assert result.exit_code == 0, result.output
        made[target] = out
    return made


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))


def check_rules(target: str, data: bytes) -> list[dict[str, str]]:
    """The written file against the target's rules; its rows as dicts."""
    rules, mapped = RULES[target], getattr(SHIPPED, target)
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data  # UTF-8 without BOM, LF
    assert b'" ,' not in data and b', "' not in data  # no spaces around quotes
    rows = rows_of(data)
    header = rows[0]
    assert header == [item.column for item in mapped.fields] and all(rules.column.match(c) for c in header)
    found = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    for row in found:
        for item in mapped.fields:
            value = row[item.column]
            if item.type == "id":
                assert rules.record_id.match(value), (item.column, value)
            elif value == rules.empty:
                continue
            elif item.type == "picklist":
                assert value in item.choices.values(), (item.column, value)
            elif item.type == "multi_picklist":
                assert set(value.split(";")) <= set(item.choices.values()), (item.column, value)
            elif item.type in ("text", "long_text"):
                limit = rules.long_text_max if item.type == "long_text" else rules.text_max
                assert len(value) <= min(item.max_length or limit, limit), item.column
            elif item.type == "number":
                assert float(value) >= 0 and "," not in value
            elif item.type == "boolean":
                assert value in ("true", "false")
            elif item.type == "date":
                assert len(value) == 10 and value[4] == "-"
    return found


def test_salesforce_rows_follow_bulk_api_rules(results: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "tasks.csv"
    result = runner.invoke(
        app, ["export", "crm", "--target", "salesforce", str(results["salesforce"]), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 Salesforce rows written (Task), 0 skipped" in result.stderr
    rows = check_rules("salesforce", out.read_bytes())
    assert [row["Id"] for row in rows] == ["00T5e00000AbCdEFGH", "00T5e00000AbCdEFGI"]
    assert {row["Qualification_Verdict__c"] for row in rows} <= {"Sales Qualified", "Nurture", "Disqualified"}
    assert "#N/A" in {row["Recommended_Specialists__c"] for row in rows}  # empty clears the field


def test_hubspot_rows_follow_import_rules_one_row_per_contact(results: dict[str, Path]) -> None:
    result = runner.invoke(app, ["export", "crm", "--target", "hubspot", str(results["hubspot"])])
    assert result.exit_code == 0, result.output
    rows = check_rules("hubspot", result.stdout_bytes)
    assert [row["hs_object_id"] for row in rows] == ["901", "902", "903"]  # 902;903 become two rows


def test_lines_without_ids_or_reports_are_named_and_the_rest_written(
    results: dict[str, Path], tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = results["salesforce"].read_text(encoding="utf-8").splitlines()[0]
    bad_id = json.loads(good) | {"record": {"Id": "not an id!"}}
    mixed.write_text(
        "\n".join([good, '{"id": "x", "error": "the notes are empty"}', "{broken", json.dumps(bad_id)]) + "\n"
    )
    result = runner.invoke(app, ["export", "crm", "--target", "salesforce", str(mixed)])
    assert result.exit_code == 0 and "1 Salesforce rows written (Task), 3 skipped" in result.stderr
    assert "the batch could not qualify it: the notes are empty" in result.stderr
    assert "'not an id!' is not a Salesforce record id" in result.stderr
    assert len(check_rules("salesforce", result.stdout_bytes)) == 1


def test_values_with_commas_quotes_and_new_lines_survive_the_round_trip() -> None:
    rows = [["Id", "Title_Evidence__c"], ["00T5e00000AbCdEFGH", 'He said "yes, $120k"\nthen left']]
    assert rows_of(write_csv(rows)) == rows


def test_text_is_cut_at_a_word_within_the_limit() -> None:
    text = "word " * 100
    assert (
        cut(text, 255).endswith("…") and len(cut(text, 255)) <= 255 and not cut(text, 255)[:-1].endswith(" ")
    )
    field = CrmField(column="Title_Evidence__c", value="title.evidence", max_length=40)
    assert len(cell(["a" * 30, "b" * 30], field, RULES["salesforce"])) <= 40


def test_a_picklist_value_the_map_lacks_names_the_column() -> None:
    field = CrmField(
        column="V__c", value="verdict", type="picklist", choices=dict.fromkeys(CHOICES_OF["verdict"], "X")
    )
    assert cell("nurture", field, RULES["salesforce"]) == "X"
    with pytest.raises(ValueError, match=r"V__c: 'other' has no CRM value"):
        cell("other", field, RULES["salesforce"])


def test_unknown_target_and_missing_map_are_clear(
    results: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["export", "crm", "--target", "pipedrive", str(results["salesforce"])])
    assert result.exit_code == 2 and "choose salesforce or hubspot" in result.stderr
    monkeypatch.setenv("ASSISTANT_KNOWLEDGE_DIR", str(tmp_path))
    result = runner.invoke(app, ["export", "crm", "--target", "hubspot", str(results["hubspot"])])
    assert result.exit_code == 2 and "crm.yaml: file not found" in result.stderr


def test_export_rows_yields_header_first() -> None:
    items = list(export_rows(["", '{"id": "a", "error": "x"}'], "salesforce", SHIPPED.salesforce))
    assert items[0][0] == "Id" and isinstance(items[1], Skipped)
