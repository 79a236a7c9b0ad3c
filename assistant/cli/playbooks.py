"""`sales-assistant playbooks ...`: index, search and list the playbook library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.cli.common import cli_assistant, cli_settings, err, friendly_errors, out
from assistant.text.terminal import markup_safe

playbooks_app = typer.Typer(help="Index and search the playbook library.", no_args_is_help=True)


@playbooks_app.command("ingest")
def playbooks_ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the shipped playbooks).")
    ] = None,
    rebuild: Annotated[bool, typer.Option(help="Drop the index and build it again.")] = False,
) -> None:
    """Index Markdown and text playbooks; unchanged files are skipped, removed ones pruned (exit 1 if any file was bad)."""
    from assistant.knowledge.load import cached_knowledge
    from assistant.library.playbook_library import PlaybookLibrary
    from assistant.runtime import templated_queries

    with friendly_errors():
        settings = cli_settings()
        targets = paths or [settings.playbooks_dir]
        library = PlaybookLibrary(settings)
        report = library.ingest(targets, rebuild=rebuild)
        library.prepare_queries(templated_queries(cached_knowledge(settings.knowledge_dir)))
        out.print(
            f"{report.documents} documents, {report.chunks} passages: {report.added} added, "
            f"{report.unchanged} unchanged, {report.removed} removed"
        )
        for problem in report.errors:
            err.print(f"[yellow]skipped: {markup_safe(problem)}[/]")
        if report.errors:  # the good files are indexed; the exit code tells scripts some were not
            raise typer.Exit(1)


@playbooks_app.command("search")
def playbooks_search(
    query: Annotated[str, typer.Argument(help="What the assistant would look for.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many passages.")] = 4,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON.")] = False,
    kind: Annotated[Optional[str], typer.Option(help="Only this playbook kind.")] = None,  # noqa: UP045
    industry: Annotated[Optional[str], typer.Option(help="Only playbooks for this industry key.")] = None,  # noqa: UP045
) -> None:
    """Show what retrieval returns for a query."""
    with friendly_errors():
        library = cli_assistant().library
        hits = library.search(query, k=k, kind=kind, industry=industry)
        if as_json:  # the shape the API and the MCP server answer too
            from assistant.service.contracts import playbook_match

            rows = [
                playbook_match(h.source, h.section, h.score, h.text).model_dump(mode="json") for h in hits
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for hit in hits:
            out.print(f"[bold]{hit.score:.3f}[/] {markup_safe(hit.source)} § {markup_safe(hit.section)}")
            out.print(f"[dim]{markup_safe(hit.text[:300])}[/]\n")


@playbooks_app.command("list")
def playbooks_list() -> None:
    """List indexed documents with their kind and passage counts."""
    with friendly_errors():
        for doc in cli_assistant().library.documents():
            out.print(
                f"{markup_safe(doc.source)}  [dim]{markup_safe(doc.kind)} · {doc.chunks} passages · "
                f"{markup_safe(doc.title)}[/]"
            )
