"""What a handoff run depends on, injected by the caller; and the one place that picks offline or LLM."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.handoff.llm_reader import LLMDealReader
from assistant.handoff.reading import DealReader, OfflineDealReader
from assistant.knowledge.load import Knowledge
from assistant.library.passages import PassageSearch
from assistant.llm.gateway import LLMGateway
from assistant.settings import Settings


@dataclass(frozen=True)
class HandoffContext:
    """Everything a run depends on, injected by the caller."""

    knowledge: Knowledge
    reader: DealReader
    settings: Settings
    library: PassageSearch | None = None


def choose_reader(settings: Settings) -> DealReader:
    """The LLM deal reader when a model is configured, else the offline one."""
    if settings.model:
        return LLMDealReader(LLMGateway(settings))
    return OfflineDealReader()
