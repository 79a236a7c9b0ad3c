"""What the account history hands out: saved records, account summaries and exports."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

RecordKind = Literal["qualification", "deal_notes", "brief", "renewal_facts", "renewal_plan"]
RECORD_KINDS: tuple[RecordKind, ...] = get_args(RecordKind)


class SavedRecord(BaseModel):
    """One saved report, brief, plan or set of facts, as it was stored (payload is its JSON)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    account_key: str = Field(description="The normalised account name the record is filed under.")
    account_name: str = Field(description="The account's display name (the first name saved).")
    kind: RecordKind
    created_at: dt.datetime = Field(description="When it was saved, UTC.")
    title: str = ""
    engine: str = ""
    payload: dict[str, Any]
    source_text: str | None = Field(default=None, description="The notes or facts it was made from.")
    edited_at: dt.datetime | None = Field(
        default=None, description="When the payload was last edited (overrides), UTC; None if never."
    )


class AccountSummary(BaseModel):
    """One account at a glance: how much is saved and what the latest qualification said."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    counts: dict[RecordKind, int] = Field(description="Saved records per kind, every kind present.")
    latest_verdict: str | None = Field(
        default=None, description="Verdict of the latest saved qualification, if any."
    )


class AccountExport(BaseModel):
    """Everything saved for one account, in a form another tool (or a person) can read back."""

    model_config = ConfigDict(extra="forbid")

    account: AccountSummary
    records: list[SavedRecord]
    exported_at: dt.datetime
    schema_version: str = Field(description="The history's migration revision the data came from.")
