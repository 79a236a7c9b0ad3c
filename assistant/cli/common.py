"""What every command shares: the consoles, common options, settings and the one error handler.

Untrusted text (notes, account names, file names, model output) never reaches the consoles as
markup: commands print it through `rich.markup.escape` or as `Text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Optional

import typer
from pydantic import ValidationError
from rich.console import Console

from assistant.errors import os_problem
from assistant.history.errors import HistoryError
from assistant.knowledge.load import KnowledgeError
from assistant.library.models import RetrievalError
from assistant.runtime import Assistant
from assistant.settings import Settings, load_settings
from assistant.text.decoding import InputError
from assistant.text.terminal import markup_safe

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
    try:
        yield
    except (InputError, KnowledgeError, RetrievalError, HistoryError, CliError) as exc:
        err.print(f"[bold red]error:[/] {markup_safe(exc)}")
        raise typer.Exit(2) from None
    except ValidationError as exc:
        err.print(f"[bold red]error:[/] invalid setting: {markup_safe(exc.errors()[0]['msg'])}")
        raise typer.Exit(2) from None
    except OSError as exc:  # an --out folder that does not exist, a full disk
        err.print(f"[bold red]error:[/] {markup_safe(os_problem(exc))}")
        raise typer.Exit(2) from None


def cli_settings(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise CliError(f"setting {field}: {first['msg']} (check ASSISTANT_* variables)") from exc


def cli_assistant(model: str | None = None, api_base: str | None = None) -> Assistant:
    return Assistant(
        cli_settings(model=model, api_base=api_base), notify=lambda m: err.print(f"[dim]{markup_safe(m)}[/]")
    )
