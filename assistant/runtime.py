"""The assistant as the CLI, the UI and the account jobs use it: settings, knowledge, library, engine and graphs, built once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assistant.knowledge.load import Knowledge, cached_knowledge
from assistant.library.models import IndexStorageError
from assistant.library.passages import PassageSearch
from assistant.qualify.context import QualifyContext, choose_engine
from assistant.qualify.engine import QualificationEngine
from assistant.qualify.graph import compile_qualify_graph
from assistant.qualify.schemas import QualificationReport, call_date_problem
from assistant.qualify.state import QualifyInput
from assistant.settings import Settings
from assistant.text.decoding import InputError

if TYPE_CHECKING:
    from assistant.library.playbook_library import IngestReport, PlaybookLibrary

Notify = Callable[[str], None]


def _silent(message: str) -> None:
    """Default notifier: say nothing."""


class Assistant:
    """One configured assistant: knowledge, engine, playbook library and the qualify graph."""

    def __init__(
        self,
        settings: Settings,
        *,
        engine: QualificationEngine | None = None,
        notify: Notify = _silent,
    ) -> None:
        self.settings = settings
        self._engine = engine
        self._notify = notify
        self._graph = compile_qualify_graph()
        self.library_warning: str | None = None
        """Why jobs run without playbook passages (the index's disk cannot take writes), or None."""

    @property
    def knowledge(self) -> Knowledge:
        """Knowledge files, reloaded when enablement edits them."""
        return cached_knowledge(self.settings.knowledge_dir)

    @cached_property
    def engine(self) -> QualificationEngine:
        """The injected engine, or the one the settings ask for (LLM when a model is set)."""
        if self._engine is not None:
            return self._engine
        return choose_engine(self.settings)

    @cached_property
    def library(self) -> PlaybookLibrary:
        """The playbook library, indexed from the shipped playbooks on first use."""
        from assistant.library.playbook_library import PlaybookLibrary

        library = PlaybookLibrary(self.settings)
        if library.read_only:
            self._notify(
                f"The playbook index cannot take writes ({library.read_only}); searching a temporary copy of it."
            )
        if not library.looks_indexed():
            self._notify(f"Indexing the playbooks in {self.settings.playbooks_dir} (first run)…")
            report: IngestReport | None = library.ensure_ready()
            if report is not None:
                self._notify(f"Indexed {report.documents} playbooks as {report.chunks} passages.")
                library.prepare_queries(templated_queries(self.knowledge))
                for problem in report.errors:  # a damaged file is skipped; the others still answer
                    self._notify(f"skipped: {problem}")
        return library

    def passage_search(self) -> PassageSearch | None:
        """The library for a job's playbook passages, or None (and `library_warning`) when the index's disk
        cannot take writes and there is no index to search: the job then runs without passages."""
        if self.library_warning is not None:
            return None
        try:
            return self.library
        except IndexStorageError as exc:
            self.library_warning = f"no playbook passages: {exc}"
            self._notify(self.library_warning)
            return None

    def context(self) -> QualifyContext:
        """The dependencies one graph run needs."""
        return QualifyContext(
            knowledge=self.knowledge,
            engine=self.engine,
            settings=self.settings,
            library=self.passage_search(),
        )

    def qualify(self, notes: str, call_date: dt.date | None = None) -> QualificationReport:
        """Qualify one set of notes; relative dates count from `call_date` (default today)."""
        state = _input(notes, call_date)
        result = self._graph.invoke(state, context=self.context())
        report: QualificationReport = result["report"]
        return self._warned(report)

    def _warned(self, report: QualificationReport) -> QualificationReport:
        """The report with the reason it has no playbook passages, when the index could not be used."""
        if self.library_warning and self.library_warning not in report.warnings:
            report.warnings.append(self.library_warning)
        return report

    def stream_qualify(
        self, notes: str, call_date: dt.date | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield (node name, state update) as each graph node finishes, for live progress."""
        state = _input(notes, call_date)
        for chunk in self._graph.stream(state, context=self.context(), stream_mode="updates"):
            for node, update in chunk.items():
                if isinstance((update or {}).get("report"), QualificationReport):
                    self._warned(update["report"])
                yield node, update or {}


def templated_queries(knowledge: Knowledge) -> list[str]:
    """Every retrieval query the three jobs ask from templates: embedded at ingest (or served from
    the shipped vectors), so no job loads the embedding model for them."""
    from assistant.handoff.agenda import templated_queries as handoff_queries
    from assistant.qualify.graph import CONTEXT_QUERY
    from assistant.qualify.questions import templated_queries as qualify_queries
    from assistant.renewal.talking_points import templated_queries as renewal_queries

    queries = [CONTEXT_QUERY, *qualify_queries(knowledge.rubric), *handoff_queries(), *renewal_queries()]
    return list(dict.fromkeys(queries))


def _input(notes: str, call_date: dt.date | None) -> QualifyInput:
    """The graph's input; an impossible call date (9999-12-31, before 1990) is refused here, once."""
    day = call_date or dt.date.today()
    if problem := call_date_problem(day):
        raise InputError(problem)
    return {"notes": notes, "call_date": day}
