"""`qualify-batch --workers`: processes for the offline engine, same rows in the same order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli.batch_workers import MIN_ITEMS_PER_WORKER, planned_workers
from assistant.settings import Settings
from bench.notes_corpus import generate

BAD_LINES = {5: "{not json", 40: json.dumps({"id": "empty", "notes": "  "}), 77: "[[[[1]]]]"}


def _batch(path: Path, count: int) -> None:
    lines = [
        json.dumps({"id": f"n{i}", "notes": case.notes, "call_date": case.call_date.isoformat()})
        for i, case in enumerate(generate(count))
    ]
    for position, bad in BAD_LINES.items():
        lines.insert(position, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(source: Path, workers: int, data_dir: Path) -> tuple[list[dict[str, object]], str]:
    script = Path(sys.executable).parent / "sales-assistant"
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_EMBEDDING": "hashing"}
    done = subprocess.run(
        [str(script), "qualify-batch", str(source), "--workers", str(workers)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    for row in rows:
        if "report" in row:
            row["report"]["metadata"].pop("elapsed_ms", None)  # type: ignore[index, union-attr]
    return rows, done.stderr


def test_two_processes_give_the_rows_one_process_gives(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _batch(source, 2 * MIN_ITEMS_PER_WORKER + 20)
    one, _ = _run(source, 1, tmp_path / "data")
    two, stderr = _run(source, 2, tmp_path / "data")
    assert two == one
    assert [row["id"] for row in two][:6] == ["n0", "n1", "n2", "n3", "n4", "line-6"]
    assert sum("error" in row for row in two) == len(BAD_LINES)
    assert f"{len(one) - len(BAD_LINES)} qualified, {len(BAD_LINES)} skipped" in stderr


@pytest.mark.parametrize(
    ("requested", "items", "model", "expected"),
    [
        (4, 1_000, None, 4),
        (4, 40, None, 1),  # too few lines to pay for starting processes
        (4, 2 * MIN_ITEMS_PER_WORKER, None, 2),
        (8, 1_000, "openai/gpt-4o-mini", 1),  # a model's engine uses threads in one process
        (1, 1_000, None, 1),
    ],
)
def test_planned_workers(requested: int, items: int, model: str | None, expected: int) -> None:
    assert planned_workers(requested, items, Settings(model=model)) == expected


def test_the_summary_counts_reports_that_need_review(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    unsure = (
        "Lena Fischer: Do you have 200k approved for this?\nOmar Haddad: Yes.\n"
        "Omar Haddad: I run operations at Brightline Logistics, about 900 people."
    )
    sure = (
        "Call with Dana Ruiz, VP Finance at Acme Logistics (~2k employees). Budget $150k approved. "
        "Decision by end of January. Manual invoice matching costs us 3 FTEs."
    )
    rows = [{"id": "unsure", "notes": unsure}, {"id": "sure", "notes": sure}, {"id": "bad", "notes": ""}]
    source.write_text(
        "\n".join(json.dumps(row | {"call_date": "2026-11-10"}) for row in rows), encoding="utf-8"
    )
    out, stderr = _run(source, 1, tmp_path / "data")
    flagged = [row["id"] for row in out if row.get("report", {}).get("needs_review")]  # type: ignore[union-attr]
    assert flagged == ["unsure"]
    assert "2 qualified, 1 skipped; 1 need review before acting on the verdict" in stderr
