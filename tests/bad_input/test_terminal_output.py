"""Untrusted text never drives the terminal: rich markup in notes, account names, batch ids, file
names, playbook titles and warnings is printed literally (never a MarkupError, never a style), and
ANSI/OSC escape sequences are stripped, on every CLI surface that prints them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner, Result

from assistant.cli.main import app
from assistant.text.terminal import markup_safe, plain
from tests.bad_input.faults import Env
from tests.bad_input.samples import LEAD

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]

MARKUP = ["[/x]", "Acme [/x] Corp", "[bold red]boom[/]", "[link=https://evil.example]click[/link]", "tail \\"]
CONTROL = [
    "\x1b[31mred\x1b[0m",
    "\x1b]0;pwned title\x07",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[Hcleared",
    "\u202eevil\u202c",
]
HOSTILE = MARKUP + CONTROL


SEQUENCES = ["\x1b[31m", "\x1b]0;", "\x1b]8;;", "\x1b[2J", "\x07", "\u202e"]


def clean(result: Result, *, json_stdout: bool = False) -> str:
    """The command's output, free of tracebacks and of every control sequence the hostile text carried
    (stdout JSON escapes controls itself; our own progress bar may move the cursor on stderr)."""
    output = result.stderr if json_stdout else result.stdout + result.stderr
    assert "Traceback" not in output and "MarkupError" not in output, output
    for sequence in SEQUENCES:
        assert sequence not in output, f"{sequence!r} reached the terminal: {output!r}"
    return output


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_and_markup_safe_strip_controls_and_keep_words(text: str) -> None:
    assert "\x1b" not in plain(text) and "\u202e" not in plain(text)
    from rich.text import Text

    rendered = Text.from_markup(f"[dim]{markup_safe(text)}[/]").plain
    assert rendered.rstrip("\\") == plain(text).rstrip("\\"), "markup is shown literally, not applied"


@pytest.mark.parametrize("text", HOSTILE)
def test_readable_report_prints_hostile_notes_literally(text: str, env: Env) -> None:
    notes = env.files / "notes.txt"
    notes.write_text(f"{LEAD}\nNote from the rep: {text}\n", encoding="utf-8")
    result = runner.invoke(app, ["qualify", str(notes), *AS_OF])
    assert result.exit_code == 0, result.output
    clean(result)


@pytest.mark.parametrize("account", HOSTILE)
def test_hostile_account_names_save_and_list(account: str, env: Env) -> None:
    notes = env.files / "notes.txt"
    notes.write_text(LEAD, encoding="utf-8")
    saved = runner.invoke(app, ["qualify", str(notes), "--save", "--account", f"Acme {account}", *AS_OF])
    assert saved.exit_code == 0, saved.output
    assert "Saved to the history" in clean(saved), "the report printed, then the save"
    listed = runner.invoke(app, ["accounts", "list"])
    assert listed.exit_code == 0, listed.output
    assert "Acme" in clean(listed)
    shown = runner.invoke(app, ["accounts", "show", f"Acme {account}"])
    assert shown.exit_code == 0, shown.output
    output = clean(shown)
    if account in MARKUP:
        assert account.split()[0] in output, "markup in a name is shown as written"


@pytest.mark.parametrize("ident", HOSTILE)
def test_batch_ids_and_their_errors_print_literally(ident: str, env: Env) -> None:
    batch = env.files / "leads.jsonl"
    lines = [{"id": ident, "notes": LEAD}, {"id": f"{ident}-empty", "notes": "   "}]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = runner.invoke(app, ["qualify-batch", str(batch), *AS_OF])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["id"] == ident and "report" in rows[0], (
        "ids travel to the output unchanged (JSON escapes them)"
    )
    assert "skipped" in clean(result, json_stdout=True)


@pytest.mark.parametrize("name", ["notes [/x].txt", "[bold]n[/].txt", "n\x1b[31m.txt"])
def test_file_names_in_errors(name: str, env: Env) -> None:
    result = runner.invoke(app, ["qualify", str(env.files / name), *AS_OF])
    assert result.exit_code == 2
    assert "no such file" in clean(result)


@pytest.mark.parametrize("title", HOSTILE)
def test_playbook_titles_list_and_search(title: str, env: Env) -> None:
    (env.playbooks / "hostile.md").write_text(
        f"---\ntitle: {json.dumps(title)}\nkind: discovery\n---\n\n# {plain(title)}\n\nAsk about the budget owner.\n",
        encoding="utf-8",
    )
    listed = runner.invoke(app, ["playbooks", "list"])
    assert listed.exit_code == 0, listed.output
    assert "hostile.md" in clean(listed).replace("\n", "")
    searched = runner.invoke(app, ["playbooks", "search", "budget owner", "--k", "20"])
    assert searched.exit_code == 0, searched.output
    clean(searched)
