"""Call notes of any format split into clauses that keep their offsets, party and kind.

Every quote stays a verbatim slice of the raw text; every reader asks this module whose words a
clause holds (prospect, seller, a neutral note) and what kind of line it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from assistant.extract.formats import scan
from assistant.extract.formats_lexicon import ACTION_LABELS, CONTENT_LABELS, LABEL, METADATA_LABELS
from assistant.extract.formats_segments import Format, Segment
from assistant.extract.parties import (
    QUESTION_START,
    SELLER_META,
    SELLER_TAGS,
    Party,
    note_party,
    speaker_parties,
    speech_party,
)
from assistant.text.fold import fold

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'“(¿¡]?[A-ZÁÉÍÓÚÑ0-9\[])|(?<=;)\s+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|inc|corp|co|ltd|dr|mr|mrs|ms|st|vs|approx|aprox|etc|jr|sr|no|dept|est)"
    r"|\b[A-Z])\.$",
    re.IGNORECASE,
)
OUR_SIDE = SELLER_TAGS
ClauseKind = Literal[
    "statement", "question", "answer", "metadata", "attendee", "signature", "action_item", "heading", "quoted"
]
# Kinds that never carry a buying date: headers, who attended, next steps, signatures, quoted mail.
NOT_TIMELINE: frozenset[str] = frozenset(
    {"metadata", "attendee", "action_item", "heading", "signature", "quoted"}
)


@dataclass(frozen=True)
class Clause:
    """A sentence or clause of the notes: where it sits, who said it, and what kind of line it is.

    `asked` is the other side's question this clause answers: context for reading a short answer
    ("Not yet."), never evidence itself.
    """

    start: int
    end: int
    text: str
    line: int
    speaker: str | None
    label: str | None
    party: Party = "note"
    kind: ClauseKind = "statement"
    asked: str = ""

    @property
    def ours(self) -> bool:
        """Said by our own rep (an SDR's question is not evidence about the prospect)."""
        return self.party == "seller"

    @property
    def reading(self) -> str:
        """The question and the answer together, for cues a short answer leaves implicit."""
        return f"{self.asked} {self.text}" if self.asked else self.text


@dataclass(frozen=True)
class NoteDocument:
    """The notes as read: raw text, clauses with offsets and parties, and the note's format."""

    raw: str
    clauses: tuple[Clause, ...]
    format: Format = "notes"

    @cached_property
    def prospect_clauses(self) -> tuple[Clause, ...]:
        """Clauses that can carry evidence about the prospect: not the seller's, not a signature."""
        return tuple(c for c in self.clauses if not c.ours and c.kind != "signature")

    @cached_property
    def timeline_clauses(self) -> tuple[Clause, ...]:
        """Prospect clauses that may state a buying date (no headers, attendee lists or next steps)."""
        return tuple(c for c in self.prospect_clauses if c.kind not in NOT_TIMELINE)

    @cached_property
    def _by_text(self) -> dict[str, Clause]:
        found: dict[str, Clause] = {}
        for clause in self.clauses:
            found.setdefault(clause.text, clause)
        return found

    def party_of(self, quote: str) -> Party | None:
        """The party of the clause a quote was taken from, if it is one clause's text."""
        clause = self._by_text.get(quote)
        return clause.party if clause else None


def _split_sentences(text: str, base: int) -> list[tuple[int, int]]:
    """Sentence spans of one line, without splitting after abbreviations or initials."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[cursor : match.start()]
        if _ABBREVIATIONS.search(head):
            continue
        spans.append((base + cursor, base + match.start()))
        cursor = match.end()
    spans.append((base + cursor, base + len(text)))
    return spans


def _sentence_label(text: str) -> str | None:
    match = LABEL.match(text)
    if match and match.group(1).strip().lower() in CONTENT_LABELS:
        return match.group(1).strip().lower()
    return None


def _kind(segment: Segment, text: str, label: str | None) -> ClauseKind:
    """A clause's kind from its segment, its own label and its punctuation."""
    if segment.kind != "statement":
        return segment.kind
    if label in ACTION_LABELS:
        return "action_item"
    if label in METADATA_LABELS:
        return "metadata"
    stripped = text.rstrip(" )\"'”")
    if segment.speaker == "speech" and QUESTION_START.match(fold(text)):
        return "question"
    return "question" if stripped.endswith("?") or text.startswith("¿") else "statement"


def _party(segment: Segment, folded: str, speakers: dict[str, Party]) -> Party:
    if segment.speaker == "speech":
        return speech_party(folded)
    if segment.speaker in speakers:
        return speakers[segment.speaker]
    if segment.speaker:
        return speakers.get(segment.speaker, "unknown")
    if segment.kind == "attendee":
        return "seller" if SELLER_META.search(fold(segment.meta or "")) else "prospect"
    if segment.kind in ("signature", "quoted"):
        return "unknown"
    return note_party(folded)


def _segment_clauses(raw: str, segment: Segment, speakers: dict[str, Party]) -> list[Clause]:
    clauses = []
    for index, (start, end) in enumerate(_split_sentences(raw[segment.start : segment.end], segment.start)):
        text = raw[start:end].strip()
        if not text:
            continue
        lead = raw[start:end].index(text)
        # "Budget: $150k. Timeline: Q1." - a sentence's own label beats the line's.
        own = _sentence_label(text) if index or segment.speaker else None
        label = own or segment.label
        folded = fold(text)
        clauses.append(
            Clause(
                start + lead,
                start + lead + len(text),
                text,
                segment.line,
                segment.speaker,
                label,
                _party(segment, folded, speakers),
                _kind(segment, text, own),
            )
        )
    return clauses


def _link_answers(clauses: list[Clause]) -> list[Clause]:
    """Give the first clauses of a reply the question the other side asked just before."""
    linked: list[Clause] = []
    asked, asker, replier, count = "", None, None, 0
    for clause in clauses:
        key = (clause.speaker, clause.party)
        if clause.kind in ("attendee", "metadata"):
            linked.append(clause)
            continue
        if clause.kind == "question" and clause.party != "prospect":
            asked, asker, replier, count = clause.text, key, None, 0
        elif asked and key != asker and clause.kind == "statement" and replier in (None, key) and count < 3:
            replier, count = key, count + 1
            clause = replace(clause, asked=asked, kind="answer")
        elif key != asker:
            asked = ""
        linked.append(clause)
    return linked


def read_notes(raw: str) -> NoteDocument:
    """Read any note format into clauses that know their offsets, party and kind."""
    fmt, segments = scan(raw)
    speakers = speaker_parties(raw, segments)
    clauses = [clause for segment in segments for clause in _segment_clauses(raw, segment, speakers)]
    return NoteDocument(raw=raw, clauses=tuple(_link_answers(clauses)), format=fmt)
