"""Where each criterion's evidence sits in the notes, so a reader sees it in its context.

Quotes are verbatim spans of the notes up to whitespace, so they are found with any run of
whitespace standing for any other; a quote that cannot be found is simply not highlighted.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from assistant.domain import CriterionName
from assistant.qualify.schemas import QualificationReport

MAX_HITS_PER_QUOTE = 20


@dataclass(frozen=True)
class NoteSegment:
    """A run of the notes and the criteria whose evidence covers it (empty: plain text)."""

    text: str
    criteria: tuple[CriterionName, ...] = ()


def quote_spans(notes: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where `quote` occurs in `notes`, whitespace-insensitively."""
    words = quote.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [match.span() for match in pattern.finditer(notes)][:MAX_HITS_PER_QUOTE]


def evidence_segments(notes: str, report: QualificationReport) -> list[NoteSegment]:
    """The notes cut into plain and highlighted runs, in order; overlaps list every criterion."""
    marks: list[tuple[int, int, CriterionName]] = [
        (start, end, name)
        for name, result in report.criteria.items()
        for quote in result.evidence
        for start, end in quote_spans(notes, quote)
    ]
    cuts = sorted({0, len(notes), *(m[0] for m in marks), *(m[1] for m in marks)})
    segments: list[NoteSegment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(dict.fromkeys(name for s, e, name in marks if s <= start and end <= e))
        if segments and segments[-1].criteria == covering:
            segments[-1] = NoteSegment(segments[-1].text + notes[start:end], covering)
        else:
            segments.append(NoteSegment(notes[start:end], covering))
    return segments
