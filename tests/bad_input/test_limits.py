"""The limits of docs/limits.md are settings with sane defaults, and each behaves as documented at
its edge: at the limit is fine, one past it is truncated (notes) or refused (files), with a message
that names the setting."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.settings import Settings, load_settings
from assistant.text.decoding import InputError, clean_notes
from assistant.text.documents import MIN_UNPACKED_BYTES, UNPACKED_FACTOR, read_document
from assistant.text.files import read_notes_file
from tests.bad_input.faults import Env

runner = CliRunner()


def test_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ASSISTANT_MAX_NOTE_CHARS", "ASSISTANT_MAX_UPLOAD_BYTES", "ASSISTANT_UI_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.max_note_chars == 1_000_000
    assert settings.max_upload_bytes == 20_000_000
    assert settings.ui_password is None
    assert (UNPACKED_FACTOR, MIN_UNPACKED_BYTES) == (5, 50_000_000)


def test_the_environment_sets_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MAX_NOTE_CHARS", "5000")
    monkeypatch.setenv("ASSISTANT_MAX_UPLOAD_BYTES", "2000")
    assert (load_settings().max_note_chars, load_settings().max_upload_bytes) == (5000, 2000)


@pytest.mark.parametrize(
    ("name", "value"), [("ASSISTANT_MAX_NOTE_CHARS", "10"), ("ASSISTANT_MAX_UPLOAD_BYTES", "lots")]
)
def test_a_nonsense_limit_is_a_clear_error(name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"setting {name.removeprefix('ASSISTANT_').lower()}" in result.stderr


def test_notes_at_the_limit_are_kept_whole_and_longer_ones_cut_at_a_line_break() -> None:
    limit = 1_000
    line = "x" * 99 + "\n"
    at_limit = line * 10
    assert clean_notes(at_limit, limit) == (at_limit, [])
    cut, warnings = clean_notes(at_limit + "tail", limit)
    assert cut == at_limit[:-1] and cut.endswith("x"), "cut at the last line break before the limit"
    assert warnings == [
        "notes truncated to the first 999 of 1,004 characters (limit ASSISTANT_MAX_NOTE_CHARS=1,000)"
    ]


def test_a_note_without_line_breaks_is_cut_at_the_limit_itself() -> None:
    cut, warnings = clean_notes("word " * 1_000, 1_000)
    assert len(cut) == 1_000 and "of 5,000 characters" in warnings[0]


def test_files_at_the_upload_limit_pass_and_one_byte_more_is_refused(env: Env) -> None:
    settings: Settings = env.settings().model_copy(update={"max_upload_bytes": 1_000})
    exact = env.files / "exact.txt"
    exact.write_bytes(b"Call with Jo Kim, CFO. " + b"x" * (1_000 - 23))
    assert len(read_notes_file(exact, settings.max_upload_bytes).text) == 1_000
    over = env.files / "over.txt"
    over.write_bytes(exact.read_bytes() + b"x")
    with pytest.raises(
        InputError, match=r"over\.txt is 1 KB; files over 1 KB are refused \(ASSISTANT_MAX_UPLOAD_BYTES\)"
    ):
        read_notes_file(over, settings.max_upload_bytes)
    with pytest.raises(InputError, match=r"ASSISTANT_MAX_UPLOAD_BYTES"):
        read_document("over.md", over.read_bytes(), settings.max_upload_bytes)
    assert read_document("exact.md", exact.read_bytes(), settings.max_upload_bytes).text
