"""Every kind through the `sales-assistant` command: a refusal is exit code 2 (1 for `playbooks
ingest`, which indexes the good files first) with one readable line on stderr and no traceback;
what is read comes back as a report; what was saved before stays saved."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner, Result

from assistant.cli.main import app
from tests.bad_input.cases import Kind, cases
from tests.bad_input.conftest import BrokenFor, baseline, notes_path, verdict_of
from tests.bad_input.faults import ACCOUNT, Env, facts_file
from tests.bad_input.samples import GOOD, LEAD

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]


def refused(kind: Kind, result: Result, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(("error:", "skipped:")))
    kind.refusal(" ".join(" ".join(lines[first:]).split()))  # rich may wrap a long line: one sentence


def qualify(kind: Kind, env: Env, *extra: str) -> Result:
    """`qualify FILE --json`, or the typed text on standard input when the kind has no file."""
    if kind.file_bytes() is not None:
        return runner.invoke(app, ["qualify", str(notes_path(env, kind)), "--json", *AS_OF, *extra])
    return runner.invoke(app, ["qualify", "-", "--json", *AS_OF, *extra], input=kind.typed())


@pytest.mark.parametrize("kind", cases("cli", "notes"))
def test_notes(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    result = qualify(kind, env)
    if kind.refused is not None:
        refused(kind, result)
        assert result.stdout == "", "nothing half-written on stdout"
        return
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    kind.warned(report["warnings"])
    if kind.same_as is not None:
        assert verdict_of(report) == baseline(env, kind.same_as)
    if kind.finds is not None:
        assert kind.finds in json.dumps(report["criteria"], ensure_ascii=False)


def good_notes(env: Env) -> str:
    path = env.files / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kind", cases("cli", "knowledge"))
def test_knowledge_files(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    refused(kind, runner.invoke(app, ["check"]))
    refused(kind, runner.invoke(app, ["qualify", good_notes(env), *AS_OF]))


@pytest.mark.parametrize("kind", cases("cli", "store"))
def test_playbook_index(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    refused(kind, runner.invoke(app, ["qualify", good_notes(env), *AS_OF]))
    rebuilt = runner.invoke(app, ["playbooks", "ingest", "--rebuild"])  # the fix the message names
    assert rebuilt.exit_code == 0, rebuilt.output
    assert runner.invoke(app, ["qualify", good_notes(env), "--json", *AS_OF]).exit_code == 0


@pytest.mark.parametrize("kind", cases("cli", "save"))
def test_saving_to_the_history(kind: Kind, env: Env, broken: BrokenFor) -> None:
    intact = broken(kind)
    result = runner.invoke(
        app, ["qualify", good_notes(env), "--json", *AS_OF, "--save", "--account", ACCOUNT]
    )
    refused(kind, result)
    if result.stdout:  # the report was printed before the save failed: the work is not lost
        assert json.loads(result.stdout)["verdict"]
    intact()


@pytest.mark.parametrize("kind", cases("cli", "facts"))
def test_renewal_facts(kind: Kind, env: Env) -> None:
    assert kind.fault is not None
    result = runner.invoke(
        app, ["renewal", ACCOUNT, "--facts", str(facts_file(env, kind.fault)), "--no-save"]
    )
    refused(kind, result)


@pytest.mark.parametrize("kind", cases("cli", "playbook"))
def test_playbook_files(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    path = env.files / kind.name
    data = kind.file_bytes()
    assert data is not None
    path.write_bytes(data)
    result = runner.invoke(app, ["playbooks", "ingest", str(path)])
    if kind.refused is not None:
        refused(kind, result, code=1)
        return
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stdout or "passages" in result.stdout
    if kind.same_as is not None:
        report = json.loads(runner.invoke(app, ["qualify", "-", "--json", *AS_OF], input=LEAD).stdout)
        assert verdict_of(report) == baseline(env, kind.same_as)


def test_an_output_file_in_a_missing_folder_is_a_clear_error(env: Env) -> None:
    """`--out` into a folder that does not exist: exit 2 and the path, not an OSError traceback."""
    batch = env.files / "in.jsonl"
    batch.write_text(json.dumps({"id": "a", "notes": GOOD}) + "\n", encoding="utf-8")
    target = env.files / "no" / "such" / "out.jsonl"
    result = runner.invoke(app, ["qualify-batch", str(batch), "--out", str(target)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "no such file or folder" in result.stderr and "out.jsonl" in result.stderr


def test_standard_input_over_the_upload_limit_is_refused(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MAX_UPLOAD_BYTES", "10000")
    result = runner.invoke(app, ["qualify", "-"], input=GOOD * 200)
    assert result.exit_code == 2
    assert "standard input is over 10 KB" in result.stderr and "ASSISTANT_MAX_UPLOAD_BYTES" in result.stderr
