"""`sales-assistant accounts ...`: list, show and export the saved history of each account.

Also the two helpers behind `qualify --save --account NAME`. Errors go through the CLI's one
handler, `friendly_errors` in `cli/common.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from assistant.cli.common import cli_settings, err, friendly_errors, out
from assistant.cli.report import VERDICT_LABEL, VERDICT_STYLE
from assistant.history.errors import HistoryError
from assistant.settings import Settings, load_settings
from assistant.text.terminal import markup_safe, plain

if TYPE_CHECKING:  # the history loads SQLAlchemy and Alembic: only when a command uses it
    from assistant.history import AccountHistory, AccountSummary, SavedRecord
    from assistant.qualify.schemas import QualificationReport

accounts_app = typer.Typer(
    help="List, show and export the saved history of each account.", no_args_is_help=True
)

AccountName = Annotated[str, typer.Argument(help="Account name; 'acme inc.' finds 'Acme'.")]
AccountOrRecord = Annotated[
    str,
    typer.Argument(help="Account name ('acme inc.' finds 'Acme'), or a record id to reprint that record."),
]
RecordId = Annotated[int, typer.Argument(help="The record id `accounts show ACCOUNT` lists.", min=1)]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def _history() -> Iterator[AccountHistory]:
    """The configured history inside the CLI's error handling, closed afterwards."""
    from assistant.history import AccountHistory

    with friendly_errors():
        history = AccountHistory.from_settings(cli_settings())
        try:
            yield history
        finally:
            history.close()


@accounts_app.command("list")
def accounts_list(as_json: AsJson = False) -> None:
    """Every account with saved work, most recently updated first."""
    with _history() as history:
        summaries = history.accounts()
        if as_json:
            _print_json(
                json.dumps([s.model_dump(mode="json") for s in summaries], ensure_ascii=False, indent=2)
            )
            return
        if not summaries:
            out.print("No accounts saved yet: use `sales-assistant qualify --save --account NAME FILE`.")
            return
        out.print(_accounts_table(summaries))


@accounts_app.command("show")
def accounts_show(account: AccountOrRecord, as_json: AsJson = False) -> None:
    """The records saved for one account, oldest first, with their ids; given an id, that record in Markdown."""
    if account.strip().isdigit():  # account names need letters, so a number is a record id
        accounts_print(int(account), as_json)
        return
    with _history() as history:
        summary = history.require_account(account)
        saved = history.records(summary.key)
        if as_json:  # the shape the API and the MCP server answer too
            from assistant.service.contracts import account_detail

            _print_json(json.dumps(account_detail(summary, saved).model_dump(mode="json"), indent=2))
            return
        verdict = f" · latest verdict {summary.latest_verdict}" if summary.latest_verdict else ""
        out.print(
            f"[bold]{markup_safe(summary.name)}[/] [dim](key {markup_safe(repr(summary.key))}, since {_when(summary.created_at)} UTC{verdict})[/]"
        )
        out.print(_records_table(saved))


@accounts_app.command("print")
def accounts_print(record_id: RecordId, as_json: AsJson = False) -> None:
    """Reprint a saved qualification, brief or plan in Markdown (or its saved JSON), by its record id."""
    with _history() as history:
        record = history.record(record_id)
        if record is None:
            raise HistoryError(
                f"no record {record_id}: `accounts show ACCOUNT` lists an account's record ids"
            )
        if as_json:
            _print_json(json.dumps(record.payload, ensure_ascii=False, indent=2))
            return
        from assistant.account_jobs import record_markdown

        text = record_markdown(record)
        print(plain(text), end="")


@accounts_app.command("export")
def accounts_export(
    account: AccountName,
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the JSON here.")] = None,  # noqa: UP045
) -> None:
    """Everything saved for one account as JSON (payloads and source notes included)."""
    with _history() as history:
        exported = history.export(account)
        text = exported.model_dump_json(indent=2)
        if output is None:
            print(plain(text) if out.is_terminal else text)
            return
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise HistoryError(f"cannot write {output}: {error.strerror}") from error
        err.print(
            f"Exported {len(exported.records)} records of {markup_safe(exported.account.name)} "
            f"to {markup_safe(output)}"
        )


def account_to_save(save: bool, account: str | None) -> str | None:
    """The account --save files the report under, or None without --save; the two belong together."""
    if account is not None and not save:
        raise typer.BadParameter(
            "add --save to keep the report in that account's history", param_hint="--account"
        )
    if not save:
        return None
    if account is None or not account.strip():
        raise typer.BadParameter(
            "needs --account NAME, the account to file the report under", param_hint="--save"
        )
    return account


def save_qualification(
    account: str, report: QualificationReport, notes: str, settings: Settings | None = None
) -> None:
    """Open the history, file the report under the account and say where it went (on stderr, so --json
    stays clean). Called after the report is printed: a history that cannot be opened or written (locked,
    read-only, a full disk) loses no work."""
    from assistant.account_jobs import save_qualification as file_qualification
    from assistant.history import AccountHistory

    history = AccountHistory.from_settings(settings or load_settings())
    try:
        saved = file_qualification(history, account, report, notes)
    finally:
        history.close()
    err.print(f"Saved to the history of {markup_safe(saved.account_name)} (record {saved.id})")


def _accounts_table(summaries: list[AccountSummary]) -> Table:
    table = Table(expand=True)
    table.add_column("account", style="bold", ratio=1, min_width=12)
    for column in ("reports", "briefs", "plans"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("latest verdict", no_wrap=True)
    table.add_column("updated (UTC)", no_wrap=True)
    for s in summaries:
        counts = (s.counts["qualification"], s.counts["brief"], s.counts["renewal_plan"])
        verdict = Text(VERDICT_LABEL.get(s.latest_verdict or "", s.latest_verdict or "—"))
        verdict.stylize(VERDICT_STYLE.get(s.latest_verdict or "", ""))
        table.add_row(Text(plain(s.name)), *map(str, counts), verdict, _when(s.updated_at))
    return table


def _records_table(saved: list[SavedRecord]) -> Table:
    table = Table(expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("saved (UTC)", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("engine", ratio=1, overflow="fold")
    for record in saved:
        edited = " (edited)" if record.edited_at else ""
        table.add_row(
            str(record.id),
            record.kind,
            _when(record.created_at),
            Text(plain(record.title + edited)),
            Text(plain(record.engine)),
        )
    return table


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")


def _print_json(text: str) -> None:
    if out.is_terminal:
        out.print_json(text)
    else:
        print(text)
