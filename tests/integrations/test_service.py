"""The service both servers share, in process: whose failure each error is, and text that cannot be saved."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.handoff.graph import HandoffInputError
from assistant.history import HistoryError
from assistant.knowledge.load import KnowledgeError
from assistant.renewal.facts import FactsError
from assistant.service.contracts import HandoffRequest, QualifyRequest
from assistant.service.errors import BadAccountName, UnknownAccount, problem_of
from assistant.service.jobs import Service, batch_item
from assistant.settings import load_settings
from assistant.text.decoding import InputError


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InputError("the notes are empty"), 422),
        (FactsError("facts.json", ["arr: missing"]), 422),
        (HandoffInputError("nothing to build the brief from"), 422),
        (BadAccountName("account name '!!!' has no letters or digits"), 422),
        (UnknownAccount("no account named 'x'"), 404),
        (KnowledgeError("rubric.yaml: field size.met_min"), 503),
        (HistoryError("the history database is locked"), 503),
        (RuntimeError("a bug"), None),
    ],
)
def test_each_error_is_the_callers_or_the_servers(error: Exception, status: int | None) -> None:
    problem = problem_of(error)
    assert (problem.status if problem else None) == status
    if problem is not None:
        assert problem.message == str(error)


def test_a_request_error_reads_without_pydantics_prefix() -> None:
    with pytest.raises(ValidationError) as caught:
        QualifyRequest(notes="Call with Ana", save=True)
    problem = problem_of(caught.value)
    assert (
        problem is not None and problem.message == "save needs account: the account to file the report under"
    )


def test_lone_surrogates_are_saved_as_replacement_characters() -> None:
    """JSON may carry "\\ud800"; SQLite cannot store it, so it must never reach a save as is."""
    service = Service.from_settings(load_settings(embedding="hashing"))
    try:
        notes = "Call with Ana Ruiz, COO at Vela Retail (400 employees). \ud800 Stockouts cost sales."
        done = service.qualify(QualifyRequest(notes=notes, save=True, account="Vela \ud800 Retail"))
        assert done.record is not None and done.record.account_name == "Vela \ufffd Retail"
        brief = service.write_brief(
            "Vela Retail", HandoffRequest(deal_notes="Signed: 200 seats. \udfff Go-live March.")
        )
        assert brief.record is not None
        (saved_notes,) = [r.source_text for r in service.history.records("Vela Retail", "deal_notes")]
        assert saved_notes == "Signed: 200 seats. \ufffd Go-live March."
    finally:
        service.close()


def test_a_batch_item_reads_like_a_qualify_batch_line() -> None:
    assert batch_item(1, {"id": 7, "notes": "Call with Ana"}).line is not None
    assert batch_item(2, {"id": "x"}).error == "notes: Field required"
    assert batch_item(3, {"notes": "hi"}).error == "id: Field required"
    assert batch_item(4, {"id": "y", "notes": "  "}).error == "the notes are empty"
