"""The LLM deal reader: one model call through litellm, replayed from cassettes, verified line by line.

Cassettes under tests/cassettes/test_handoff_llm/ were recorded against llama.cpp's server over
the tiny Gemma 3 270M GGUF (`pytest --record-mode=once tests/handoff/test_handoff_llm.py`); the http_500
one is a hand-edited copy of the recorded one. CI replays them with record mode `none`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.handoff import DealReader, OfflineDealReader
from assistant.handoff.context import HandoffContext
from assistant.handoff.graph import build_brief
from assistant.handoff.llm_reader import LLMDealReader, ModelBrief, ModelContact, ModelLine, merge_answer
from assistant.handoff.schemas import SECTIONS, TransitionBrief
from assistant.knowledge.load import Knowledge
from assistant.llm.gateway import LLMGateway, _litellm
from assistant.settings import Settings
from tests.conftest import LLM_API_BASE, LLM_MODEL
from tests.handoff_support import AS_OF, assert_every_line_sourced, halvorsen_sources


def llm_settings(tmp_path: Path, api_base: str = LLM_API_BASE) -> Settings:
    return Settings(
        data_dir=tmp_path,
        embedding="hashing",
        model=LLM_MODEL,
        api_base=api_base,
        max_retries=0,
        timeout_s=600,
    )


def brief_with(reader_settings: Settings, knowledge: Knowledge, reader: DealReader) -> TransitionBrief:
    context = HandoffContext(knowledge, reader, reader_settings, None)
    return build_brief("Halvorsen Regional Bank", halvorsen_sources(), context=context, as_of=AS_OF)


def offline_brief(tmp_path: Path, knowledge: Knowledge) -> TransitionBrief:
    return brief_with(Settings(data_dir=tmp_path, embedding="hashing"), knowledge, OfflineDealReader())


@pytest.mark.vcr
def test_one_model_call_verified_against_the_sources(tmp_path: Path, knowledge: Knowledge) -> None:
    settings = llm_settings(tmp_path)
    brief = brief_with(settings, knowledge, LLMDealReader(LLMGateway(settings)))
    assert brief.engine == f"litellm:{LLM_MODEL}"
    usage = brief.metadata.llm
    assert usage is not None and 1 <= usage.calls <= 2, "one call, plus at most one repair"
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert_every_line_sourced(brief, halvorsen_sources())
    offline = offline_brief(tmp_path, knowledge)
    for name in SECTIONS:
        kept = {line.text for line in brief.section(name)}
        assert {line.text for line in offline.section(name)} <= kept, f"the model never removes {name} lines"
    assert brief.snapshot == offline.snapshot, "price, term, seats and products come from code"
    assert brief.holdout == offline.holdout and brief.assignments == offline.assignments


# A copy of the recorded cassette with the model's answer replaced by an HTTP 500 (a failure a
# live server rarely gives on demand).
@pytest.mark.vcr
def test_edited_failure_falls_back(tmp_path: Path, knowledge: Knowledge) -> None:
    settings = llm_settings(tmp_path)
    brief = brief_with(settings, knowledge, LLMDealReader(LLMGateway(settings)))
    assert brief.engine == "offline"
    warning = next(w for w in brief.warnings if w.startswith("LLM reader failed"))
    assert "(http:" in warning and "the offline reader answered" in warning
    offline = offline_brief(tmp_path, knowledge)
    assert brief.commitments == offline.commitments and brief.stakeholders == offline.stakeholders
    assert brief.metadata.llm is None


def test_timeout_falls_back(tmp_path: Path, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = _litellm().exceptions

    def completion(**_: object) -> object:
        raise errors.Timeout(message="timed out", model="tiny", llm_provider="openai")

    monkeypatch.setattr(_litellm(), "completion", completion)
    settings = llm_settings(tmp_path, api_base="http://127.0.0.1:9/v1")
    brief = brief_with(settings, knowledge, LLMDealReader(LLMGateway(settings)))
    assert brief.engine == "offline"
    assert any(w.startswith("LLM reader failed (timeout") for w in brief.warnings)
    assert_every_line_sourced(brief, halvorsen_sources())


def test_only_verified_model_lines_join_the_reading(knowledge: Knowledge) -> None:
    sources = halvorsen_sources()
    reading = OfflineDealReader().read(sources, knowledge, AS_OF, [])
    before = len(reading.section("risks"))
    answer = ModelBrief(
        risks=[
            ModelLine(
                source_id="call-notes-1",
                quote="Wants references from other regional banks.",
                text="They still want references from other regional banks",
            ),
            ModelLine(
                source_id="deal-notes-1", quote="The CFO threatened to cancel.", text="Cancellation threat"
            ),
            ModelLine(
                source_id="call-notes-1", quote="Kickoff in the week of 18 January 2027.", text="Kickoff"
            ),
            ModelLine(
                source_id="deal-notes-1",
                quote="nCino is still talking to their retail banking team.",
                text="nCino may take 40% of retail banking",
            ),
            ModelLine(source_id="nowhere", quote="anything", text="anything"),
        ],
        stakeholders=[
            ModelContact(
                name="Sven Dahl",
                title="CEO",
                roles=["decision_maker"],
                source_id="deal-notes-1",
                quote="Sven Dahl, CEO, signed.",
            ),
            ModelContact(
                name="Aisha Bello",
                roles=["technical"],
                source_id="deal-notes-1",
                quote="Aisha Bello confirmed the SAML set-up in the technical validation.",
            ),
        ],
        open_questions=["Who signs the renewal?", "not a question"],
    )
    merge_answer(answer, reading, sources, {"aisha bello"})
    risks = [line.text for line in reading.section("risks")]
    assert len(risks) == before + 1 and "They still want references from other regional banks" in risks
    assert reading.model_lines == 1
    assert reading.dropped == 6, (
        "invented quote, wrong source, number not quoted, unknown source, two contacts"
    )
    assert all(person.name != "Sven Dahl" and person.name != "Aisha Bello" for person in reading.stakeholders)
    assert reading.questions == ["Who signs the renewal?"]
