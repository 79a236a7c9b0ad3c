"""The assistant as a long-running server calls it: one request in, the CLI's JSON contract out.

The HTTP API and the MCP server both hold one `Service` per process: one `Assistant` (knowledge,
engine, playbook index, compiled graphs) and one account history (a connection pool), shared by
every request thread, as the web app shares them between sessions. Saving goes through
`AccountJobs`, the one place that files what a job made.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from assistant.account_jobs import AccountJobs, DealNotes, Saved
from assistant.handoff import TransitionBrief
from assistant.history import AccountExport, AccountHistory, AccountSummary, HistoryError, SavedRecord
from assistant.qualify.batch import BatchItem, run_item
from assistant.qualify.schemas import BatchLine, QualificationReport
from assistant.renewal.facts import RenewalFacts, parse_facts
from assistant.renewal.schemas import RenewalPlan
from assistant.runtime import Assistant
from assistant.service.contracts import (
    AccountDetail,
    BatchRequest,
    HandoffRequest,
    PlaybookMatch,
    QualifyRequest,
    RenewalRequest,
    account_detail,
    check_account_name,
    playbook_match,
    writable,
)
from assistant.service.errors import BadAccountName, UnknownAccount, first_error
from assistant.settings import Settings


@dataclass(frozen=True)
class Qualified:
    """A report and, when it was saved, the history record it was filed as."""

    report: QualificationReport
    record: SavedRecord | None


class Service:
    """Every job the integrations offer, over one assistant and one account history."""

    def __init__(self, assistant: Assistant, history: AccountHistory) -> None:
        self.assistant = assistant
        self.history = history
        self.jobs = AccountJobs(assistant, history)

    @classmethod
    def from_settings(cls, settings: Settings) -> Service:
        """The assistant and the history the settings name, the index built before any request.

        Building the index here, once, keeps the first request fast and keeps concurrent first
        requests from each building the assistant's lazily made parts.
        """
        assistant = Assistant(settings)
        _ = assistant.engine, assistant.library
        return cls(assistant, AccountHistory.from_settings(settings))

    def close(self) -> None:
        """Release the history's pooled connections (the data stays)."""
        self.history.close()

    def qualify(self, request: QualifyRequest) -> Qualified:
        """Qualify the notes; file the report with its notes when asked (after it is made)."""
        report = self.assistant.qualify(request.notes, request.call_date)
        if not request.save or request.account is None:
            return Qualified(report, None)
        return Qualified(report, self.jobs.save_qualification(request.account, report, request.notes))

    def qualify_batch(self, request: BatchRequest) -> list[dict[str, object]]:
        """One row per item, in input order: `{"id", "report"}` or `{"id", "error"}`, as `qualify-batch`."""
        items = [batch_item(number, raw) for number, raw in enumerate(request.items, start=1)]

        def qualify_item(item: BatchItem) -> QualificationReport:
            assert item.line is not None  # run_item answers items without a line itself
            return self.assistant.qualify(item.line.notes, item.line.call_date or request.as_of)

        settings = self.assistant.settings
        # Model calls wait on the network, so they run in a bounded pool; offline runs are CPU work.
        workers = settings.llm_concurrency if settings.model else 1
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(lambda item: run_item(item, qualify_item), items))

    def write_brief(self, account: str, request: HandoffRequest) -> Saved[TransitionBrief]:
        """The transition brief from the account's history plus the new deal notes (as the web app labels them)."""
        account = account_name(account)
        day = request.as_of or dt.date.today()
        notes = DealNotes(request.deal_notes, day, f"deal notes {day.isoformat()}")
        return self.jobs.write_brief(account, [notes], as_of=request.as_of, save=request.save)

    def plan_renewal(self, account: str, request: RenewalRequest) -> Saved[RenewalPlan]:
        """The renewal plan from facts given as an object (the API's JSON body)."""
        facts = parse_facts(json.dumps(request.facts), "facts.json")
        return self.plan_from_facts(account, facts, as_of=request.as_of, save=request.save)

    def plan_from_facts(
        self, account: str, facts: RenewalFacts, *, as_of: dt.date | None, save: bool
    ) -> Saved[RenewalPlan]:
        """The renewal plan from validated facts, filed under the account when asked."""
        return self.jobs.plan_renewal(account_name(account), facts, as_of=as_of, save=save)

    def search(
        self, query: str, *, k: int, kind: str | None = None, industry: str | None = None
    ) -> list[PlaybookMatch]:
        """The passages `playbooks search --json` prints for the query, best first."""
        hits = self.assistant.library.search(writable(query), k=k, kind=kind, industry=industry)
        return [playbook_match(hit.source, hit.section, hit.score, hit.text) for hit in hits]

    def accounts(self) -> list[AccountSummary]:
        """Every account with saved work, most recently updated first (`accounts list --json`)."""
        return self.history.accounts()

    def account_detail(self, account: str) -> AccountDetail:
        """One account and its records, oldest first (`accounts show --json`)."""
        summary = self.known_account(account)
        return account_detail(summary, self.history.records(summary.key))

    def account_export(self, account: str) -> AccountExport:
        """Everything saved for one account, payloads and notes included (`accounts export`)."""
        return self.history.export(self.known_account(account).key)

    def known_account(self, account: str) -> AccountSummary:
        """The account's summary, or UnknownAccount naming close matches (a 404, not a server fault)."""
        found = self.history.find_account(account_name(account))
        if found is not None:
            return found
        try:
            return self.history.require_account(account)
        except HistoryError as exc:
            raise UnknownAccount(str(exc)) from exc


def account_name(name: str) -> str:
    """A name from a URL path or a tool argument, checked as a request's account field is."""
    try:
        return check_account_name(name)
    except HistoryError as exc:
        raise BadAccountName(str(exc)) from exc


def batch_item(number: int, raw: Mapping[str, Any]) -> BatchItem:
    """One batch item read as a `qualify-batch` line: parsed, or the reason it could not be."""
    row = {key: writable(value) if isinstance(value, str) else value for key, value in raw.items()}
    raw_id = str(row["id"]) if row.get("id") is not None else None
    try:
        line = BatchLine.model_validate(row)
    except ValidationError as exc:
        return BatchItem(number, None, first_error(exc), raw_id)
    if not line.notes.strip():
        return BatchItem(number, None, "the notes are empty", line.id)
    return BatchItem(number, line)
