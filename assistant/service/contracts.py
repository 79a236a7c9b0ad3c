"""What the HTTP API and the MCP server accept and answer beyond the jobs' own schemas.

The reports, briefs and plans keep their contracts (`qualify/schemas.py`, `handoff/schemas.py`,
`renewal/schemas.py`); these models are the requests around them and the few listings the CLI
prints as plain JSON (playbook hits, an account's records), given a schema here so the API's
OpenAPI page, the MCP tools' output schemas and the CLI's `--json` all describe one shape.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.history import AccountSummary, HistoryError, SavedRecord, normalise_account_name
from assistant.history.store import MAX_NAME_CHARS

MAX_BATCH_ITEMS = 1_000
"""Most notes one batch request may carry; larger batches belong to `qualify-batch` or several calls."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def writable(text: str) -> str:
    """Lone surrogates (JSON allows "\\ud800") as U+FFFD: they cannot be saved as UTF-8, and the
    notes' cleaning then reports the unreadable character instead of the save failing."""
    return _SURROGATE.sub("\ufffd", text)


def check_account_name(name: str) -> str:
    """The name as given when the history can file under it, else a HistoryError saying why.

    Checked before any work is spent, so a bad name never costs a qualification that is then lost.
    """
    name = writable(name)
    if not normalise_account_name(name):
        raise HistoryError(f"account name {name!r} has no letters or digits")
    if len(" ".join(name.split())) > MAX_NAME_CHARS:
        raise HistoryError(f"account name is longer than {MAX_NAME_CHARS} characters")
    return name


class _Request(BaseModel):
    """Unknown fields are errors: a typo such as `call-date` must not be silently ignored.

    Text fields replace lone surrogates before validation (`mode="before"`): pydantic refuses them
    in constrained strings, and the notes' own cleaning reports them more helpfully.
    """

    model_config = ConfigDict(extra="forbid")


class QualifyRequest(_Request):
    """One set of call notes to qualify, and optionally the account to file the report under."""

    notes: str = Field(description="The discovery-call notes or transcript, as text.")
    call_date: dt.date | None = Field(
        default=None, description="Relative dates ('end of Q1') count from it; default today."
    )
    account: str | None = Field(default=None, description="Account to save the report under (with save).")
    save: bool = Field(default=False, description="Save the report and the notes in the account's history.")

    @field_validator("notes", mode="before")
    @classmethod
    def _notes_writable(cls, value: object) -> object:
        return writable(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _save_needs_account(self) -> QualifyRequest:
        """The CLI's rule (`--save` with `--account`): a report is never filed under a guessed name."""
        if self.save and not (self.account and self.account.strip()):
            raise ValueError("save needs account: the account to file the report under")
        if self.account is not None and not self.save:
            raise ValueError("account is only used with save: true (to keep the report in its history)")
        if self.account is not None:
            try:
                self.account = check_account_name(self.account)
            except HistoryError as exc:  # a request error like any other field's
                raise ValueError(str(exc)) from exc
        return self


class BatchRequest(_Request):
    """Many notes at once; each item is read on its own, so one bad item never fails the others."""

    items: list[dict[str, Any]] = Field(
        max_length=MAX_BATCH_ITEMS,
        description="Objects {id, notes, call_date?}, as the lines of `qualify-batch`.",
    )
    as_of: dt.date | None = Field(default=None, description="Call date of items that give none.")


class HandoffRequest(_Request):
    """The AE's won-deal notes for a transition brief of an account."""

    deal_notes: str = Field(min_length=1, description="The AE's notes about the won deal, as text.")
    as_of: dt.date | None = Field(default=None, description="Date of the brief and the notes; default today.")
    save: bool = Field(default=True, description="File the notes and the brief in the account's history.")

    @field_validator("deal_notes", mode="before")
    @classmethod
    def _notes_writable(cls, value: object) -> object:
        return writable(value) if isinstance(value, str) else value


class RenewalRequest(_Request):
    """The account facts a renewal plan starts from (the fields of examples/*renewal-facts.yaml)."""

    facts: dict[str, Any] = Field(description="contract_start, contract_end, arr, seats, usage, ...")
    as_of: dt.date | None = Field(default=None, description="Date to plan from; default the facts' as_of.")
    save: bool = Field(default=True, description="File the facts and the plan in the account's history.")


class PlaybookMatch(BaseModel):
    """One passage `playbooks search --json` prints: where it is from, how close, its text."""

    source: str
    section: str
    score: float = Field(description="Similarity, 0 to 1, rounded to 4 places.")
    text: str


class ListedRecord(BaseModel):
    """One saved record as `accounts show --json` lists it (the payload is left out)."""

    id: int
    kind: str
    created_at: dt.datetime
    title: str
    engine: str
    edited_at: dt.datetime | None = None


class AccountDetail(BaseModel):
    """What `accounts show --json` prints: the account at a glance and its records, oldest first."""

    account: AccountSummary
    records: list[ListedRecord]


def playbook_match(source: str, section: str, score: float, text: str) -> PlaybookMatch:
    """A hit as the CLI prints it (score rounded to 4 places), so every front end shows one number."""
    return PlaybookMatch(source=source, section=section, score=round(score, 4), text=text)


def account_detail(summary: AccountSummary, records: list[SavedRecord]) -> AccountDetail:
    """An account and the listed fields of its records (payloads and notes left out)."""
    fields = set(ListedRecord.model_fields)
    listed = [ListedRecord.model_validate(record.model_dump(include=fields)) for record in records]
    return AccountDetail(account=summary, records=listed)
