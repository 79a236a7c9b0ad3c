"""`sales-assistant export crm`: qualify-batch results as a Salesforce or HubSpot import file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import CliError, cli_settings, err, friendly_errors
from assistant.text.files import atomic_write
from assistant.text.terminal import markup_safe

if TYPE_CHECKING:  # imported inside the command: `qualify` never loads the export
    from assistant.crm.export import Skipped
    from assistant.knowledge.crm import CrmTarget

export_app = typer.Typer(help="Write results in the formats other tools import.", no_args_is_help=True)


def load_target(knowledge_dir: Path, target: str) -> CrmTarget:
    """The target's field map from knowledge/crm.yaml; a clear message when it is missing."""
    from assistant.knowledge.crm import CRM_FILE, CrmMap
    from assistant.knowledge.load import parse_model

    path = knowledge_dir / CRM_FILE
    if not path.exists():
        raise CliError(
            f"{path}: file not found; copy the shipped knowledge/crm.yaml there and edit its columns"
        )
    mapped: CrmTarget | None = getattr(parse_model(path, CrmMap), target)
    if mapped is None:
        raise CliError(f"{path} has no {target} section: add one (see the shipped file)")
    return mapped


@export_app.command("crm")
def export_crm(
    reports: Annotated[
        Path, typer.Argument(help="qualify-batch output: one {id, record?, report} per line.")
    ],
    target: Annotated[str, typer.Option("--target", help="salesforce or hubspot.")],
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the CSV here, not to stdout.")
    ] = None,
) -> None:
    """Write an import-ready CSV (Salesforce Data Loader / Bulk API 2.0, HubSpot import) from results."""
    from assistant.crm.export import export_rows, write_csv
    from assistant.knowledge.crm import RULES

    with friendly_errors():
        if target not in RULES:
            raise CliError(f"--target {target!r}: choose salesforce or hubspot")
        mapped = load_target(cli_settings().knowledge_dir, target)
        try:
            with reports.open(encoding="utf-8", errors="replace", newline="\n") as lines:
                rows, skipped = _collect(export_rows(lines, target, mapped))
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise CliError(f"{reports}: no such results file") from exc
        data = write_csv(rows)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            atomic_write(output, data)
        for item in skipped:
            err.print(
                f"[yellow]skipped {markup_safe(item.id)} (line {item.number}): {markup_safe(item.problem)}[/]"
            )
        err.print(
            f"{len(rows) - 1} {RULES[target].label} rows written ({mapped.object}), {len(skipped)} skipped"
        )


def _collect(items: Iterable[list[str] | Skipped]) -> tuple[list[list[str]], list[Skipped]]:
    rows: list[list[str]] = []
    skipped: list[Skipped] = []
    for item in items:
        if not isinstance(item, list):
            skipped.append(item)
        else:
            rows.append(item)
    return rows, skipped
