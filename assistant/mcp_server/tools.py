"""The MCP tools: each job of the assistant as a function an AI client can call.

Each tool returns the same JSON the CLI prints with `--json` (the pydantic model, which the SDK
sends both as structured content with its schema and as JSON text). A failure the caller can fix,
or one the server's files cause, comes back as a tool error with the CLI's message, never a crash
of the server. The docstrings are what the client's model reads to pick a tool.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field, ValidationError

from assistant.handoff import TransitionBrief
from assistant.history import AccountSummary
from assistant.qualify.schemas import QualificationReport
from assistant.renewal.facts import parse_facts
from assistant.renewal.schemas import RenewalPlan
from assistant.service.contracts import (
    AccountDetail,
    HandoffRequest,
    PlaybookMatch,
    QualifyRequest,
    writable,
)
from assistant.service.errors import first_error, problem_of
from assistant.service.jobs import Service

Notes = Annotated[str, Field(description="The discovery-call notes or transcript, as plain text.")]
Account = Annotated[str, Field(description="Account name; 'acme inc.' finds 'Acme'.")]
OptionalDate = Annotated[dt.date | None, Field(description="A date as YYYY-MM-DD; default today.")]


@contextmanager
def tool_errors() -> Iterator[None]:
    """Known failures as a tool error carrying their message (the SDK marks the result is_error)."""
    try:
        yield
    except ValidationError as exc:
        raise ToolError(first_error(exc)) from exc
    except Exception as exc:
        problem = problem_of(exc)
        if problem is None:
            raise  # unforeseen: the SDK answers "Error executing tool" and logs the traceback
        raise ToolError(problem.message) from exc


class AssistantTools:
    """The tools over one `Service` (one assistant and one history for the server's life)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def qualify_notes(
        self,
        notes: Notes,
        call_date: OptionalDate = None,
        save: Annotated[bool, Field(description="Save the report and notes under `account`.")] = False,
        account: Annotated[str | None, Field(description="Account to save under (needs save).")] = None,
    ) -> QualificationReport:
        """Qualify a lead from discovery-call notes: each criterion (title, problem, industry, size,
        budget, timeline) with verbatim evidence, the score, the verdict (sales_qualified, nurture,
        disqualified), gaps with next questions, and the specialists to bring in."""
        with tool_errors():
            request = QualifyRequest(notes=notes, call_date=call_date, save=save, account=account)
            return self.service.qualify(request).report

    def search_playbooks(
        self,
        query: Annotated[str, Field(min_length=1, description="What to look for, in plain words.")],
        k: Annotated[int, Field(ge=1, le=50, description="How many passages.")] = 4,
        kind: Annotated[str | None, Field(description="Only playbooks of this kind.")] = None,
        industry: Annotated[str | None, Field(description="Only playbooks for this industry key.")] = None,
    ) -> list[PlaybookMatch]:
        """Search the sales playbooks (discovery questions, objection handling, industry plays,
        renewals, specialists) and return the closest passages with their source and section."""
        with tool_errors():
            return self.service.search(query, k=k, kind=kind, industry=industry)

    def write_transition_brief(
        self,
        account: Account,
        deal_notes: Annotated[str, Field(min_length=1, description="The AE's won-deal notes, as text.")],
        as_of: OptionalDate = None,
        save: Annotated[bool, Field(description="File the notes and the brief in the history.")] = True,
    ) -> TransitionBrief:
        """Write the AE-to-Customer-Success transition brief for a won account from its saved calls
        and reports plus the deal notes; every line cites the note it came from."""
        with tool_errors():
            request = HandoffRequest(deal_notes=deal_notes, as_of=as_of, save=save)
            return self.service.write_brief(account, request).result

    def plan_renewal(
        self,
        account: Account,
        facts: Annotated[
            str,
            Field(
                min_length=1,
                description="Renewal facts as YAML or JSON text (contract dates, arr, seats, usage...).",
            ),
        ],
        as_of: OptionalDate = None,
        save: Annotated[bool, Field(description="File the facts and the plan in the history.")] = True,
    ) -> RenewalPlan:
        """Plan an account's renewal and expansion: health and churn risk, a dated timeline,
        expansion plays, who to involve, negotiation options and cited talking points."""
        with tool_errors():
            text = writable(facts)
            name = "facts.json" if text.lstrip().startswith("{") else "facts.yaml"
            return self.service.plan_from_facts(
                account, parse_facts(text, name), as_of=as_of, save=save
            ).result

    def list_accounts(self) -> list[AccountSummary]:
        """Every account with saved work: counts of reports, briefs and plans, and the latest verdict."""
        with tool_errors():
            return self.service.accounts()

    def account_history(self, account: Account) -> AccountDetail:
        """One account's saved records (qualifications, deal notes, briefs, renewal facts and
        plans), oldest first, with their ids, kinds, dates and titles."""
        with tool_errors():
            return self.service.account_detail(account)
