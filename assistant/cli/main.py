"""The `sales-assistant` console script: qualify notes, run batches, curate playbooks."""

from __future__ import annotations

import os
import socket
import sys
from typing import Annotated

import typer

from assistant.cli.accounts import accounts_app
from assistant.cli.briefs import handoff, renewal
from assistant.cli.common import cli_settings, err, friendly_errors, out
from assistant.cli.export import export_app
from assistant.cli.integrations import mcp, serve
from assistant.cli.playbooks import playbooks_app
from assistant.cli.qualify import qualify, qualify_batch
from assistant.errors import redact_url
from assistant.knowledge.load import load_knowledge, parse_model
from assistant.settings import PROJECT_ROOT
from assistant.text.terminal import markup_safe

app = typer.Typer(
    help="Qualify leads from discovery-call notes and curate the playbook library.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(playbooks_app, name="playbooks")
app.add_typer(accounts_app, name="accounts")
app.add_typer(export_app, name="export")
app.command("handoff")(handoff)
app.command("renewal")(renewal)
app.command("qualify")(qualify)
app.command("qualify-batch")(qualify_batch)
app.command("mcp")(mcp)
app.command("serve")(serve)


@app.command("check")
def check_knowledge() -> None:
    """Validate the rubric, roster, product lines, partners, signals, renewal policy, question bank and CRM map."""
    from assistant.knowledge.crm import CRM_FILE, CrmMap

    with friendly_errors():
        settings = cli_settings()
        knowledge = load_knowledge(settings.knowledge_dir)
        crm_path = settings.knowledge_dir / CRM_FILE
        crm = f", CRM field map {parse_model(crm_path, CrmMap).version}" if crm_path.exists() else ""
        out.print(
            f"[green]ok[/] {markup_safe(settings.knowledge_dir)}: rubric {markup_safe(knowledge.rubric.version)}, "
            f"{len(knowledge.roster.people)} people, {len(knowledge.products.products)} product lines, "
            f"renewal policy {markup_safe(knowledge.renewal.version)} ({len(knowledge.renewal.milestones)} milestones), "
            f"{sum(1 for _ in knowledge.questions.entries())} bank questions{markup_safe(crm)}"
        )


@app.command("info")
def info() -> None:
    """Show the engine, model, folders, history and index in use (passwords hidden)."""
    from assistant.history.database import describe, parse_url

    with friendly_errors():
        settings = cli_settings()
        lines = {
            "engine": settings.engine_label,
            "data dir": settings.data_dir,
            "knowledge": settings.knowledge_dir,
            "playbooks": settings.playbooks_dir,
            "embedding": settings.embedding,
            "history": describe(parse_url(settings.history_url)).strip(chr(39)),
            "api base": redact_url(settings.api_base) if settings.api_base else "none",
            "playbook index": redact_url(settings.chroma_url) if settings.chroma_url else settings.chroma_dir,
            "router config": settings.router_config or "none",
        }
        out.print("\n".join(f"{name}: {markup_safe(value)}" for name, value in lines.items()))


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(host: str, configured: str) -> list[str]:
    """Host names the app's WebSocket accepts: loopback, the served address and the configured ones.

    Without this list Streamlit accepts any Host header, so a page on another site that rebinds
    its DNS name to 127.0.0.1 could drive the local app (docs/security.md).
    """
    names = [*LOOPBACK_NAMES]
    if host not in ("0.0.0.0", "::", "") and host not in names:
        names.append(host)
    if host in ("0.0.0.0", "::"):
        names += [socket.gethostname(), socket.getfqdn()]
    names += [name.strip() for name in configured.split(",") if name.strip()]
    return list(dict.fromkeys(names))


def ui_command(host: str, port: int, hosts: list[str] | None = None) -> list[str]:
    """`streamlit run ui/app.py` (through ui/serve.py, so every run passes app.py's password gate),
    headless, on this address, answering only to the allowed host names, with no usage statistics sent."""
    command = [
        sys.executable,
        "-m",
        "ui.serve",
        "run",
        str(PROJECT_ROOT / "ui" / "app.py"),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    for name in hosts if hosts is not None else allowed_hosts(host, ""):
        command += ["--server.allowedHosts", name]
    return command


@app.command("ui")
def serve_ui(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve the app on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")
    ] = "127.0.0.1",
) -> None:
    """Serve the web app (Qualify, Handoff brief, Renewal plan, Playbook library, Rubric and roster,
    Insights) at http://HOST:PORT."""
    err.print(f"Serving the app at http://{host}:{port} (Ctrl-C stops it)")
    with friendly_errors():
        hosts = allowed_hosts(host, cli_settings().ui_allowed_hosts)
    hand_over(ui_command(host, port, hosts))


def hand_over(command: list[str]) -> None:
    """Replace this process with Streamlit's (same pid, signals and exit code; no CLI process
    left waiting beside the server)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(PROJECT_ROOT)
    os.execv(command[0], command)


def main() -> None:
    """Entry point of the console script."""
    app()
