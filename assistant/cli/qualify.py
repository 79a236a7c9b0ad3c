"""`sales-assistant qualify` and `qualify-batch`: one set of notes, or many, to reports."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer

from assistant.cli.accounts import account_to_save, save_qualification
from assistant.cli.batch_workers import planned_workers, qualify_rows
from assistant.cli.common import (
    ApiBase,
    AsOf,
    CliError,
    Model,
    cli_assistant,
    cli_settings,
    err,
    friendly_errors,
    out,
)
from assistant.cli.report import render_report
from assistant.qualify.batch import BatchItem, read_batch
from assistant.text.decoding import InputError, decode_bytes, human_size
from assistant.text.files import read_notes_file
from assistant.text.terminal import markup_safe


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


def qualify(
    source: Annotated[str, typer.Argument(help="Notes file, or - for standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    as_of: AsOf = None,
    model: Model = None,
    api_base: ApiBase = None,
    save: Annotated[bool, typer.Option("--save", help="Save the report in the account's history.")] = False,
    account: Annotated[
        str | None, typer.Option("--account", help="Account to save under (with --save).")
    ] = None,
) -> None:
    """Qualify one set of call notes and print the report."""
    with friendly_errors():
        settings = cli_settings()
        account = account_to_save(save, account)
        notes, warnings = _read_source(source, settings.max_upload_bytes)
        report = cli_assistant(model, api_base).qualify(notes, as_of.date() if as_of else None)
        report.warnings[:0] = warnings
        if not as_json:
            render_report(report, out)
        elif out.is_terminal:
            out.print_json(report.model_dump_json())
        else:
            print(report.model_dump_json(indent=2))
        if account is not None:  # the history is opened after printing: a failed save loses nothing
            save_qualification(account, report, notes, settings)


def qualify_batch(
    source: Annotated[
        Path, typer.Argument(help="JSONL lines {id, notes, call_date?} or a CSV with those columns.")
    ],
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write JSONL here instead of stdout.")
    ] = None,
    as_of: AsOf = None,
    model: Model = None,
    api_base: ApiBase = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes for the offline engine (default: one per core; small batches use one).",
        ),
    ] = None,
) -> None:
    """Qualify many notes; one JSON line per input, in order; bad lines are reported, not fatal."""
    with friendly_errors():
        _refuse_output_over_input(source, output)
        items = read_batch(source)
        assistant = cli_assistant(model, api_base)
        processes = planned_workers(workers, len(items), assistant.settings)
        rows = qualify_rows(items, assistant, as_of.date() if as_of else None, processes)
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        failures = _write_rows(items, rows, sink)
        err.print(f"{len(items) - failures} qualified, {failures} skipped")


def _refuse_output_over_input(source: Path, output: Path | None) -> None:
    """`--out` naming the input (itself, a link to it, or a hard link) would overwrite it with the results."""
    if output is None or not output.exists() or not source.exists():
        return
    if os.path.samefile(source, output):
        raise CliError(
            f"--out {output} is the input file {source}: writing the results there would destroy the input; "
            "choose another output file"
        )


def _write_rows(items: list[BatchItem], rows: Iterator[dict[str, object]], sink: TextIO) -> int:
    """One JSON line per item, in input order, with progress on stderr; returns how many were skipped."""
    from rich.progress import Progress

    failures = 0
    with Progress(console=err, transient=False) as progress:
        task = progress.add_task("qualifying", total=len(items))
        for item, row in zip(items, rows, strict=True):
            failures += "error" in row
            if "error" in row:
                err.print(
                    f"[yellow]skipped {markup_safe(row['id'])} (line {item.number}): "
                    f"{markup_safe(row['error'])}[/]"
                )
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            progress.advance(task)
    sink.flush()
    return failures
