"""The `sales-assistant` console script: qualify notes, run batches, curate playbooks."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.cli.accounts import accounts_app, history_for_save, save_qualification
from assistant.cli.briefs import handoff, renewal
from assistant.cli.report import render_report
from assistant.errors import os_problem
from assistant.history import HistoryError
from assistant.knowledge.load import KnowledgeError, load_knowledge
from assistant.qualify.batch import BatchItem, read_batch, run_item
from assistant.runtime import Assistant
from assistant.settings import Settings, load_settings
from assistant.text.decoding import InputError, decode_bytes, human_size, read_notes_file

app = typer.Typer(
    help="Qualify leads from discovery-call notes and curate the playbook library.",
    no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
)
playbooks_app = typer.Typer(help="Index and search the playbook library.", no_args_is_help=True)
app.add_typer(playbooks_app, name="playbooks")
app.add_typer(accounts_app, name="accounts")
app.command("handoff")(handoff)
app.command("renewal")(renewal)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

AsOf = Annotated[
    Optional[dt.datetime],  # noqa: UP045 - typer reads Optional
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Call date for relative dates (default today)."),
]
Model = Annotated[Optional[str], typer.Option(help="litellm model string; offline engine if unset.")]  # noqa: UP045
ApiBase = Annotated[Optional[str], typer.Option(help="API base of an OpenAI-compatible server.")]  # noqa: UP045


class CliError(Exception):
    """An error already phrased for the user."""


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn known failures into one readable line and a non-zero exit, never a traceback."""
    from assistant.library.store import RetrievalError

    try:
        yield
    except (InputError, KnowledgeError, RetrievalError, HistoryError, CliError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None
    except ValidationError as exc:
        err.print(f"[bold red]error:[/] invalid setting: {exc.errors()[0]['msg']}")
        raise typer.Exit(2) from None
    except OSError as exc:  # an --out folder that does not exist, a full disk
        err.print(f"[bold red]error:[/] {os_problem(exc)}")
        raise typer.Exit(2) from None


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise CliError(f"setting {field}: {first['msg']} (check ASSISTANT_* variables)") from exc


def _assistant(model: str | None = None, api_base: str | None = None) -> Assistant:
    return Assistant(_settings(model=model, api_base=api_base), notify=lambda m: err.print(f"[dim]{m}[/]"))


def _read_source(source: str, max_bytes: int) -> tuple[str, list[str]]:
    if source == "-":
        if sys.stdin.isatty():
            raise CliError("reading notes from standard input: paste them, then press Ctrl-D")
        data = sys.stdin.buffer.read(max_bytes + 1)  # never more than the limit in memory
        if len(data) > max_bytes:
            raise InputError(
                f"standard input is over {human_size(max_bytes)}, the limit (ASSISTANT_MAX_UPLOAD_BYTES): "
                "split the notes, or keep the part with the call"
            )
        decoded = decode_bytes(data, "standard input")
    else:
        decoded = read_notes_file(Path(source), max_bytes)
    if not decoded.text.strip():
        raise InputError(f"{'standard input' if source == '-' else source} is empty: no notes to qualify")
    return decoded.text, decoded.warnings


@app.command()
def qualify(
    source: Annotated[str, typer.Argument(help="Notes file, or - for standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    as_of: AsOf = None,
    model: Model = None,
    api_base: ApiBase = None,
    save: Annotated[bool, typer.Option("--save", help="Save the report in the account's history.")] = False,
    account: Annotated[Optional[str], typer.Option("--account", help="Account to save under (with --save).")] = None,  # noqa: UP045
) -> None:
    """Qualify one set of call notes and print the report."""
    with friendly_errors():
        settings = _settings()
        history = history_for_save(save, account, settings)
        notes, warnings = _read_source(source, settings.max_upload_bytes)
        report = _assistant(model, api_base).qualify(notes, as_of.date() if as_of else None)
        report.warnings[:0] = warnings
        if not as_json:
            render_report(report, out)
        elif out.is_terminal:
            out.print_json(report.model_dump_json())
        else:
            print(report.model_dump_json(indent=2))
        if history is not None and account is not None:  # after printing: a failed save loses nothing
            save_qualification(history, account, report, notes)


@app.command("qualify-batch")
def qualify_batch(
    source: Annotated[Path, typer.Argument(help="JSONL lines {id, notes, call_date?} or a CSV with those columns.")],
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write JSONL here instead of stdout.")] = None,  # noqa: UP045
    as_of: AsOf = None,
    model: Model = None,
    api_base: ApiBase = None,
) -> None:
    """Qualify many notes; one JSON line per input, in order; bad lines are reported, not fatal."""
    from rich.progress import Progress

    with friendly_errors():
        items = read_batch(source)
        assistant = _assistant(model, api_base)
        default_date = as_of.date() if as_of else None

        def qualify_item(item: BatchItem) -> object:
            assert item.line is not None
            return assistant.qualify(item.line.notes, item.line.call_date or default_date)

        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        failures = 0
        # Model calls wait on the network, so they run in a bounded pool; map keeps input order.
        workers = assistant.settings.llm_concurrency if assistant.settings.model else 1
        with Progress(console=err, transient=False) as progress, ThreadPoolExecutor(workers) as pool:
            task = progress.add_task("qualifying", total=len(items))
            rows = pool.map(lambda item: run_item(item, qualify_item), items)  # type: ignore[arg-type]
            for item, row in zip(items, rows, strict=True):
                failures += "error" in row
                if "error" in row:
                    err.print(f"[yellow]skipped {row['id']} (line {item.number}): {row['error']}[/]")
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                progress.advance(task)
        sink.flush()
        err.print(f"{len(items) - failures} qualified, {failures} skipped")


@playbooks_app.command("ingest")
def playbooks_ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: the shipped playbooks).")] = None,  # noqa: UP045
    rebuild: Annotated[bool, typer.Option(help="Drop the index and build it again.")] = False,
) -> None:
    """Index Markdown and text playbooks; unchanged files are skipped, removed ones pruned (exit 1 if any file was bad)."""
    from assistant.library.store import PlaybookLibrary

    with friendly_errors():
        settings = _settings()
        targets = paths or [settings.playbooks_dir]
        report = PlaybookLibrary(settings).ingest(targets, rebuild=rebuild)
        out.print(
            f"{report.documents} documents, {report.chunks} passages: {report.added} added, "
            f"{report.unchanged} unchanged, {report.removed} removed"
        )
        for problem in report.errors:
            err.print(f"[yellow]skipped: {problem}[/]")
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
        library = _assistant().library
        hits = library.search(query, k=k, kind=kind, industry=industry)
        if as_json:
            rows = [{"source": h.source, "section": h.section, "score": round(h.score, 4), "text": h.text} for h in hits]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for hit in hits:
            out.print(f"[bold]{hit.score:.3f}[/] {hit.source} § {hit.section}")
            out.print(f"[dim]{hit.text[:300]}[/]\n")


@playbooks_app.command("list")
def playbooks_list() -> None:
    """List indexed documents with their kind and passage counts."""
    with friendly_errors():
        for doc in _assistant().library.documents():
            out.print(f"{doc.source}  [dim]{doc.kind} · {doc.chunks} passages · {doc.title}[/]")


@app.command("check")
def check_knowledge() -> None:
    """Validate the rubric, roster, product lines, partners, signals and renewal policy."""
    with friendly_errors():
        settings = _settings()
        knowledge = load_knowledge(settings.knowledge_dir)
        out.print(
            f"[green]ok[/] {settings.knowledge_dir}: rubric {knowledge.rubric.version}, "
            f"{len(knowledge.roster.people)} people, {len(knowledge.products.products)} product lines, "
            f"renewal policy {knowledge.renewal.version} ({len(knowledge.renewal.milestones)} milestones)"
        )


@app.command("info")
def info() -> None:
    """Show the engine, model, folders, history and index in use (passwords hidden)."""
    from assistant.history.database import describe, parse_url

    with friendly_errors():
        settings = _settings()
        out.print(f"engine: {settings.engine_label}\ndata dir: {settings.data_dir}\n"
                  f"knowledge: {settings.knowledge_dir}\nplaybooks: {settings.playbooks_dir}\n"
                  f"embedding: {settings.embedding}\n"
                  f"history: {describe(parse_url(settings.history_url)).strip(chr(39))}\n"
                  f"playbook index: {settings.chroma_url or settings.chroma_dir}\n"
                  f"router config: {settings.router_config or 'none'}")


def ui_command(host: str, port: int) -> list[str]:
    """`streamlit run ui/app.py` (through ui/serve.py, so every run passes app.py's password gate),
    headless, on this address, with no usage statistics sent."""
    from assistant.settings import PROJECT_ROOT

    return [
        sys.executable, "-m", "ui.serve", "run", str(PROJECT_ROOT / "ui" / "app.py"),
        "--server.address", host, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]


@app.command("ui")
def serve_ui(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve the app on.")] = 8501,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
) -> None:
    """Serve the web app (Qualify, Handoff brief, Renewal plan, Playbook library, Rubric and roster,
    Insights) at http://HOST:PORT."""
    import subprocess

    from assistant.settings import PROJECT_ROOT

    err.print(f"Serving the app at http://{host}:{port} (Ctrl-C stops it)")
    process = subprocess.Popen(ui_command(host, port), cwd=PROJECT_ROOT)
    try:
        code = process.wait()
    except KeyboardInterrupt:  # Ctrl-C reached Streamlit too: let it shut down cleanly
        code = process.wait()
    raise typer.Exit(code)


def main() -> None:
    """Entry point of the console script."""
    app()
