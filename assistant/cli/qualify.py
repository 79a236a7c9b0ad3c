"""`sales-assistant qualify` and `qualify-batch`: one set of notes, or many, to reports."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer

from assistant.cli.accounts import account_to_save, save_qualification
from assistant.cli.batch_workers import qualify_rows
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
from assistant.qualify.batch import BatchItem, iter_batch
from assistant.qualify.schemas import call_date_problem
from assistant.sources.model import FORMATS, Columns, SourceRecord
from assistant.sources.read import read_one
from assistant.text.decoding import InputError, human_size
from assistant.text.files import read_file_bytes
from assistant.text.terminal import markup_safe

InputFormat = Annotated[
    str,
    typer.Option(
        "--format",
        help=f"What the file is: {', '.join(FORMATS)} (auto: from its name and first bytes).",
    ),
]
IdColumn = Annotated[str | None, typer.Option("--id-column", help="CSV column holding each record's id.")]
NotesColumn = Annotated[str | None, typer.Option("--notes-column", help="CSV column holding the notes.")]
DateColumn = Annotated[str | None, typer.Option("--date-column", help="CSV column holding the call date.")]


def _format(fmt: str) -> str:
    """--format as one of the known names; anything else is refused with the list."""
    if fmt.lower() not in FORMATS:
        raise CliError(f"--format {fmt!r} is not a format this reads; use one of: {', '.join(FORMATS)}")
    return fmt.lower()


def _read_source(source: str, max_bytes: int, fmt: str, columns: Columns, record: str | None) -> SourceRecord:
    """The one call or record to qualify, from a file or standard input, in whatever format it is."""
    if source == "-":
        if sys.stdin.isatty():
            raise CliError("reading notes from standard input: paste them, then press Ctrl-D")
        data = sys.stdin.buffer.read(max_bytes + 1)  # never more than the limit in memory
        if len(data) > max_bytes:
            raise InputError(
                f"standard input is over {human_size(max_bytes)}, the limit (ASSISTANT_MAX_UPLOAD_BYTES): "
                "split the notes, or keep the part with the call"
            )
    else:
        data = read_file_bytes(Path(source), max_bytes)
    name = "standard input" if source == "-" else source
    found = read_one(name, data, _format(fmt), max_bytes, columns, record)
    if not found.notes.strip():
        raise InputError(f"{name} is empty: no notes to qualify")
    return found


def _call_date(found: SourceRecord, as_of: dt.datetime | None) -> dt.date | None:
    """The date the source gives the call, else --as-of; a source date that cannot be used is refused."""
    if found.call_date is None:
        return as_of.date() if as_of else None
    try:
        day = dt.date.fromisoformat(found.call_date)
    except ValueError as exc:
        raise InputError(
            f"the call date {found.call_date!r} cannot be read: give --as-of YYYY-MM-DD"
        ) from exc
    if problem := call_date_problem(day):
        raise InputError(problem)
    return day


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
    fmt: InputFormat = "auto",
    record: Annotated[
        str | None, typer.Option("--record", help="Which record of a file holding several (its id).")
    ] = None,
    id_column: IdColumn = None,
    notes_column: NotesColumn = None,
    date_column: DateColumn = None,
) -> None:
    """Qualify one call (notes, a transcript or a CRM record) and print the report."""
    with friendly_errors():
        settings = cli_settings()
        account = account_to_save(save, account)
        columns = Columns(id_column, notes_column, date_column)
        found = _read_source(source, settings.max_upload_bytes, fmt, columns, record)
        notes = found.notes
        report = cli_assistant(model, api_base).qualify(notes, _call_date(found, as_of))
        report.warnings[:0] = found.warnings
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
        Path,
        typer.Argument(
            help="JSONL lines {id, notes, call_date?}, a CSV with those columns, a Salesforce Task or "
            "HubSpot notes CSV, or a Gong or Fireflies JSON export."
        ),
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
    fmt: InputFormat = "auto",
    id_column: IdColumn = None,
    notes_column: NotesColumn = None,
    date_column: DateColumn = None,
) -> None:
    """Qualify many notes; one JSON line per input, in order; bad lines are reported, not fatal."""
    with friendly_errors():
        _refuse_output_over_input(source, output)
        columns = Columns(id_column, notes_column, date_column)
        items = iter_batch(source, _format(fmt), columns, cli_settings().max_upload_bytes)
        assistant = cli_assistant(model, api_base)
        rows = qualify_rows(items, assistant, as_of.date() if as_of else None, workers)
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        done, failures, review = _write_rows(rows, sink)
        unsure = f"; {review} need review before acting on the verdict (needs_review)" if review else ""
        err.print(f"{done - failures} qualified, {failures} skipped{unsure}")


def _refuse_output_over_input(source: Path, output: Path | None) -> None:
    """`--out` naming the input (itself, a link to it, or a hard link) would overwrite it with the results."""
    if output is None or not output.exists() or not source.exists():
        return
    if os.path.samefile(source, output):
        raise CliError(
            f"--out {output} is the input file {source}: writing the results there would destroy the input; "
            "choose another output file"
        )


def _write_rows(rows: Iterator[tuple[BatchItem, dict[str, object]]], sink: TextIO) -> tuple[int, int, int]:
    """One JSON line per item, in input order, with progress on stderr; (how many, how many
    skipped, how many reports flagged for review)."""
    from rich.progress import Progress

    done = failures = review = 0
    with Progress(console=err, transient=False) as progress:
        task = progress.add_task("qualifying", total=None)
        for item, row in rows:
            failures += "error" in row
            if "error" in row:
                err.print(
                    f"[yellow]skipped {markup_safe(row['id'])} (line {item.number}): "
                    f"{markup_safe(row['error'])}[/]"
                )
            report = row.get("report")
            review += isinstance(report, dict) and bool(report.get("needs_review"))
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            progress.advance(task)
            done += 1
    sink.flush()
    return done, failures, review
