"""The console script: readable and JSON reports, batches in order, clear errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.settings import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _fast_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


def test_qualify_prints_a_readable_report() -> None:
    result = runner.invoke(app, ["qualify", str(EXAMPLE), "--as-of", "2026-11-10"])
    assert result.exit_code == 0, result.output
    assert "SALES QUALIFIED" in result.output
    assert "Evidence (verbatim from the notes)" in result.output
    assert "sales_engineer" in result.output


def test_qualify_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["qualify", str(EXAMPLE), "--json", "--as-of", "2026-11-10"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {
        "criteria",
        "score",
        "verdict",
        "gaps",
        "next_questions",
        "recommendations",
        "citations",
        "engine",
        "warnings",
    }
    assert report["criteria"]["budget"]["value"] == {
        "amount": 180000.0,
        "currency": "USD",
        "amount_max": None,
        "approximate": False,
    }
    assert report["criteria"]["timeline"]["value"] == "2027-03-31"
    assert report["engine"] == "offline"


def test_qualify_reads_standard_input() -> None:
    notes = "Call with Ana Ruiz, COO at Vela Retail (400 employees). Stockouts are costing sales."
    result = runner.invoke(app, ["qualify", "-", "--json"], input=notes)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["criteria"]["title"]["status"] == "met"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary"),
    ],
)
def test_bad_notes_files_fail_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["qualify", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_file_and_folder_fail_clearly(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["qualify", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    folder = runner.invoke(app, ["qualify", str(tmp_path)])
    assert folder.exit_code == 2 and "is a folder" in folder.output


def test_legacy_encodings_are_read(tmp_path: Path) -> None:
    notes = "Llamada con Sofía Núñez, directora de logística en Envíos Rápidos, 500 personas."
    for encoding in ("utf-16", "latin-1"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(notes.encode(encoding))
        result = runner.invoke(app, ["qualify", str(path), "--json"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["criteria"]["size"]["value"] == 500


def write_batch(path: Path) -> None:
    rows = [
        json.dumps(
            {
                "id": "a",
                "notes": "Call with Jo Kim, CFO at Delta Bank (900 employees).",
                "call_date": "2026-11-10",
            }
        ),
        "{not json",
        json.dumps({"id": "c", "notes": "   "}),
        json.dumps({"id": 4, "notes": "Student writing a thesis, no budget."}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    write_batch(source)
    result = runner.invoke(app, ["qualify-batch", str(source)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [row["id"] for row in rows] == ["a", "line-2", "c", "4"]
    assert "report" in rows[0] and "report" in rows[3]
    assert "not valid JSON" in rows[1]["error"]
    assert "empty" in rows[2]["error"]
    assert rows[3]["report"]["verdict"] == "disqualified"


def test_batch_reads_csv(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'id,notes,call_date\nx1,"Call with Al Po, VP Sales at Nimbus Telecom",2026-11-10\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["qualify-batch", str(source)])
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert rows[0]["id"] == "x1"
    assert rows[0]["report"]["criteria"]["industry"]["status"] == "met"


def test_console_script_batch_end_to_end(tmp_path: Path) -> None:
    """The installed command as score.py runs it: JSON lines on stdout, progress on stderr."""
    source = tmp_path / "in.jsonl"
    write_batch(source)
    script = Path(sys.executable).parent / "sales-assistant"
    proc = subprocess.run(
        [str(script), "qualify-batch", str(source)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 4 and all(line.startswith("{") for line in lines)
    assert "2 qualified, 2 skipped" in proc.stderr


def test_playbooks_search_json_hits() -> None:
    result = runner.invoke(app, ["playbooks", "search", "budget approval questions", "--k", "3", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert set(hits[0]) == {"source", "section", "score", "text"}
    assert hits[0]["source"].startswith("playbooks/")


def test_knowledge_check_command() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0 and "ok" in result.output
    assert "renewal policy" in result.output and "20 people" in result.output


def test_info_names_history_and_index_and_hides_the_database_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", "postgresql://bob:hunter2@db.example/sales")
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", "http://chroma.example:8000")
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert "history: postgresql+psycopg://bob:***@db.example/sales" in result.output
    assert "playbook index: http://chroma.example:8000" in result.output
    assert "hunter2" not in result.output
