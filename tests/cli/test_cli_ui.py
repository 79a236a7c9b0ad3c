"""`sales-assistant ui` serves the Streamlit app; the browser test runs it for real."""

from __future__ import annotations

import os
import sys

import pytest
from typer.testing import CliRunner

from assistant.cli.main import allowed_hosts, app, ui_command
from assistant.settings import PROJECT_ROOT

runner = CliRunner()


def test_the_command_runs_the_app_headless_on_the_given_address() -> None:
    command = ui_command("127.0.0.1", 8642)
    assert command[:4] == [sys.executable, "-m", "ui.serve", "run"]  # Streamlit's CLI, pages-folder mode off
    assert command[4] == str(PROJECT_ROOT / "ui" / "app.py")
    pairs = list(zip(command[5::2], command[6::2], strict=True))
    flags = {flag: value for flag, value in pairs if flag != "--server.allowedHosts"}
    assert flags == {
        "--server.address": "127.0.0.1",
        "--server.port": "8642",
        "--server.headless": "true",
        "--browser.gatherUsageStats": "false",
    }
    hosts = [value for flag, value in pairs if flag == "--server.allowedHosts"]
    assert hosts == ["localhost", "127.0.0.1", "::1"], "a rebinding page's Host header is refused"


@pytest.mark.parametrize(
    ("host", "configured", "expected", "refused"),
    [
        ("127.0.0.1", "", {"localhost", "127.0.0.1"}, "evil.example"),
        ("10.0.0.5", "", {"10.0.0.5", "localhost"}, "evil.example"),
        (
            "127.0.0.1",
            "sales.internal, app.example.com",
            {"sales.internal", "app.example.com"},
            "evil.example",
        ),
        ("0.0.0.0", "", {"localhost"}, "attacker.example"),
    ],
)
def test_the_app_answers_only_to_known_host_names(
    host: str, configured: str, expected: set[str], refused: str
) -> None:
    hosts = allowed_hosts(host, configured)
    assert expected <= set(hosts) and refused not in hosts and "*" not in hosts


def test_ui_hands_its_process_over_to_streamlit_with_port_and_host(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str, list[str], str]] = []

    def exec_streamlit(path: str, command: list[str]) -> None:
        started.append((path, command, os.getcwd()))
        raise SystemExit(3)  # what Streamlit's own exit code looks like to the caller

    monkeypatch.setattr(os, "execv", exec_streamlit)
    monkeypatch.chdir(PROJECT_ROOT.parent)
    result = runner.invoke(app, ["ui", "--port", "9123", "--host", "0.0.0.0"])
    assert result.exit_code == 3
    assert started == [(sys.executable, ui_command("0.0.0.0", 9123), str(PROJECT_ROOT))]
    assert "http://0.0.0.0:9123" in result.stderr


def test_ui_refuses_a_port_out_of_range() -> None:
    result = runner.invoke(app, ["ui", "--port", "70000"])
    assert result.exit_code == 2
