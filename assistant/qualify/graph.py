"""The qualify graph: normalise, extract, score, retrieve, recommend, compose.

Dependencies (knowledge, engine, playbook library, settings) arrive as the run's context, so
the LLM engine plugs in without touching the graph, and tests pass their own.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Literal

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from assistant.domain import CriterionName
from assistant.extract.document import read_notes
from assistant.extract.language import detect_language, language_warning
from assistant.library.citations import Citation
from assistant.library.passages import PlaybookPassage, as_passages
from assistant.qualify.context import QualifyContext
from assistant.qualify.questions import asking_for, choose_questions, compose_questions, plan_queries
from assistant.qualify.recommend import recommend_specialists
from assistant.qualify.rubric import decide_verdict, find_gaps, judge, score_statuses
from assistant.qualify.schemas import QualificationReport, ReportMetadata, review_lines
from assistant.qualify.state import QualifyInput, QualifyOutput, QualifyState, QualifyUpdate
from assistant.qualify.summary import action_items, summarise
from assistant.text.decoding import clean_notes, require_words


def normalise_notes(state: QualifyState, runtime: Runtime[QualifyContext]) -> QualifyUpdate:
    """Clean characters, cap the length, and split the notes into clauses."""
    text, warnings = clean_notes(state["notes"], runtime.context.settings.max_note_chars)
    require_words(text)
    unreadable = language_warning(text)
    if unreadable and runtime.context.engine.name == "offline":
        warnings.append(unreadable)
    return {"document": read_notes(text), "warnings": warnings, "started": time.perf_counter()}


def extract_criteria(state: QualifyState, runtime: Runtime[QualifyContext]) -> QualifyUpdate:
    """Let the injected engine read each criterion."""
    context = runtime.context
    passages = _context_passages(context) if context.engine.name != "offline" else []
    extraction = context.engine.extract(state["document"], state["call_date"], context.knowledge, passages)
    return {"extraction": extraction, "warnings": list(extraction.warnings)}


CONTEXT_QUERY = "qualification rubric: how to judge title, problem, industry, size, budget and timeline"


def _context_passages(context: QualifyContext) -> list[PlaybookPassage]:
    """Rubric guidance for a model engine's prompt (the offline rules need none)."""
    if context.library is None:
        return []
    hits = context.library.search_many([CONTEXT_QUERY], k=3)[0]
    return as_passages(hits)


def score_criteria(state: QualifyState, runtime: Runtime[QualifyContext]) -> QualifyUpdate:
    """Judge each finding by the rubric, then score and decide the verdict."""
    rubric = runtime.context.knowledge.rubric
    criteria = {name: judge(f, rubric) for name, f in state["extraction"].findings.items()}
    statuses = {name: result.status for name, result in criteria.items()}
    score = score_statuses(statuses, rubric)
    return {
        "criteria": criteria,
        "score": score,
        "verdict": decide_verdict(statuses, score, rubric),
        "gaps": find_gaps(statuses),
    }


def recommend(state: QualifyState, runtime: Runtime[QualifyContext]) -> QualifyUpdate:
    """Name the specialists the notes call for (nobody when disqualified)."""
    industry = state["extraction"].findings["industry"]
    recommendations = recommend_specialists(
        state["document"],
        runtime.context.knowledge,
        state["verdict"],
        industry.industry_key,
        str(industry.value) if industry.value else None,
    )
    return {"recommendations": recommendations, "roles": [r.role for r in recommendations]}


def retrieve_playbooks(state: QualifyState, runtime: Runtime[QualifyContext]) -> QualifyUpdate:
    """Search the playbook library for the gaps, the industry, the roles and the verdict."""
    industry = state["criteria"]["industry"]
    label = str(industry.value) if industry.status in ("met", "partial") and industry.value else None
    plan = plan_queries(state["gaps"], state["verdict"], label, state.get("roles", []))
    library = runtime.context.library
    if library is None:
        return {"plan": plan, "passages": [[] for _ in plan.queries]}
    hits = library.search_many(plan.queries, k=runtime.context.settings.retrieval_k)
    passages = [as_passages(row) for row in hits]
    return {"plan": plan, "passages": passages}


def _next_questions(state: QualifyState, context: QualifyContext) -> tuple[list[str], list[Citation], str]:
    """The questions for the costliest gaps in the notes' language, their citations, the language."""
    knowledge, limit = context.knowledge, context.settings.max_next_questions
    asking = asking_for(state["criteria"], knowledge.rubric, detect_language(state["document"].raw))

    def choose(retrieved: Mapping[CriterionName, Sequence[str]]) -> list[str]:
        return choose_questions(
            asking,
            knowledge.questions,
            knowledge.rubric,
            limit,
            model=state["extraction"].next_questions,
            retrieved=retrieved if asking.language == "en" else None,  # the playbooks are English
        )

    questions, citations = compose_questions(state["plan"], state["passages"], choose)
    return questions, citations, asking.language


def compose_report(state: QualifyState, runtime: Runtime[QualifyContext]) -> QualifyOutput:
    """Assemble the report of SPEC section 4."""
    extraction = state["extraction"]
    questions, citations, language = _next_questions(state, runtime.context)
    metadata = ReportMetadata(
        call_date=state["call_date"],
        rubric_version=runtime.context.knowledge.rubric.version,
        elapsed_ms=round((time.perf_counter() - state["started"]) * 1000, 1),
        llm=extraction.usage,
        disagreements=extraction.disagreements,
        language=language,
    )
    report = QualificationReport(
        criteria=state["criteria"],
        score=state["score"],
        verdict=state["verdict"],
        summary=summarise(state["document"], state["criteria"], state["call_date"]),
        gaps=state["gaps"],
        next_questions=questions,
        action_items=action_items(state["document"], state["call_date"]),
        recommendations=state.get("recommendations", []),
        citations=citations,
        engine=extraction.engine,
        warnings=list(dict.fromkeys(state.get("warnings", []))),
        metadata=metadata,
        review=review_lines(state["criteria"], extraction.review),
    )
    return {"report": report}


def route_after_scoring(state: QualifyState) -> Literal["recommend", "retrieve_playbooks"]:
    """A disqualified lead gets no specialists, so it skips straight to retrieval."""
    return "retrieve_playbooks" if state["verdict"] == "disqualified" else "recommend"


def build_qualify_graph() -> StateGraph[QualifyState, QualifyContext, QualifyInput, QualifyOutput]:
    """The graph's shape; compile it with or without a checkpointer."""
    graph = StateGraph(
        QualifyState,
        context_schema=QualifyContext,
        input_schema=QualifyInput,
        output_schema=QualifyOutput,
    )
    graph.add_node("normalise_notes", normalise_notes)
    graph.add_node("extract_criteria", extract_criteria)
    graph.add_node("score_criteria", score_criteria)
    graph.add_node("recommend", recommend)
    graph.add_node("retrieve_playbooks", retrieve_playbooks)
    graph.add_node("compose_report", compose_report)
    graph.add_edge(START, "normalise_notes")
    graph.add_edge("normalise_notes", "extract_criteria")
    graph.add_edge("extract_criteria", "score_criteria")
    graph.add_conditional_edges("score_criteria", route_after_scoring)
    graph.add_edge("recommend", "retrieve_playbooks")
    graph.add_edge("retrieve_playbooks", "compose_report")
    graph.add_edge("compose_report", END)
    return graph


@cache
def compile_qualify_graph() -> CompiledStateGraph[QualifyState, QualifyContext, QualifyInput, QualifyOutput]:
    """The compiled graph, built once per process and shared by every run."""
    return build_qualify_graph().compile()
