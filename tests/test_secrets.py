"""Secrets come only from the environment and go nowhere else: not into reports, the history, logs,
CLI output, the UI or the cassettes.

The LLM run replays tests/cassettes/test_secrets/ (recorded against llama.cpp's server with the
key below in ASSISTANT_API_KEY; the Authorization header is filtered out by `vcr_config`).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.llm.gateway import LLMGateway
from assistant.qualify.llm_engine import LLMEngine
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings, load_settings
from tests.conftest import LLM_API_BASE, LLM_MODEL
from tests.ui.served_mode import serve_like_the_cli

SECRET = "sk-test-SECRET"
UI_SECRET = "ui-password-SECRET"
API_SECRET = "api-token-SECRET-0123456789"
CASSETTES = PROJECT_ROOT / "tests" / "cassettes"
KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9_-]{4,}")
KEY_HEADERS = {"authorization", "api-key", "x-api-key", "openai-organization", "cookie"}
NOTES = (
    "Call with Maya Lin, VP Operations at Harbor Freight Logistics (trucking, 1,200 employees).\n"
    "Problem: dispatch is manual and late deliveries cost $30k a month in penalties.\n"
    "Budget: $150k approved. Timeline: wants to sign by end of January."
)
runner = CliRunner()


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key and the UI password as a deployment sets them: environment variables only."""
    monkeypatch.setenv("ASSISTANT_API_KEY", SECRET)
    monkeypatch.setenv("ASSISTANT_UI_PASSWORD", UI_SECRET)
    monkeypatch.setenv("ASSISTANT_API_TOKEN", API_SECRET)
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


@pytest.fixture
def llm_env(secret_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MODEL", LLM_MODEL)
    monkeypatch.setenv("ASSISTANT_API_BASE", LLM_API_BASE)
    monkeypatch.setenv("ASSISTANT_MAX_RETRIES", "0")
    monkeypatch.setenv("ASSISTANT_TIMEOUT_S", "300")


def debug_logging(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Capture every record at DEBUG, litellm's and httpx's loggers included.

    litellm's own handler prints DEBUG records to stdout (it would corrupt `--json`), so it is
    detached for the test: the records still reach caplog through the root logger.
    """
    from assistant.llm.gateway import _litellm

    _litellm()  # imported now, so its handlers exist to be detached
    for name in (
        None,
        "LiteLLM",
        "LiteLLM Router",
        "LiteLLM Proxy",
        "litellm",
        "httpx",
        "httpcore",
        "openai",
    ):
        caplog.set_level(logging.DEBUG, logger=name)
        if name is not None:
            monkeypatch.setattr(logging.getLogger(name), "handlers", [])


def assert_no_secret(text: str, where: str) -> None:
    for secret in (SECRET, UI_SECRET, API_SECRET):
        assert secret not in text, f"{secret!r} leaked into {where}"


def database_bytes(data_dir: Path) -> str:
    """The raw SQLite files (database and write-ahead log) as text, to grep."""
    chunks = [path.read_bytes() for path in sorted(data_dir.glob("history.sqlite3*"))]
    assert chunks, "the history database was not written"
    return b"".join(chunks).decode("latin-1")


def test_settings_never_show_the_secrets(secret_env: None) -> None:
    settings = load_settings()
    assert settings.api_key is not None and settings.api_key.get_secret_value() == SECRET
    assert settings.ui_password is not None and settings.ui_password.get_secret_value() == UI_SECRET
    assert settings.api_token is not None and settings.api_token.get_secret_value() == API_SECRET
    for shown, where in [
        (repr(settings), "repr"),
        (str(settings), "str"),
        (settings.model_dump_json(), "model_dump_json"),
        (json.dumps(settings.model_dump(mode="json")), "model_dump(mode='json')"),
        (repr(settings.model_dump()), "model_dump()"),
        (repr(settings.api_key), "repr(api_key)"),
    ]:
        assert_no_secret(shown, where)


@pytest.mark.vcr
def test_llm_qualification_keeps_the_key_out_of_report_history_logs_and_cli(
    llm_env: None,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    _isolated_data_dir: Path,
) -> None:
    debug_logging(caplog, monkeypatch)
    notes = tmp_path / "call.txt"
    notes.write_text(NOTES, encoding="utf-8")
    qualified = runner.invoke(
        app,
        ["qualify", str(notes), "--json", "--as-of", "2026-11-10", "--save", "--account", "Harbor Freight"],
    )
    assert qualified.exit_code == 0, qualified.output
    report = json.loads(qualified.stdout)
    assert report["engine"] == f"litellm:{LLM_MODEL}", "the model answered (from the cassette)"
    assert report["metadata"]["llm"]["calls"] >= 1
    exported = runner.invoke(app, ["accounts", "export", "Harbor Freight"])
    info = runner.invoke(app, ["info"])
    assert exported.exit_code == 0 and info.exit_code == 0
    assert "engine: litellm" in info.stdout
    for text, where in [
        (qualified.stdout, "qualify stdout (the report JSON)"),
        (qualified.stderr, "qualify stderr"),
        (exported.stdout, "accounts export"),
        (info.stdout + info.stderr, "info"),
        (database_bytes(_isolated_data_dir), "the history database file"),
        (caplog.text, "log messages"),
        (repr([(r.name, r.msg, r.args) for r in caplog.records]), "log record arguments"),
    ]:
        assert_no_secret(text, where)


def test_a_provider_error_that_echoes_the_key_is_redacted(
    llm_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Some providers quote the key they refused; the warning and the logs must not."""
    from assistant.llm import gateway as llm

    litellm = llm._litellm()

    def refuse(**_kwargs: Any) -> Any:
        raise litellm.AuthenticationError(
            message=f"Incorrect API key provided: {SECRET}. Find your key at the dashboard.",
            llm_provider="openai",
            model="tiny",
        )

    monkeypatch.setattr(litellm, "completion", refuse)
    debug_logging(caplog, monkeypatch)
    settings = Settings(
        data_dir=tmp_path, embedding="hashing", model=LLM_MODEL, api_base=LLM_API_BASE, max_retries=1
    )
    report = Assistant(settings, engine=LLMEngine(LLMGateway(settings))).qualify(NOTES)
    warnings = " ".join(report.warnings)
    assert "LLM engine failed" in warnings and "[redacted]" in warnings, warnings
    assert report.engine == "offline", "the offline engine answered instead"
    assert_no_secret(report.model_dump_json(), "the report")
    assert_no_secret(caplog.text, "log messages")


def test_the_ui_shows_neither_the_key_nor_the_password(
    secret_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_like_the_cli(monkeypatch)
    at = AppTest.from_file(str(PROJECT_ROOT / "ui" / "app.py"), default_timeout=60)
    at.run()
    at.text_input(key="ui_password_typed").input(UI_SECRET)
    at.button(key="ui_login_submit").click().run()
    assert not at.exception
    assert at.title[0].value == "Qualify a lead", "the right password opened the app"
    shown = [element.value for element in (*at.markdown, *at.caption, *at.error, *at.info, *at.text_input)]
    assert_no_secret(repr(shown) + repr(at.sidebar), "the rendered UI")


def cassette_files() -> list[Path]:
    return [path for path in CASSETTES.rglob("*") if path.is_file()]


def test_no_cassette_holds_a_key_or_an_auth_header() -> None:
    files = cassette_files()
    assert any(path.parent.name == "test_secrets" for path in files), "this module's cassette is checked too"
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not KEY_PATTERN.search(text), f"{path} holds something that looks like an API key"
        assert "Bearer " not in text, f"{path} holds a bearer token"
        for interaction in (yaml.safe_load(text) or {}).get("interactions", []):
            sent = {name.lower() for name in interaction["request"].get("headers", {})}
            assert not sent & KEY_HEADERS, f"{path} recorded {sent & KEY_HEADERS}"
