"""The account-level jobs over the saved history: save a qualification, brief a handoff, plan a renewal.

The CLI and the UI both call these, so what a brief reads from the history (every saved call,
the latest qualification, earlier deal notes) and what each job saves back is decided once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from assistant.errors import redact_notes
from assistant.handoff import SourceDocument, TransitionBrief, notes_source
from assistant.handoff import render_markdown as brief_markdown
from assistant.handoff.context import HandoffContext, choose_reader
from assistant.handoff.graph import build_brief, compile_handoff_graph
from assistant.handoff.sources import free_id
from assistant.handoff.state import HandoffInput
from assistant.history import AccountHistory, HistoryError, SavedRecord, normalise_account_name
from assistant.qualify.render import report_to_markdown
from assistant.qualify.schemas import QualificationReport
from assistant.renewal.context import choose_advisor
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.graph import build_plan
from assistant.renewal.render import render_markdown as plan_markdown
from assistant.renewal.schemas import RenewalPlan
from assistant.runtime import Assistant


@dataclass(frozen=True)
class DealNotes:
    """Notes the AE wrote about the won deal, as typed or read from a file."""

    text: str
    date: dt.date | None = None
    label: str | None = None


ResultT = TypeVar("ResultT", TransitionBrief, RenewalPlan)


@dataclass(frozen=True)
class Saved(Generic[ResultT]):
    """What a job produced and the history record it was filed as (None when not saved)."""

    result: ResultT
    record: SavedRecord | None


class AccountJobs:
    """Briefs and plans for one configured assistant over one account history."""

    def __init__(self, assistant: Assistant, history: AccountHistory) -> None:
        self.assistant = assistant
        self.history = history

    def save_qualification(self, account: str, report: QualificationReport, notes: str) -> SavedRecord:
        """File a qualification under the account, with the notes it read (the brief cites them)."""
        return save_qualification(self.history, account, report, notes)

    def handoff_context(self) -> HandoffContext:
        """The dependencies one handoff run needs."""
        assistant = self.assistant
        return HandoffContext(
            knowledge=assistant.knowledge,
            reader=choose_reader(assistant.settings),
            settings=assistant.settings,
            library=assistant.passage_search(),
        )

    def brief_inputs(
        self, account: str, new_notes: Sequence[DealNotes]
    ) -> tuple[list[SourceDocument], QualificationReport | None]:
        """Every source the brief may cite: saved calls and deal notes, then the new notes."""
        if not new_notes:
            self.history.require_account(account)
        saved = self.history.records(account) if self.history.find_account(account) else []
        readable = (
            _saved_source(record) for record in saved if record.kind in ("qualification", "deal_notes")
        )
        sources = [source for source in readable if source is not None]
        taken = {source.id for source in sources}
        for number, notes in enumerate(self.unsaved_notes(account, new_notes), start=1):
            ident = free_id(f"deal-notes-new-{number}", taken)
            taken.add(ident)
            sources.append(
                notes_source(notes.text, "deal_notes", id=ident, date=notes.date, label=notes.label)
            )
        return sources, _latest_report(saved)

    def unsaved_notes(self, account: str, new_notes: Sequence[DealNotes]) -> list[DealNotes]:
        """The new notes minus any already on file (running a handoff twice cites each note once)."""
        on_file = set()
        if self.history.find_account(account):
            on_file = {(r.source_text or "").strip() for r in self.history.records(account, "deal_notes")}
        fresh: list[DealNotes] = []
        for notes in new_notes:
            kept = redact_notes(notes.text)[0].strip()  # as the history keeps it: pasted keys redacted
            if kept not in on_file:
                on_file.add(kept)
                fresh.append(notes)
        return fresh

    def display_name(self, account: str) -> str:
        """The account's name as first saved ("halvorsen bank inc." reads as "Halvorsen Bank")."""
        found = self.history.find_account(account)
        return found.name if found else account.strip()

    def write_brief(
        self, account: str, new_notes: Sequence[DealNotes], *, as_of: dt.date | None = None, save: bool = True
    ) -> Saved[TransitionBrief]:
        """The transition brief from the history plus the new deal notes; the notes and brief are saved."""
        account = self.display_name(account)
        fresh = self.unsaved_notes(account, new_notes)
        sources, qualification = self.brief_inputs(account, new_notes)
        brief = build_brief(
            account, sources, context=self.handoff_context(), qualification=qualification, as_of=as_of
        )
        if not save:
            return Saved(brief, None)
        return Saved(brief, self.save_brief(account, fresh, brief))

    def save_brief(self, account: str, fresh: Sequence[DealNotes], brief: TransitionBrief) -> SavedRecord:
        """File the new deal notes (so the next brief cites them) and the brief under the account."""
        for notes in fresh:
            self.history.save(
                account,
                "deal_notes",
                {
                    "label": notes.label or "Deal notes",
                    "date": notes.date.isoformat() if notes.date else None,
                },
                title=notes.label or "Deal notes",
                source_text=notes.text,
            )
        return self.history.save(
            account, "brief", brief, title=f"Transition brief {brief.generated_on}", engine=brief.engine
        )

    def stream_brief(
        self, account: str, new_notes: Sequence[DealNotes], *, as_of: dt.date | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield (node, update) as each handoff node finishes, for live progress (nothing saved)."""
        sources, qualification = self.brief_inputs(account, new_notes)
        state: HandoffInput = {
            "account": account,
            "sources": sources,
            "as_of": as_of or dt.date.today(),
            "qualification": qualification,
        }
        graph = compile_handoff_graph()
        for chunk in graph.stream(state, context=self.handoff_context(), stream_mode="updates"):
            for node, update in chunk.items():
                yield node, update or {}

    def renewal_history(self, account: str) -> dict[str, Any] | None:
        """The latest qualification and transition brief on file, for the plan's context."""
        if self.history.find_account(account) is None:
            return None
        found = {
            "qualification": self.history.latest(account, "qualification"),
            "transition": self.history.latest(account, "brief"),
        }
        history = {key: record.payload for key, record in found.items() if record is not None}
        return history or None

    def plan_renewal(
        self, account: str, facts: RenewalFacts, *, as_of: dt.date | None = None, save: bool = True
    ) -> Saved[RenewalPlan]:
        """The renewal and upsell plan; the facts and the plan are saved under the account."""
        account = self.display_name(account)
        assistant = self.assistant
        named = facts.account if facts.account and _same(facts.account, account) else None
        plan = build_plan(
            facts,
            knowledge=assistant.knowledge,
            settings=assistant.settings,
            advisor=choose_advisor(assistant.settings),
            library=assistant.passage_search(),
            as_of=as_of,
            history=self.renewal_history(account),
            account=named or account,
        )
        if facts.account and named is None:
            plan.warnings.append(
                f"the facts file names {facts.account!r}; the plan is filed under {account!r}"
            )
        return Saved(plan, self.save_plan(account, facts, plan) if save else None)

    def save_plan(self, account: str, facts: RenewalFacts, plan: RenewalPlan) -> SavedRecord:
        """File the facts (so the next plan can start from them) and the plan under the account."""
        self.history.save(account, "renewal_facts", facts, title=f"Renewal facts as of {plan.as_of}")
        return self.history.save(
            account, "renewal_plan", plan, title=f"Renewal plan as of {plan.as_of}", engine=plan.engine
        )


def save_qualification(
    history: AccountHistory, account: str, report: QualificationReport, notes: str | None
) -> SavedRecord:
    """The one way a qualification is filed (CLI, UI, jobs): titled by its call date, with its notes."""
    call_date = report.metadata.call_date if report.metadata else dt.date.today()
    return history.save(
        account,
        "qualification",
        report,
        title=f"Qualification {call_date.isoformat()}",
        engine=report.engine,
        source_text=notes,
    )


PRINTABLE = ("qualification", "brief", "renewal_plan")


def record_markdown(record: SavedRecord) -> str:
    """A saved qualification, brief (as edited, when it was) or plan as Markdown, as it was filed."""
    if record.kind not in PRINTABLE:
        raise HistoryError(
            f"record {record.id} holds {record.kind.replace('_', ' ')}, not a qualification, brief or plan; "
            "`accounts export` gives it with everything else"
        )
    try:
        if record.kind == "qualification":
            report = QualificationReport.model_validate(record.payload)
            return report_to_markdown(report, record.source_text, record.account_name)
        if record.kind == "brief":
            brief = TransitionBrief.model_validate(record.payload)
            return brief.edited_markdown or brief_markdown(brief)
        return plan_markdown(RenewalPlan.model_validate(record.payload))
    except ValueError as exc:
        raise HistoryError(
            f"record {record.id} no longer reads as a {record.kind.replace('_', ' ')} "
            f"({str(exc).splitlines()[0]}); `accounts export` gives its saved JSON"
        ) from exc


def _same(first: str, second: str) -> bool:
    """Whether two spellings name one account ("Acme Inc." and "acme")."""
    try:
        return normalise_account_name(first) == normalise_account_name(second)
    except HistoryError:
        return False


def _saved_source(record: SavedRecord) -> SourceDocument | None:
    """A saved call or deal note as a citable source (records saved without text are skipped)."""
    if not record.source_text or not record.source_text.strip():
        return None
    if record.kind == "qualification":
        day = _call_date(record)
        return notes_source(record.source_text, "call_notes", id=f"call-notes-{record.id}", date=day)
    label = str(record.payload.get("label") or record.title or "Deal notes")[:80]
    day = _parse_date(record.payload.get("date")) or record.created_at.date()
    return notes_source(record.source_text, "deal_notes", id=f"deal-notes-{record.id}", date=day, label=label)


def _call_date(record: SavedRecord) -> dt.date:
    metadata = record.payload.get("metadata") or {}
    return _parse_date(metadata.get("call_date")) or record.created_at.date()


def _parse_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _latest_report(records: Sequence[SavedRecord]) -> QualificationReport | None:
    """The newest saved qualification that still reads as a report."""
    for record in reversed(records):
        if record.kind != "qualification":
            continue
        try:
            return QualificationReport.model_validate(record.payload)
        except ValueError:
            continue
    return None
