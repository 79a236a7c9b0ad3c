"""The transition brief: the AE's handoff of a won account to Customer Success and Renewals.

The graph that runs it lives in assistant/handoff/graph.py.
"""

from __future__ import annotations

from assistant.handoff.reading import DealReader, DealReading, OfflineDealReader
from assistant.handoff.render import render_markdown
from assistant.handoff.schemas import (
    AgendaItem,
    Assignment,
    BriefLine,
    HoldoutAdvice,
    SourceDocument,
    SourceRef,
    Stakeholder,
    TransitionBrief,
)
from assistant.handoff.sources import notes_source, qualification_source

__all__ = [
    "AgendaItem",
    "Assignment",
    "BriefLine",
    "DealReader",
    "DealReading",
    "HoldoutAdvice",
    "OfflineDealReader",
    "SourceDocument",
    "SourceRef",
    "Stakeholder",
    "TransitionBrief",
    "notes_source",
    "qualification_source",
    "render_markdown",
]
