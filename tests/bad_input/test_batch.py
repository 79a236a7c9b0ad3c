"""Every kind through `qualify-batch` (and the batch reader under it): a bad line gets {"id", "error"},
the others get reports, input order is kept; a file that cannot be read at all, or a broken
knowledge folder or index, stops the run with exit code 2 and one readable line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assistant.cli.main import app
from assistant.qualify.batch import BatchItem, read_batch, run_item
from assistant.qualify.schemas import QualificationReport
from assistant.runtime import Assistant
from assistant.text.decoding import InputError
from tests.bad_input.cases import Kind, cases
from tests.bad_input.conftest import CALL, BrokenFor, baseline, verdict_of
from tests.bad_input.faults import Env
from tests.bad_input.samples import GOOD

runner = CliRunner()


def output_rows(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def check_rows(kind: Kind, rows: list[dict[str, object]]) -> None:
    """Ids in input order; each row a report or the error its line deserves."""
    assert [row["id"] for row in rows] == [wanted for wanted, _ in kind.rows]
    for row, (ident, outcome) in zip(rows, kind.rows, strict=True):
        if outcome == "report":
            assert "report" in row and "error" not in row, (ident, row.get("error"))
        else:
            assert set(row) == {"id", "error"} and re.search(outcome, str(row["error"])), (ident, row)
    if kind.finds is not None:
        assert kind.finds in json.dumps(rows, ensure_ascii=False)


@pytest.fixture
def fast_good_notes(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten thousand copies of GOOD would take minutes: the one real report stands in for each copy
    (the reader, the thread pool, ordering and the writer stay real)."""
    real = Assistant.qualify
    known = real(Assistant(env.settings()), GOOD, CALL)

    def qualify(self: Assistant, notes: str, call_date: object = None) -> QualificationReport:
        return known if notes == GOOD else real(self, notes, call_date)  # type: ignore[arg-type]

    monkeypatch.setattr(Assistant, "qualify", qualify)


def batch_file(env: Env, kind: Kind) -> Path:
    data = kind.file_bytes()
    assert data is not None
    path = env.files / kind.name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", cases("batch", "batch_file"))
def test_batch_files_through_the_cli(kind: Kind, env: Env, request: pytest.FixtureRequest) -> None:
    if len(kind.rows) > 1000:
        request.getfixturevalue("fast_good_notes")
    result = runner.invoke(app, ["qualify-batch", str(batch_file(env, kind)), "--as-of", "2026-11-10"])
    if kind.refused is not None:
        assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.output
        kind.refusal(" ".join(result.stderr.split()))
        return
    rows = output_rows(result)
    check_rows(kind, rows)
    failed = sum("error" in row for row in rows)
    assert f"{len(rows) - failed} qualified, {failed} skipped" in result.stderr


@pytest.mark.parametrize("kind", cases("library", "batch_file"))
def test_batch_files_through_the_reader(kind: Kind, env: Env, request: pytest.FixtureRequest) -> None:
    if len(kind.rows) > 1000:
        request.getfixturevalue("fast_good_notes")
    path = batch_file(env, kind)
    if kind.refused is not None:
        with pytest.raises(InputError) as refused:
            read_batch(path)
        kind.refusal(str(refused.value))
        return
    assistant = Assistant(env.settings())

    def qualify(item: BatchItem) -> QualificationReport:
        assert item.line is not None
        return assistant.qualify(item.line.notes, item.line.call_date or CALL)

    check_rows(kind, [run_item(item, qualify) for item in read_batch(path)])


def three_lines(env: Env, notes: str) -> Path:
    """The kind's notes between two good leads."""
    path = env.files / "leads.jsonl"
    lines = [{"id": "before", "notes": GOOD}, {"id": "bad", "notes": notes}, {"id": "after", "notes": GOOD}]
    path.write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )  # "\ud800" as JSON writes it
    return path


@pytest.mark.parametrize("kind", cases("batch", "notes"))
def test_notes_as_one_line_of_a_batch(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    notes = kind.typed()
    assert notes is not None
    rows = output_rows(
        runner.invoke(app, ["qualify-batch", str(three_lines(env, notes)), "--as-of", "2026-11-10"])
    )
    assert [row["id"] for row in rows] == ["before", "bad", "after"]
    assert "report" in rows[0] and "report" in rows[2], "the good lines around it are qualified"
    middle = rows[1]
    if kind.refused is not None:
        assert set(middle) == {"id", "error"}
        kind.refusal(str(middle["error"]))
        return
    report = middle["report"]
    assert isinstance(report, dict)
    kind.warned(report["warnings"])
    if kind.same_as is not None:
        assert verdict_of(report) == baseline(env, kind.same_as)


@pytest.mark.parametrize("kind", cases("batch", "knowledge", "store"))
def test_a_broken_environment_stops_the_batch_clearly(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    result = runner.invoke(app, ["qualify-batch", str(three_lines(env, GOOD)), "--as-of", "2026-11-10"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("error:"))
    kind.refusal(" ".join(" ".join(lines[first:]).split()))
