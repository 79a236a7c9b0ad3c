"""`sales-assistant mcp` and `sales-assistant serve`: the assistant for MCP clients and over HTTP.

The MCP SDK, FastAPI and uvicorn are imported inside the commands, never at module level: every
other command (`qualify` above all) starts without loading them (bench/bench_startup.py checks).
"""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import SecretStr

from assistant.cli.common import CliError, cli_settings, err, friendly_errors
from assistant.text.terminal import markup_safe

Host = Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")]


def mcp(
    http: Annotated[
        bool, typer.Option("--http", help="Serve streamable HTTP at http://HOST:PORT/mcp instead of stdio.")
    ] = False,
    host: Host = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port for --http.")] = 8001,
) -> None:
    """Run the MCP server (tools: qualify_notes, search_playbooks, write_transition_brief,
    plan_renewal, list_accounts, account_history; resources: knowledge://rubric, knowledge://roster).

    Without --http it speaks MCP on standard input and output, for a client that starts it."""
    with friendly_errors():
        settings = cli_settings()
        from assistant.mcp_server.server import run_http, run_stdio

        if not http:
            run_stdio(settings)
            return
        _check_exposure(host, settings.api_token, "MCP server")
        err.print(f"Serving MCP at http://{markup_safe(host)}:{port}/mcp (Ctrl-C stops it)")
        run_http(settings, host, port)


def serve(host: Host = "127.0.0.1", port: Annotated[int, typer.Option(min=1, max=65535)] = 8000) -> None:
    """Serve the HTTP API (qualify, batches, handoff briefs, renewal plans, accounts, playbook
    search; OpenAPI docs at /docs). Needs ASSISTANT_API_TOKEN to listen beyond 127.0.0.1."""
    with friendly_errors():
        settings = cli_settings()
        from assistant.api.app import run_api

        _check_exposure(host, settings.api_token, "HTTP API")
        err.print(f"Serving the API at http://{markup_safe(host)}:{port} (docs at /docs; Ctrl-C stops it)")
        run_api(settings, host, port)


def _check_exposure(host: str, token: SecretStr | None, what: str) -> None:
    """Refuse a reachable address without a token before anything is built or announced."""
    from assistant.service.http_guard import ExposureError, check_exposure

    try:
        check_exposure(host, token, what)
    except ExposureError as exc:
        raise CliError(str(exc)) from exc
