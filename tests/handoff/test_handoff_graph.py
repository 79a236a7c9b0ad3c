"""The handoff graph end to end: real Chroma over the shipped playbooks, the roster, the renderer."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from assistant.handoff import OfflineDealReader, render_markdown
from assistant.handoff.context import HandoffContext
from assistant.handoff.graph import HandoffInputError, build_brief, build_handoff_graph, compile_handoff_graph
from assistant.handoff.reading import DealReading
from assistant.handoff.render import SECTION_TITLES
from assistant.handoff.schemas import BriefLine, SourceDocument, SourceRef, TransitionBrief
from assistant.handoff.sources import qualification_source
from assistant.handoff.state import HandoffInput
from assistant.knowledge.load import Knowledge
from assistant.library.passages import PlaybookPassage
from assistant.library.playbook_library import PlaybookLibrary
from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.handoff.test_handoff_reading import PROSE, SPANISH
from tests.handoff_support import AS_OF, CALL_NOTES, assert_every_line_sourced, deal, halvorsen_sources

PLAYBOOK = "playbooks/ae-to-csm-transition.md"
ONE_SIGNAL = """Deal notes — Fjord Insurance
- Products: Core Platform for all 600 employees; 600 seats.
- Analytics Add-on declined; they use Power BI already.
"""
NAMED_CSM = "AE: Hannah Whitfield. CSM: Rafael Souza takes onboarding. Products: Core Platform."


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("handoff"), embedding="hashing")


@pytest.fixture(scope="module")
def library(settings: Settings) -> PlaybookLibrary:
    """The shipped playbooks in a real embedded Chroma store."""
    library = PlaybookLibrary(settings)
    library.ensure_ready()
    return library


@pytest.fixture
def context(knowledge: Knowledge, settings: Settings, library: PlaybookLibrary) -> HandoffContext:
    return HandoffContext(knowledge, OfflineDealReader(), settings, library)


def test_brief_end_to_end_with_the_qualification(context: HandoffContext, settings: Settings) -> None:
    report = Assistant(settings).qualify(CALL_NOTES, dt.date(2026, 11, 10))
    sources = halvorsen_sources()
    brief = build_brief(
        "Halvorsen Regional Bank", sources, context=context, qualification=report, as_of=AS_OF
    )
    assert [s.id for s in brief.sources] == ["deal-notes-1", "call-notes-1", "qualification-1"]
    assert_every_line_sourced(brief, [*sources, qualification_source(report)])
    cited = [
        line for line in brief.why_they_bought if any(r.source_id == "qualification-1" for r in line.sources)
    ]
    assert cited, "the SDR's qualification evidence backs why they bought"
    assert any(line.text.startswith("Budget (met at qualification)") for line in cited)
    assert brief.engine == "offline" and brief.generated_on == AS_OF


def test_agendas_follow_the_transition_playbook(context: HandoffContext) -> None:
    brief = build_brief("Halvorsen Regional Bank", halvorsen_sources(), context=context, as_of=AS_OF)
    assert {c.source for c in brief.citations} == {PLAYBOOK}
    sections = {c.section for c in brief.citations}
    assert "Internal transition meeting between AE and CSM" in sections
    assert "Customer intro call with CSM and renewal rep" in sections
    playbook = (Path(context.settings.playbooks_dir) / "ae-to-csm-transition.md").read_text(encoding="utf-8")
    assert all(c.text.split("\n\n", 1)[-1][:80] in playbook for c in brief.citations)
    internal = " ".join(item.text for item in brief.internal_meeting_agenda)
    assert "6 commitments" in internal and "Karen Lund (detractor)" in internal
    intro = brief.intro_call_agenda
    assert "Olivia Brooks" in intro[0].text and "Natalie Chen" in intro[0].text
    assert any("why they bought" in item.text and item.sources for item in intro)
    guided = [item.guidance for item in brief.internal_meeting_agenda + intro if item.guidance]
    assert all(g.startswith(PLAYBOOK) for g in guided) and guided


def test_team_comes_from_the_roster(context: HandoffContext) -> None:
    team = {
        a.role: a for a in build_brief("H", halvorsen_sources(), context=context, as_of=AS_OF).assignments
    }
    assert (team["account_executive"].name, team["csm"].name, team["renewal_rep"].name) == (
        "Hannah Whitfield",
        "Olivia Brooks",
        "Natalie Chen",
    )
    assert team["account_executive"].sources and "rollout" in team["csm"].reason
    spanish = {
        a.role: a.name for a in build_brief("B", [deal(SPANISH)], context=context, as_of=AS_OF).assignments
    }
    assert spanish == {
        "account_executive": "Santiago Herrera",
        "csm": "Rafael Souza",
        "renewal_rep": "Ahmed Karimi",
    }
    emea = {a.role: a.name for a in build_brief("N", [deal(PROSE)], context=context, as_of=AS_OF).assignments}
    assert emea["renewal_rep"] == "Ahmed Karimi" and "account_executive" not in emea
    named = {a.role: a for a in build_brief("C", [deal(NAMED_CSM)], context=context, as_of=AS_OF).assignments}
    assert named["csm"].name == "Rafael Souza" and named["csm"].sources


@pytest.mark.parametrize(
    ("notes", "keep", "cited"),
    [
        pytest.param(None, True, True, id="halvorsen_deferred_addon_partial_rollout"),
        pytest.param(SPANISH, True, True, id="four_of_thirteen_hotels"),
        pytest.param(ONE_SIGNAL, False, True, id="one_signal_only"),
        pytest.param(PROSE, False, False, id="no_signal"),
    ],
)
def test_holdout_advice(context: HandoffContext, notes: str | None, keep: bool, cited: bool) -> None:
    sources = halvorsen_sources() if notes is None else [deal(notes)]
    holdout = build_brief("A", sources, context=context, as_of=AS_OF).holdout
    assert holdout.keep is keep
    assert bool(holdout.sources) is cited
    assert holdout.reason.startswith("Keep" if keep else "Hand over fully")


def test_markdown_is_ready_to_paste(context: HandoffContext) -> None:
    notes = (
        "Products: Core Platform.\nRisk: <img src=x onerror=alert(1)> *their* [link](http://x) may churn.\n"
    )
    brief = build_brief(
        "Halvorsen <Bank>",
        [*halvorsen_sources(), deal(notes, id="deal-notes-2")],
        context=context,
        as_of=AS_OF,
    )
    markdown = render_markdown(brief)
    for title in SECTION_TITLES.values():
        assert f"## {title}" in markdown
    for heading in (
        "## Stakeholders",
        "## Open questions for the AE",
        "## Internal transition meeting",
        "## Customer intro call",
        "## Team after signature",
        "## Land-and-expand holdout",
    ):
        assert heading in markdown
    assert "- Price: \\$172,000 per year [deal notes 2026-11-20]" in markdown
    assert "[deal notes 2026-11-20 #2]" in markdown, "two sources with one label get distinct refs"
    assert "- [ ] " in markdown or not brief.open_questions
    assert not re.search(r"(?<!\\)<", markdown), "no raw HTML: every < from the notes is escaped"
    assert "\\<img" in markdown and "Halvorsen \\<Bank\\>" in markdown
    assert "\\[link\\](http\u2060://x)" in markdown and "\\*their\\*" in markdown


def test_json_round_trips(context: HandoffContext) -> None:
    brief = build_brief("Halvorsen Regional Bank", halvorsen_sources(), context=context, as_of=AS_OF)
    payload = json.loads(brief.model_dump_json())
    assert payload["holdout"]["keep"] is True and payload["metadata"]["as_of"] == "2026-11-20"
    assert payload["commitments"][0]["due"] == "2027-03-31"
    assert TransitionBrief.model_validate(payload) == brief


def test_a_ref_to_an_unknown_source_is_refused(context: HandoffContext) -> None:
    payload = build_brief("H", halvorsen_sources(), context=context, as_of=AS_OF).model_dump(mode="json")
    payload["risks"][0]["sources"][0]["source_id"] = "made-up"
    with pytest.raises(ValueError, match="unknown sources: made-up"):
        TransitionBrief.model_validate(payload)


NODES = [
    "gather_sources",
    "read_deal",
    "verify_lines",
    "assign_team",
    "retrieve_playbooks",
    "draft_agendas",
    "compose_brief",
]


def test_progress_streams_node_by_node(
    context: HandoffContext, knowledge: Knowledge, settings: Settings
) -> None:
    graph = compile_handoff_graph()
    state: HandoffInput = {"account": "H", "sources": halvorsen_sources(), "as_of": AS_OF}
    assert [node for chunk in graph.stream(state, context=context) for node in chunk] == NODES
    bare = HandoffContext(knowledge, OfflineDealReader(), settings, None)
    skipped = [node for chunk in graph.stream(state, context=bare) for node in chunk]
    assert skipped == [node for node in NODES if node != "retrieve_playbooks"]
    assert set(NODES) <= set(build_handoff_graph().compile().get_graph().nodes)


def test_bad_input_is_refused_and_blank_sources_are_warned(context: HandoffContext) -> None:
    with pytest.raises(HandoffInputError, match="deal notes"):
        build_brief("H", [deal("   \n")], context=context, as_of=AS_OF)
    with pytest.raises(HandoffInputError, match="share the id deal-notes-1"):
        build_brief(
            "H", [deal("Products: Core Platform."), deal("Seats: 40 users.")], context=context, as_of=AS_OF
        )
    brief = build_brief(
        "H",
        [deal("  "), deal("Products: Core Platform.\x00", id="deal-notes-2")],
        context=context,
        as_of=AS_OF,
    )
    assert any("empty and was skipped" in w for w in brief.warnings)
    assert any("control characters" in w for w in brief.warnings)


class _InventingReader:
    """A reader that returns one true line and one line quoting words that are not in the notes."""

    name = "inventing"

    def read(
        self,
        sources: list[SourceDocument],
        knowledge: Knowledge,
        as_of: dt.date,
        passages: list[PlaybookPassage],
    ) -> DealReading:
        reading = OfflineDealReader().read(sources, knowledge, as_of, passages)
        invented = BriefLine(
            text="They were promised a free year",
            sources=[SourceRef(source_id="deal-notes-1", quote="a free year of premium support")],
        )
        wrong_source = BriefLine(
            text="Kickoff in January",
            sources=[SourceRef(source_id="call-notes-1", quote="Kickoff in the week of 18 January 2027.")],
        )
        reading.lines["commitments"] = [*reading.lines["commitments"], invented, wrong_source]
        return reading


def test_lines_with_unverifiable_quotes_are_dropped(knowledge: Knowledge, settings: Settings) -> None:
    context = HandoffContext(knowledge, _InventingReader(), settings, None)
    sources = halvorsen_sources()
    brief = build_brief("H", sources, context=context, as_of=AS_OF)
    assert not any("free year" in line.text for line in brief.commitments)
    assert not any(line.text == "Kickoff in January" for line in brief.commitments)
    assert brief.metadata.dropped_lines == 2
    assert any(w.startswith("2 line(s) were dropped") for w in brief.warnings)
    assert_every_line_sourced(brief, sources)
