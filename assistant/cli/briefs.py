"""`sales-assistant handoff` and `sales-assistant renewal`: briefs and plans over the account history.

Registered by `cli/main.py`; errors go through the CLI's one handler in `cli/common.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from assistant.cli.common import CliError, cli_assistant, err, friendly_errors
from assistant.text.terminal import markup_safe, plain

if TYPE_CHECKING:  # the jobs load their graphs, the history its database driver: only when run
    from assistant.account_jobs import AccountJobs, DealNotes, Saved
    from assistant.handoff import TransitionBrief
    from assistant.renewal.schemas import RenewalPlan


class OutputFormat(StrEnum):
    md = "md"
    json = "json"


class BriefFormat(StrEnum):
    md = "md"
    json = "json"
    email = "email"


AccountName = Annotated[str, typer.Argument(help="Account name; 'acme inc.' finds 'Acme'.")]
Format = Annotated[
    OutputFormat, typer.Option("--format", help="Markdown to paste into an email or CRM, or JSON.")
]
BriefFormatOption = Annotated[
    BriefFormat,
    typer.Option(
        "--format",
        help="Markdown with a source on every line (the record), JSON, or an e-mail copy without citations.",
    ),
]
Out = Annotated[Optional[Path], typer.Option("--out", help="Write to this file instead of printing.")]  # noqa: UP045
NoSave = Annotated[bool, typer.Option("--no-save", help="Do not file the result in the account's history.")]
AsOf = Annotated[
    Optional[dt.datetime],  # noqa: UP045 - typer reads Optional
    typer.Option(
        "--as-of", formats=["%Y-%m-%d"], help="Date to plan from (default: the facts' as_of, else today)."
    ),
]
Model = Annotated[Optional[str], typer.Option(help="litellm model string; offline engine if unset.")]  # noqa: UP045
ApiBase = Annotated[Optional[str], typer.Option(help="API base of an OpenAI-compatible server.")]  # noqa: UP045


@contextmanager
def _jobs(model: str | None, api_base: str | None) -> Iterator[AccountJobs]:
    """The account jobs inside the CLI's error handling, the history closed afterwards."""
    from assistant.account_jobs import AccountJobs
    from assistant.history import AccountHistory

    with friendly_errors():
        assistant = cli_assistant(model, api_base)
        history = AccountHistory.from_settings(assistant.settings)
        try:
            yield AccountJobs(assistant, history)
        finally:
            history.close()


def _emit(
    saved: Saved[TransitionBrief] | Saved[RenewalPlan],
    markdown: str,
    fmt: OutputFormat | BriefFormat,
    out_file: Path | None,
) -> None:
    """Print or write the result, then say where it was filed (stderr keeps stdout clean for pipes)."""
    text = saved.result.model_dump_json(indent=2) if fmt == "json" else plain(markdown)
    if out_file is not None:
        out_file.write_text(text + "\n", encoding="utf-8")
        err.print(f"Wrote {markup_safe(out_file)}")
    else:
        print(text)
    for warning in saved.result.warnings:
        err.print(f"[yellow]warning:[/] {markup_safe(warning)}")
    if saved.record is not None:
        err.print(
            f"Saved to the history of {markup_safe(saved.record.account_name)} (record {saved.record.id})"
        )


def handoff(
    account: AccountName,
    notes: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--notes", help="The AE's won-deal notes (repeat for several files)."),
    ] = None,
    fmt: BriefFormatOption = BriefFormat.md,
    out_file: Out = None,
    as_of: AsOf = None,
    no_save: NoSave = False,
    model: Model = None,
    api_base: ApiBase = None,
) -> None:
    """Write the transition brief for a won account, from its history plus the AE's deal notes."""
    from assistant.handoff import render_markdown as brief_markdown
    from assistant.handoff.email_copy import render_email
    from assistant.handoff.graph import HandoffInputError

    with _jobs(model, api_base) as jobs:
        limit = jobs.assistant.settings.max_upload_bytes
        deal_notes = [_deal_notes(path, as_of, limit) for path in notes or []]
        try:
            saved = jobs.write_brief(
                account, deal_notes, as_of=as_of.date() if as_of else None, save=not no_save
            )
        except HandoffInputError as exc:
            raise CliError(str(exc)) from exc
        shown = render_email(saved.result) if fmt is BriefFormat.email else brief_markdown(saved.result)
        _emit(saved, shown, fmt, out_file)


def _deal_notes(path: Path, as_of: dt.datetime | None, max_bytes: int) -> DealNotes:
    """A deal-notes file as a source labelled by its name and dated by --as-of (or today)."""
    from assistant.account_jobs import DealNotes
    from assistant.text.files import read_notes_file

    decoded = read_notes_file(path, max_bytes)
    if not decoded.text.strip():
        raise CliError(f"{path} is empty: no deal notes to brief from")
    day = as_of.date() if as_of else dt.date.today()
    return DealNotes(decoded.text, day, f"deal notes {path.name}"[:80])


def renewal(
    account: AccountName,
    facts: Annotated[Path, typer.Option("--facts", help="Renewal facts as YAML or JSON (see examples/).")],
    fmt: Format = OutputFormat.md,
    out_file: Out = None,
    as_of: AsOf = None,
    no_save: NoSave = False,
    model: Model = None,
    api_base: ApiBase = None,
) -> None:
    """Plan the renewal and expansion: health, dated timeline, plays, people, negotiation, talking points."""
    from assistant.renewal.facts import FactsError, load_facts
    from assistant.renewal.render import render_markdown as plan_markdown

    with _jobs(model, api_base) as jobs:
        try:
            loaded = load_facts(facts)
            saved = jobs.plan_renewal(
                account, loaded, as_of=as_of.date() if as_of else None, save=not no_save
            )
        except FactsError as exc:
            raise CliError(str(exc)) from exc
        _emit(saved, plan_markdown(saved.result), fmt, out_file)
