"""Who may reach the servers, and what `qualify` pays for them: the exposure rule, the token over
MCP's HTTP transport, and a start-up that loads none of the integration packages."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from pydantic import SecretStr
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.service.http_guard import ExposureError, check_exposure, is_loopback, token_matches
from assistant.settings import PROJECT_ROOT
from tests.integrations.servers import CLI, TOKEN, free_port, running, server_env

runner = CliRunner()
CALL = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("api.example.com", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_reachable_address_needs_a_token() -> None:
    with pytest.raises(ExposureError, match="ASSISTANT_API_TOKEN"):
        check_exposure("0.0.0.0", None, "HTTP API")
    check_exposure("0.0.0.0", SecretStr(TOKEN), "HTTP API")
    check_exposure("127.0.0.1", None, "HTTP API")


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        (f"Bearer {TOKEN}", True),
        (f"bearer {TOKEN}", True),
        (f"Bearer {TOKEN}x", False),
        (TOKEN, False),
        (None, False),
    ],
)
def test_the_token_is_read_from_a_bearer_header(header: str | None, matches: bool) -> None:
    assert token_matches(header, SecretStr(TOKEN)) is matches


@pytest.mark.parametrize("command", [["serve"], ["mcp", "--http"]])
def test_the_cli_refuses_a_reachable_address_without_a_token(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.api.app
    import assistant.mcp_server.server

    def never(*_args: object) -> None:
        raise AssertionError("no server may start")

    monkeypatch.setattr(assistant.api.app, "run_api", never)
    monkeypatch.setattr(assistant.mcp_server.server, "run_http", never)
    result = runner.invoke(app, [*command, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to serve" in result.stderr and "ASSISTANT_API_TOKEN" in result.stderr


def test_with_a_token_the_api_may_listen_beyond_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.api.app

    started: list[tuple[str, int]] = []
    monkeypatch.setattr(
        assistant.api.app, "run_api", lambda _settings, host, port: started.append((host, port))
    )
    monkeypatch.setenv("ASSISTANT_API_TOKEN", TOKEN)
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert started == [("0.0.0.0", 8123)]


def test_a_short_token_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_API_TOKEN", "short")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "at least 16 characters" in result.stderr


@pytest.fixture(scope="module")
def mcp_http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    env = server_env(tmp_path_factory.mktemp("mcp-http-data"), ASSISTANT_API_TOKEN=TOKEN)
    log = tmp_path_factory.mktemp("mcp-http-log") / "server.log"
    url = f"http://127.0.0.1:{port}/mcp"
    with running([*CLI, "mcp", "--http", "--port", str(port)], env, url, log):
        yield url


async def _over_http(url: str) -> tuple[set[str], Any]:
    client = create_mcp_http_client(headers={"Authorization": f"Bearer {TOKEN}"})
    async with (
        client,
        streamable_http_client(url, http_client=client) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        tools = {tool.name for tool in (await session.list_tools()).tools}
        result = await session.call_tool("qualify_notes", {"notes": CALL, "call_date": "2026-11-10"})
    return tools, result


def test_mcp_over_http_answers_with_the_token(mcp_http: str) -> None:
    tools, result = anyio.run(_over_http, mcp_http)
    assert "qualify_notes" in tools and len(tools) == 6
    assert not result.is_error and result.structured_content["verdict"] == "sales_qualified"


def test_mcp_over_http_refuses_without_the_token(mcp_http: str) -> None:
    answer = httpx.post(mcp_http, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}, timeout=10)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"


def test_qualify_start_up_loads_no_integration_package() -> None:
    """The MCP SDK, FastAPI and uvicorn load only inside `mcp` and `serve`."""
    probe = "import sys, json; from assistant.cli import main; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [CLI[0], "-c", probe], env=server_env(PROJECT_ROOT), capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert not {name.split(".")[0] for name in loaded} & {
        "mcp",
        "mcp_types",
        "fastapi",
        "uvicorn",
        "sse_starlette",
        "starlette",
    }
    ours = {
        name
        for name in loaded
        if name.startswith(("assistant.api", "assistant.mcp_server", "assistant.service"))
    }
    assert not ours
