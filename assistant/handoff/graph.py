"""The handoff graph: the AE's transition brief for Customer Success and Renewals.

gather_sources → read_deal → verify_lines → assign_team ─┬▶ retrieve_playbooks ─▶ draft_agendas → compose_brief
                                                          └──(no library)──────────▲

The reader (offline rules or an LLM), the knowledge, the playbook library and the settings
arrive as the run's context, as in the qualify graph, so tests and the service pass their own.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import cache
from typing import Literal

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from assistant.extract.language import language_warning
from assistant.handoff.agenda import AGENDA_QUERIES, choose_guidance, internal_agenda, intro_agenda
from assistant.handoff.assign import assign_team as assign_people
from assistant.handoff.context import HandoffContext
from assistant.handoff.holdout import advise_holdout
from assistant.handoff.schemas import (
    BriefMetadata,
    SourceDocument,
    TransitionBrief,
)
from assistant.handoff.sources import free_id, qualification_source, source_info
from assistant.handoff.state import HandoffInput, HandoffOutput, HandoffState, HandoffUpdate
from assistant.handoff.tldr import tldr_lines
from assistant.handoff.unknowns import open_questions
from assistant.handoff.verify import dropped_warning, index_sources, verified_lines, verified_stakeholders
from assistant.library.citations import cite
from assistant.library.models import RetrievalError
from assistant.library.passages import PlaybookPassage, as_passages
from assistant.qualify.schemas import QualificationReport
from assistant.text.decoding import InputError, clean_notes

CONTEXT_QUERY = AGENDA_QUERIES["knowledge"]


class HandoffInputError(ValueError):
    """The brief cannot be built from what was given; the message says what to add."""


def _cleaned(sources: list[SourceDocument], limit: int) -> tuple[list[SourceDocument], list[str]]:
    """Sources with clean text (control characters out, length capped); empty ones skipped, with a warning."""
    documents, warnings = [], []
    for source in sources:
        try:
            text, cleaning = clean_notes(source.text, limit)
        except InputError:
            warnings.append(f"{source.label} is empty and was skipped")
            continue
        warnings += [f"{source.label}: {note}" for note in cleaning]
        documents.append(source.model_copy(update={"text": text}))
    return documents, warnings


def gather_sources(state: HandoffState, runtime: Runtime[HandoffContext]) -> HandoffUpdate:
    """Clean every source, add the saved qualification as one, and refuse an empty handoff."""
    documents, warnings = _cleaned(state["sources"], runtime.context.settings.max_note_chars)
    report = state.get("qualification")
    if report is not None:
        documents.append(
            qualification_source(report, id=free_id("qualification-1", {d.id for d in documents}))
        )
    ids = [d.id for d in documents]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise HandoffInputError(
            f"several sources share the id {', '.join(repeated)}; give each source its own id"
        )
    if not documents:
        raise HandoffInputError("nothing to build the brief from: give the AE's deal notes (or call notes)")
    unreadable = language_warning("\n".join(d.text for d in documents if d.kind != "qualification"))
    if unreadable and runtime.context.reader.name == "offline":
        warnings.append(unreadable)
    return {"documents": documents, "warnings": warnings, "started": time.perf_counter()}


def _context_passages(context: HandoffContext) -> list[PlaybookPassage]:
    """What must pass over at the transition, for a model reader's prompt (the rules need none)."""
    if context.library is None or context.reader.name == "offline":
        return []
    try:
        return as_passages(context.library.search_many([CONTEXT_QUERY], k=1, kind="transition")[0])
    except RetrievalError:
        return []


def read_deal(state: HandoffState, runtime: Runtime[HandoffContext]) -> HandoffUpdate:
    """Let the injected reader read the sources into cited lines, stakeholders and facts."""
    context = runtime.context
    reading = context.reader.read(
        state["documents"], context.knowledge, state["as_of"], _context_passages(context)
    )
    return {"reading": reading, "warnings": list(reading.warnings)}


def verify_lines(state: HandoffState) -> HandoffUpdate:
    """Drop every line or contact whose quote is not a verbatim span of the source it cites."""
    reading, index = state["reading"], index_sources(state["documents"])
    dropped = 0
    for name in list(reading.lines):
        reading.lines[name], count = verified_lines(reading.lines[name], index)
        dropped += count
    reading.stakeholders, count = verified_stakeholders(reading.stakeholders, index)
    dropped += count
    reading.lines = {name: lines for name, lines in reading.lines.items() if lines}
    reading.dropped += dropped
    return {"reading": reading, "warnings": dropped_warning(dropped)}


def assign_team(state: HandoffState, runtime: Runtime[HandoffContext]) -> HandoffUpdate:
    """The AE, a CSM and a renewal rep from the roster, and the holdout advice."""
    facts = state["reading"].facts
    return {"assignments": assign_people(facts, runtime.context.knowledge), "holdout": advise_holdout(facts)}


def retrieve_playbooks(state: HandoffState, runtime: Runtime[HandoffContext]) -> HandoffUpdate:
    """The transition playbook's passages on each meeting, the knowledge to pass over and holdouts."""
    library = runtime.context.library
    assert library is not None  # route_after_assign skips this node without a library
    keys = list(AGENDA_QUERIES)
    try:
        found = library.search_many([AGENDA_QUERIES[key] for key in keys], k=2, kind="transition")
    except RetrievalError as exc:
        return {"hits": {}, "warnings": [f"playbook search failed, agendas have no playbook guidance: {exc}"]}
    return {"hits": {key: as_passages(row) for key, row in zip(keys, found, strict=True)}}


def draft_agendas(state: HandoffState) -> HandoffUpdate:
    """Open questions from the gaps, then both meetings' agendas from the brief and the playbook."""
    reading, assignments = state["reading"], state["assignments"]
    questions = open_questions(reading, assignments)
    guidance = choose_guidance(state.get("hits", {}))
    return {
        "questions": questions,
        "internal_agenda": internal_agenda(reading, state["holdout"], questions, guidance),
        "intro_agenda": intro_agenda(reading, assignments, guidance),
    }


def compose_brief(state: HandoffState) -> HandoffOutput:
    """Assemble the TransitionBrief."""
    reading, documents = state["reading"], state["documents"]
    guidance = choose_guidance(state.get("hits", {}))
    used = [item.guidance for item in state["internal_agenda"] + state["intro_agenda"] if item.guidance]
    citations = [cite(p) for key, p in guidance.passages.items() if guidance.name(key) in used]
    metadata = BriefMetadata(
        as_of=state["as_of"],
        elapsed_ms=round((time.perf_counter() - state["started"]) * 1000, 1),
        llm=reading.usage,
        dropped_lines=reading.dropped,
        model_lines=reading.model_lines,
    )
    section = reading.section
    brief = TransitionBrief(
        account=state["account"],
        generated_on=state["as_of"],
        engine=reading.engine,
        sources=[source_info(d) for d in documents],
        tldr=tldr_lines(reading, state["assignments"], state["questions"]),
        snapshot=section("snapshot"),
        why_they_bought=section("why_they_bought"),
        stakeholders=reading.stakeholders,
        sold=section("sold"),
        commitments=section("commitments"),
        success_criteria=section("success_criteria"),
        first_90_days=section("first_90_days"),
        technical_context=section("technical_context"),
        risks=section("risks"),
        open_items=section("open_items"),
        open_questions=state["questions"],
        internal_meeting_agenda=state["internal_agenda"],
        intro_call_agenda=state["intro_agenda"],
        assignments=state["assignments"],
        holdout=state["holdout"],
        citations=list({(c.source, c.section): c for c in citations}.values()),
        warnings=list(dict.fromkeys(state.get("warnings", []))),
        metadata=metadata,
    )
    return {"brief": brief}


def route_after_assign(
    state: HandoffState, runtime: Runtime[HandoffContext]
) -> Literal["retrieve_playbooks", "draft_agendas"]:
    """Without a playbook library the agendas are drafted from the brief alone."""
    return "retrieve_playbooks" if runtime.context.library is not None else "draft_agendas"


def build_handoff_graph() -> StateGraph[HandoffState, HandoffContext, HandoffInput, HandoffOutput]:
    """The graph's shape; compile it with or without a checkpointer."""
    graph = StateGraph(
        HandoffState, context_schema=HandoffContext, input_schema=HandoffInput, output_schema=HandoffOutput
    )
    graph.add_node("gather_sources", gather_sources)
    graph.add_node("read_deal", read_deal)
    graph.add_node("verify_lines", verify_lines)
    graph.add_node("assign_team", assign_team)
    graph.add_node("retrieve_playbooks", retrieve_playbooks)
    graph.add_node("draft_agendas", draft_agendas)
    graph.add_node("compose_brief", compose_brief)
    graph.add_edge(START, "gather_sources")
    graph.add_edge("gather_sources", "read_deal")
    graph.add_edge("read_deal", "verify_lines")
    graph.add_edge("verify_lines", "assign_team")
    graph.add_conditional_edges("assign_team", route_after_assign)
    graph.add_edge("retrieve_playbooks", "draft_agendas")
    graph.add_edge("draft_agendas", "compose_brief")
    graph.add_edge("compose_brief", END)
    return graph


@cache
def compile_handoff_graph() -> CompiledStateGraph[HandoffState, HandoffContext, HandoffInput, HandoffOutput]:
    """The compiled graph, built once per process and shared by every run."""
    return build_handoff_graph().compile()


def build_brief(
    account: str,
    sources: list[SourceDocument],
    *,
    context: HandoffContext,
    qualification: QualificationReport | None = None,
    as_of: dt.date | None = None,
) -> TransitionBrief:
    """Run the graph once: the transition brief for `account` from its sources (as of today by default)."""
    state: HandoffInput = {
        "account": account,
        "sources": sources,
        "as_of": as_of or dt.date.today(),
        "qualification": qualification,
    }
    result = compile_handoff_graph().invoke(state, context=context)
    brief: TransitionBrief = result["brief"]
    return brief
