"""Call notes split into clauses that keep their offsets, so every quote is a verbatim slice."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

_TIMESTAMP = re.compile(r"\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*(?:-->\s*\S+\s*)?")
_BULLET = re.compile(r"\s*(?:[-*•·–—>]+|\d{1,2}[.)])\s+")
_SPEAKER = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|SDR|BDR|AE|Rep|Me|Us|Prospect)\s*:\s+")
_LABEL = re.compile(r"([A-Za-zÁÉÍÓÚáéíóúñÑ][\w /&()-]{1,30}?)\s*:\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"'“(¿¡]?[A-ZÁÉÍÓÚÑ0-9\[])|(?<=;)\s+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|inc|corp|co|ltd|dr|mr|mrs|ms|st|vs|approx|aprox|etc|jr|sr|no|dept|est)"
    r"|\b[A-Z])\.$",
    re.IGNORECASE,
)
OUR_SIDE = frozenset({"sdr", "bdr", "ae", "rep", "me", "us", "sales", "seller", "interviewer"})
_WEBVTT_HEADER = re.compile(r"^\s*(WEBVTT.*|NOTE\b.*|\d+)\s*$")


@dataclass(frozen=True)
class Clause:
    """A sentence or clause of the notes, with where it sits and who said it."""

    start: int
    end: int
    text: str
    line: int
    speaker: str | None
    label: str | None

    @property
    def ours(self) -> bool:
        """Said by our own rep (an SDR's question is not evidence about the prospect)."""
        return self.speaker is not None and self.speaker.lower() in OUR_SIDE


@dataclass(frozen=True)
class NoteDocument:
    """The notes as read: raw text, clauses with offsets, and a folded copy for matching."""

    raw: str
    clauses: tuple[Clause, ...]

    @cached_property
    def prospect_clauses(self) -> tuple[Clause, ...]:
        """Clauses that can carry evidence about the prospect."""
        return tuple(clause for clause in self.clauses if not clause.ours)

    def clause_at(self, offset: int) -> Clause | None:
        """The clause containing a character offset of the raw text."""
        return next((c for c in self.clauses if c.start <= offset < c.end), None)


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


def _strip_prefixes(line: str) -> tuple[int, str | None, str | None]:
    """Skip timestamp, bullet and speaker tag; return the content offset, speaker and label."""
    offset = 0
    speaker = label = None
    for pattern in (_TIMESTAMP, _BULLET):
        match = pattern.match(line, offset)
        if match:
            offset = match.end()
    match = _SPEAKER.match(line, offset)
    if match and len(line) > match.end():
        speaker = match.group(1).strip()
        offset = match.end()
    label_match = _LABEL.match(line, offset)
    if label_match:
        label = label_match.group(1).strip().lower()
        if speaker and label_match.start() == offset and speaker.lower() == label:
            label = None
    if speaker and _looks_like_label(speaker):
        label, speaker = speaker.lower(), None
    return offset, speaker, label


_LABEL_WORDS = frozenset(
    ["budget", "problem", "pain", "timeline", "timing", "contact", "title", "company", "industry", "size", "notes", "next", "steps", "presupuesto", "problema", "plazo", "contacto", "empresa", "industria", "tamaño", "notas", "call", "note", "summary", "needs", "need", "decision", "authority"]
)


def _looks_like_label(word: str) -> bool:
    return word.lower() in _LABEL_WORDS


def _sentence_label(text: str) -> str | None:
    match = _LABEL.match(text)
    if match and _looks_like_label(match.group(1).strip()):
        return match.group(1).strip().lower()
    return None


def read_notes(raw: str) -> NoteDocument:
    """Split notes, bullet lists or transcripts (speaker tags, timestamps) into clauses."""
    clauses: list[Clause] = []
    position = 0
    for number, line in enumerate(raw.splitlines(keepends=True)):
        body = line.rstrip("\r\n")
        if body.strip() and not _WEBVTT_HEADER.match(body) and "-->" not in body:
            offset, speaker, label = _strip_prefixes(body)
            for index, (start, end) in enumerate(_split_sentences(body[offset:], position + offset)):
                text = raw[start:end].strip()
                if text:
                    lead = raw[start:end].index(text)
                    # "Budget: $150k. Timeline: Q1." - a sentence's own label beats the line's.
                    own = _sentence_label(text) if index else None
                    clauses.append(
                        Clause(start + lead, start + lead + len(text), text, number, speaker, own or label)
                    )
        position += len(line)
    return NoteDocument(raw=raw, clauses=tuple(clauses))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case and strip accents one character for one, so offsets survive folding.

    Cached: every reader folds the same clauses, and a batch repeats many of them.
    """
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(char) for char in text)
