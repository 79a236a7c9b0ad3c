"""What a qualify run depends on, injected by the caller; and the one place that picks offline or LLM."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.knowledge.load import Knowledge
from assistant.library.passages import PassageSearch
from assistant.llm.gateway import LLMGateway
from assistant.qualify.engine import OfflineEngine, QualificationEngine
from assistant.qualify.llm_engine import LLMEngine
from assistant.settings import Settings


@dataclass(frozen=True)
class QualifyContext:
    """Everything a run depends on, injected by the caller."""

    knowledge: Knowledge
    engine: QualificationEngine
    settings: Settings
    library: PassageSearch | None = None


def choose_engine(settings: Settings) -> QualificationEngine:
    """The LLM engine when a model is configured, else the offline rules (no key, no network)."""
    if settings.model:
        return LLMEngine(LLMGateway(settings), OfflineEngine(time_budget_s=settings.note_time_budget_s))
    return OfflineEngine(time_budget_s=settings.note_time_budget_s)
