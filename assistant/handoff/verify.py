"""Nothing reaches the brief unless its quotes are verbatim spans of the sources they cite.

Whitespace is normalised and case ignored (a model may re-wrap a line), nothing else: a quote
that is paraphrased, invented, or attributed to the wrong source drops its line, and the count
of dropped lines goes into the brief's warnings.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.handoff.schemas import BriefLine, SourceDocument, SourceRef, Stakeholder
from assistant.text.fold import squash

SourceIndex = Mapping[str, str]
"""Squashed source text by source id."""


def index_sources(sources: list[SourceDocument]) -> dict[str, str]:
    """Each source's text, squashed once for every check."""
    return {source.id: squash(source.text) for source in sources}


def ref_holds(ref: SourceRef, index: SourceIndex) -> bool:
    """Whether the quote is a verbatim span of the source it names."""
    text = index.get(ref.source_id)
    quote = squash(ref.quote)
    return text is not None and bool(quote) and quote in text


def verified_lines(lines: list[BriefLine], index: SourceIndex) -> tuple[list[BriefLine], int]:
    """Lines whose every quote holds; the number dropped."""
    kept = [line for line in lines if line.sources and all(ref_holds(ref, index) for ref in line.sources)]
    return kept, len(lines) - len(kept)


def verified_stakeholders(people: list[Stakeholder], index: SourceIndex) -> tuple[list[Stakeholder], int]:
    """Stakeholders whose quotes hold and name them; the number dropped."""
    kept = [
        person
        for person in people
        if person.sources
        and all(ref_holds(ref, index) for ref in person.sources)
        and any(squash(person.name) in squash(ref.quote) for ref in person.sources)
    ]
    return kept, len(people) - len(kept)


def dropped_warning(count: int) -> list[str]:
    """The warning for lines that failed verification (none when nothing was dropped)."""
    if not count:
        return []
    return [f"{count} line(s) were dropped because their quotes were not found in the cited sources"]
