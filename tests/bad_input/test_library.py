"""Every kind through the library: Assistant.qualify, read_notes_file, load_knowledge, AccountJobs,
load_facts and PlaybookAdmin.upload raise one readable error (or read the input, with a warning),
and nothing saved before is lost."""

from __future__ import annotations

import pytest

from assistant.account_jobs import AccountJobs
from assistant.history import AccountHistory, HistoryError
from assistant.knowledge.load import KnowledgeError, load_knowledge
from assistant.library.admin import PlaybookAdmin
from assistant.library.models import RetrievalError
from assistant.library.playbook_library import PlaybookLibrary
from assistant.qualify.schemas import QualificationReport
from assistant.renewal.facts import FactsError, load_facts
from assistant.runtime import Assistant
from assistant.text.decoding import InputError
from assistant.text.files import read_notes_file
from tests.bad_input.cases import Kind, cases
from tests.bad_input.conftest import CALL, BrokenFor, baseline, notes_path, verdict_of
from tests.bad_input.faults import ACCOUNT, Env, facts_file
from tests.bad_input.samples import GOOD, LEAD


def evidence(report: QualificationReport) -> str:
    return " ".join(q for result in report.criteria.values() for q in result.evidence)


def check_read(kind: Kind, env: Env, report: QualificationReport, warnings: list[str]) -> None:
    kind.warned(warnings + report.warnings)
    if kind.same_as is not None:
        assert verdict_of(report.model_dump(mode="json")) == baseline(env, kind.same_as)
    if kind.finds is not None:
        assert kind.finds in evidence(report), evidence(report)


@pytest.mark.parametrize("kind", cases("library", "notes"))
def test_notes(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    settings = env.settings()
    assistant = Assistant(settings)
    inputs: list[tuple[str, object]] = []
    if kind.typed() is not None:
        inputs.append(("typed", kind.typed()))
    if kind.file_bytes() is not None:
        inputs.append(("file", notes_path(env, kind)))
    assert inputs
    for how, given in inputs:

        def qualify(how: str = how, given: object = given) -> tuple[QualificationReport, list[str]]:
            if how == "typed":
                return assistant.qualify(str(given), CALL), []
            decoded = read_notes_file(given, settings.max_upload_bytes)  # type: ignore[arg-type]
            return assistant.qualify(decoded.text, CALL), decoded.warnings

        if kind.refused is not None:
            with pytest.raises(InputError) as refused:
                qualify()
            kind.refusal(str(refused.value))
        else:
            check_read(kind, env, *qualify())


@pytest.mark.parametrize("kind", cases("library", "knowledge"))
def test_knowledge_files(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    with pytest.raises(KnowledgeError) as loading:
        load_knowledge(env.knowledge)
    kind.refusal(str(loading.value))
    with pytest.raises(KnowledgeError) as qualifying:
        Assistant(env.settings()).qualify(GOOD, CALL)
    assert str(qualifying.value) == str(loading.value)


@pytest.mark.parametrize("kind", cases("library", "store"))
def test_playbook_index(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    with pytest.raises(RetrievalError) as failed:
        Assistant(env.settings()).qualify(GOOD, CALL)
    kind.refusal(str(failed.value))
    PlaybookLibrary(env.settings()).ingest([env.playbooks], rebuild=True)  # the fix the message names
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations, "the rebuilt index answers again"


@pytest.mark.parametrize("kind", cases("library", "save"))
def test_saving_to_the_history(kind: Kind, env: Env, broken: BrokenFor) -> None:
    intact = broken(kind)
    assistant = Assistant(env.settings())
    report = assistant.qualify(GOOD, CALL)
    with pytest.raises(HistoryError) as failed, AccountHistory.from_settings(env.settings()) as history:
        AccountJobs(assistant, history).save_qualification(ACCOUNT, report, GOOD * 300)
    kind.refusal(str(failed.value))
    intact()


@pytest.mark.parametrize("kind", cases("library", "facts"))
def test_renewal_facts(kind: Kind, env: Env) -> None:
    assert kind.fault is not None
    with pytest.raises(FactsError) as failed:
        load_facts(facts_file(env, kind.fault))
    kind.refusal(str(failed.value))
    assert "Traceback" not in str(failed.value) and "pydantic" not in str(failed.value)


def folder_state(env: Env) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(env.playbooks.iterdir())}


@pytest.mark.parametrize("kind", cases("library", "playbook"))
def test_playbook_uploads(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    assistant = Assistant(env.settings())
    before = baseline(env, LEAD) if kind.same_as else None
    admin = PlaybookAdmin(env.settings(), assistant.library, assistant.knowledge)
    files, indexed = folder_state(env), admin.documents()
    data = kind.file_bytes()
    assert data is not None
    if kind.refused is not None:
        with pytest.raises(InputError) as refused:
            admin.upload(kind.name, data, replace=True)
        kind.refusal(str(refused.value))
        assert folder_state(env) == files and admin.documents() == indexed, "the library changed"
        return
    assert admin.upload(kind.name, data).chunks > 0
    if before is not None:
        assert baseline(env, LEAD) == before, "an uploaded playbook changed a verdict"
