"""What a renewal run depends on, injected by the caller; and the one place that picks offline or LLM."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.knowledge.load import Knowledge
from assistant.library.passages import PassageSearch
from assistant.llm.gateway import LLMGateway
from assistant.renewal.advisor import OfflineRenewalAdvisor, RenewalAdvisor
from assistant.renewal.llm_advisor import LLMRenewalAdvisor
from assistant.settings import Settings


@dataclass(frozen=True)
class RenewalContext:
    """Everything a run depends on, injected by the caller."""

    knowledge: Knowledge
    advisor: RenewalAdvisor
    settings: Settings
    library: PassageSearch | None = None


def choose_advisor(settings: Settings) -> RenewalAdvisor:
    """The LLM advisor when a model is configured, else the offline one."""
    if settings.model:
        return LLMRenewalAdvisor(LLMGateway(settings))
    return OfflineRenewalAdvisor()
