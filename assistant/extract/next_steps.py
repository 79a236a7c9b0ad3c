"""The notes' own next steps: which clauses are action items, who does what, and by when.

The document reader marks the lines under "Action items:" or "Next steps:" as `action_item`;
reps also write shorthand the reader leaves as statements ("nxt: demo w/ CFO 3/18", "send
pricing", "f/u next week", "next steps: I'll send pricing" inside a sentence). This module
finds both without changing any clause's kind, so the criterion readers read what they read
before. Every field keeps the notes' words: `what`, `who` and `when` are slices of the clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.extract.dates import find_timeframes
from assistant.extract.day_dates import find_days
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.formats_lexicon import ACTION_LABELS
from assistant.text.fold import fold

_SHORTHAND_LABELS = frozenset(
    {
        *(fold(label) for label in ACTION_LABELS),
        *[
            "nxt",
            "nxt step",
            "nxt steps",
            "next",
            "ns",
            "f/u",
            "fu",
            "f/up",
            "ai",
            "ais",
            "to-do",
            "next actions",
            "pendientes",
            "pendiente",
            "tareas",
            "siguientes pasos",
            "proximos pasos",
            "proximo paso",
            "seguimiento",
            "acuerdos",
        ],
    }
)
_LEADING_LABEL = re.compile(r"^\s*([a-z/ -]{1,20}?)\s*[:\-]\s+")
_INLINE_LABEL = re.compile(
    r"\b(?:next steps?|nxt|action items?|f/u|follow[- ]ups?|proximos pasos|siguientes pasos)\s*:\s*"
)
_ACTION_START = re.compile(
    r"^(?:f/u|f/up|fu|follow[- ]?up|send|resend|schedule|book|set up|setup|share|loop in|circle back|"
    r"call back|reach out|check in|enviar|mandar|agendar|programar|volver a llamar|dar seguimiento|"
    r"compartir|reagendar)\b"
)
_ACTOR = re.compile(
    r"^(?P<who>(?:[A-Z][\w&.'-]*)(?: [A-Z][\w&.'-]*){0,3}|I|we|they|he|she)"
    r"(?: to| will|'ll|’ll| va a| van a)\s+",
)
_FIRST_PERSON = frozenset({"I", "we"})
_LEAD_WORDS = re.compile(
    r"(?:\b(?:by|before|on|until|no later than|para el|antes del?|el)\s+)$", re.IGNORECASE
)
_DUE_SPAN_DAYS = 31  # a period wider than a month ("in 2027") is a time, not a due date


@dataclass(frozen=True)
class NextStep:
    """One next step as the notes say it: what, who, when (as said), the date due, the clause."""

    what: str
    who: str
    when: str
    due: date | None
    evidence: str
    start: int


def _action_offset(clause: Clause) -> int | None:
    """Where the action's own words start in the clause, or None when it is no next step."""
    folded = fold(clause.text)
    label = _LEADING_LABEL.match(folded)
    if label and label.group(1).strip() in _SHORTHAND_LABELS:
        return label.end()
    if clause.kind == "action_item":
        return 0
    inline = _INLINE_LABEL.search(folded)
    if inline and inline.end() < len(folded):
        return inline.end()
    if clause.speaker is None and clause.kind == "statement" and _ACTION_START.match(folded):
        return 0
    return None


def _actor(text: str, clause: Clause) -> tuple[str, str]:
    """(who, what): "Tom to send the SOC 2 report" is Tom's; "I'll send" is the speaker's."""
    match = _ACTOR.match(text)
    if match is None:
        return "", text
    who = match.group("who")
    if who in _FIRST_PERSON and clause.speaker:
        who = clause.speaker  # "I'll send it" in a transcript: the speaker, by name
    return who, text[match.end() :]


def _when(text: str, call_date: date, day_first: bool) -> tuple[str, date | None]:
    """The first time the step names, as said (with its "by"), and its date when it names one."""
    span = timedelta(_DUE_SPAN_DAYS)
    mentions: list[tuple[int, int, date | None]] = [
        (m.start, m.end, m.latest if m.latest - m.earliest <= span else None)
        for m in find_timeframes(text, call_date)
    ]
    mentions += [(m.start, m.end, m.day) for m in find_days(text, call_date, day_first=day_first)]
    mentions.sort(key=lambda mention: (mention[0], -mention[1]))
    if not mentions:
        return "", None
    start, end, due = mentions[0]
    lead = _LEAD_WORDS.search(text[max(0, start - 16) : start])
    if lead:
        start -= len(lead.group(0))
    return text[start:end], due


def find_next_steps(doc: NoteDocument, call_date: date, *, day_first: bool = False) -> list[NextStep]:
    """Every next step in the notes, in note order; `day_first` reads "3/4" as 3 April."""
    steps: list[NextStep] = []
    for clause in doc.clauses:
        offset = _action_offset(clause)
        if offset is None:
            continue
        action = clause.text[offset:].strip()
        if len(action) < 3:
            continue
        who, what = _actor(action, clause)
        when, due = _when(what, call_date, day_first)
        steps.append(NextStep(what.rstrip(" .;"), who, when, due, clause.text, clause.start))
    return steps
