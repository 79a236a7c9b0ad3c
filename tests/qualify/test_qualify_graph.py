"""The qualify graph end to end: real Chroma in a temp dir, the shipped playbooks, real nodes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.qualify.graph import build_qualify_graph
from assistant.runtime import Assistant
from assistant.settings import Settings

CALL = dt.date(2026, 11, 10)
NURTURE = (
    "[00:02] SDR: Thanks for the time, Luis.\n"
    "[00:06] Luis Ortega: I'm an analyst in finance at Redwood Health Partners, a hospital group of 4,000 staff.\n"
    "[00:30] Luis Ortega: Month-end close takes nine days because everything is reconciled by hand.\n"
    "[01:10] Luis Ortega: We would need Epic integration and a HIPAA BAA before anything goes live.\n"
)
DISQUALIFIED = (
    "Call with Vic Lane, CEO of Lucky Star Casinos (1,000 employees). Budget $500k approved, buying in Q1."
)


@pytest.fixture(scope="module")
def minilm_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The default configuration: MiniLM embeddings over the shipped playbooks."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("graph"), embedding="minilm")
    return Assistant(settings)


def test_report_cites_retrieved_playbooks(minilm_assistant: Assistant) -> None:
    report = minilm_assistant.qualify(NURTURE, CALL)
    assert report.verdict == "nurture"
    assert report.criteria["title"].status == "partial"
    assert "budget" in report.gaps and "timeline" in report.gaps
    assert report.next_questions, "gaps should come with questions from the discovery playbook"
    assert all(q.endswith("?") for q in report.next_questions)
    sources = {c.source for c in report.citations}
    assert "playbooks/discovery-questions.md" in sources
    assert all(Path(minilm_assistant.settings.playbooks_dir.parent, s).exists() for s in sources)
    playbook_text = "\n".join(
        p.read_text(encoding="utf-8") for p in minilm_assistant.settings.playbooks_dir.glob("*.md")
    )
    assert all(question in playbook_text for question in report.next_questions)


def test_specialists_named_with_evidence(minilm_assistant: Assistant) -> None:
    report = minilm_assistant.qualify(NURTURE, CALL)
    roles = {rec.role: rec for rec in report.recommendations}
    assert {"sales_engineer", "industry_expert"} <= set(roles)
    expert = roles["industry_expert"]
    healthcare = [
        p.name
        for p in minilm_assistant.knowledge.roster.by_role("industry_expert")
        if "healthcare" in p.industries
    ]
    assert expert.name in healthcare
    assert any("HIPAA" in quote for quote in expert.evidence)
    assert "channel_ae" not in roles


def test_disqualified_lead_gets_nobody(minilm_assistant: Assistant) -> None:
    report = minilm_assistant.qualify(DISQUALIFIED, CALL)
    assert report.verdict == "disqualified"
    assert report.criteria["industry"].status == "unfit"
    assert report.recommendations == []


NODES = [
    "normalise_notes",
    "extract_criteria",
    "score_criteria",
    "recommend",
    "retrieve_playbooks",
    "compose_report",
]


def test_progress_streams_node_by_node(minilm_assistant: Assistant) -> None:
    nodes = [node for node, _ in minilm_assistant.stream_qualify(NURTURE, CALL)]
    assert nodes == NODES
    skipped = [node for node, _ in minilm_assistant.stream_qualify(DISQUALIFIED, CALL)]
    assert "recommend" not in skipped


def test_report_contract_round_trips(minilm_assistant: Assistant) -> None:
    report = minilm_assistant.qualify(NURTURE, CALL)
    payload = report.model_dump(mode="json")
    assert list(payload["criteria"]) == ["title", "problem", "industry", "size", "budget", "timeline"]
    assert payload["engine"] == "offline"
    assert payload["metadata"]["call_date"] == "2026-11-10"
    assert type(report).model_validate_json(report.model_dump_json()) == report


def test_graph_shape_is_explicit() -> None:
    graph = build_qualify_graph().compile().get_graph()
    assert set(NODES) <= set(graph.nodes)


def test_truncation_and_control_characters_are_warned(tmp_path: Path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path, embedding="hashing", max_note_chars=2_000))
    notes = "Call with Ann Lee, CTO at Foo Bank.\x00\x07\n" + ("filler line about nothing\n" * 200)
    report = assistant.qualify(notes, CALL)
    assert any("truncated" in w for w in report.warnings)
    assert any("control characters" in w for w in report.warnings)
    assert report.criteria["title"].status == "met"


def test_unexpected_language_is_warned(tmp_path: Path) -> None:
    assistant = Assistant(Settings(data_dir=tmp_path, embedding="hashing"))
    report = assistant.qualify("与客户通话，他们是一家大型制造企业，有两千名员工，预算已经批准。", CALL)
    assert any("English or Spanish" in warning for warning in report.warnings)
