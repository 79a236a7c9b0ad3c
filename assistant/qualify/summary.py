"""The report's summary and action items, taken from the notes, never written anew.

The summary is extractive for every engine: two or three spans of the prospect's (or the rep's
neutral) words that carry who they are, the problem, and budget or timeline, in note order. It
follows the criteria's evidence, so it says what the verdict rests on and nothing a reader did
not find; a model's wording would need checking, the notes' own words do not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from assistant.domain import CriterionName
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.language import detect_language
from assistant.extract.next_steps import find_next_steps
from assistant.qualify.schemas import ActionItem, CriterionResult
from assistant.text.fold import fold

GROUPS: tuple[tuple[CriterionName, ...], ...] = (
    ("title", "industry", "size"),
    ("problem",),
    ("budget", "timeline"),
)
"""What the summary tells, one sentence each: who the prospect is, the problem, money and time."""
MAX_SENTENCES = 3
MAX_SENTENCE_CHARS = 400
_SPEAKERS = frozenset({"prospect", "note"})
_KINDS = frozenset({"statement", "answer"})
_END = ".!?…"
_SHORT_WORDS = 4
_LABEL_BEFORE = re.compile(r"([^\W\d_][\w /&-]{0,30}?)\s*:\s*$")

Span = tuple[int, int]


def _occurrences(raw: str, quote: str, limit: int = 4) -> list[Span]:
    """Where a quote sits in the notes (a quote may repeat; a few places are plenty)."""
    spans: list[Span] = []
    start = raw.find(quote) if quote else -1
    while start >= 0 and len(spans) < limit:
        spans.append((start, start + len(quote)))
        start = raw.find(quote, start + 1)
    return spans


def _carried(clause: Clause, spans: Sequence[Span]) -> bool:
    return any(start < clause.end and clause.start < end for start, end in spans)


def _eligible(doc: NoteDocument, call_date: dt.date) -> list[bool]:
    """Per clause: the prospect's or the notes' statement, not a question, header or next step."""
    steps = {step.start for step in find_next_steps(doc, call_date)}
    return [c.party in _SPEAKERS and c.kind in _KINDS and c.start not in steps for c in doc.clauses]


def _label_start(raw: str, clause: Clause) -> int:
    """Start the sentence at its own label ("Problem: ...") so it reads as the notes wrote it."""
    if not clause.label:
        return clause.start
    line_start = raw.rfind("\n", 0, clause.start) + 1
    match = _LABEL_BEFORE.search(raw[line_start : clause.start])
    if match and fold(match.group(1)).strip() == clause.label:
        return line_start + match.start(1)
    return clause.start


def _best(doc: NoteDocument, eligible: list[bool], per_criterion: list[list[Span]]) -> int | None:
    """The eligible clause carrying most of the wanted criteria; on a tie a clause that reads on its
    own ("Not yet." needs its question), then the earliest."""
    scores = [
        sum(_carried(clause, spans) for spans in per_criterion) if ok else 0
        for clause, ok in zip(doc.clauses, eligible, strict=True)
    ]

    def rank(index: int) -> tuple[int, bool, int]:
        return scores[index], len(doc.clauses[index].text.split()) >= _SHORT_WORDS, -index

    best = max(range(len(scores)), key=rank, default=None)
    return best if best is not None and scores[best] else None


def _sentence(doc: NoteDocument, eligible: list[bool], index: int, spans: list[Span]) -> Span | None:
    """The clause joined with the carrying clauses right beside it on its line, within a length cap."""
    clauses, line = doc.clauses, doc.clauses[index].line

    def joins(earlier: int, later: int) -> bool:
        """Clauses of one sentence ("... is manual; 4 FTEs spend ..."), both carrying the group."""
        pair = (earlier, later)
        return (
            earlier >= 0
            and later < len(clauses)
            and all(eligible[i] and clauses[i].line == line and _carried(clauses[i], spans) for i in pair)
            and not _ends_sentence(clauses[earlier].text)
        )

    first = last = index
    while joins(first - 1, first):
        first -= 1
    while joins(last, last + 1):
        last += 1
    start, end = _label_start(doc.raw, clauses[first]), clauses[last].end
    if end - start > MAX_SENTENCE_CHARS:
        start, end = clauses[index].start, clauses[index].end
    return (start, end) if end - start <= MAX_SENTENCE_CHARS else None


def summary_spans(
    doc: NoteDocument, criteria: Mapping[CriterionName, CriterionResult], call_date: dt.date
) -> list[str]:
    """The summary's sentences, each a verbatim span of the notes, in note order.

    One sentence per group (who, problem, budget or timeline); when budget and timeline sit on
    different lines and there is room, the second of them gets its own sentence.
    """
    eligible = _eligible(doc, call_date)
    chosen: list[Span] = []
    for group in (*GROUPS, *((name,) for name in GROUPS[-1])):
        if len(chosen) >= MAX_SENTENCES:
            break
        per_criterion = [
            [s for q in criteria[name].evidence for s in _occurrences(doc.raw, q)] for name in group
        ]
        if any(_overlaps(span, chosen) for spans in per_criterion for span in spans) and len(group) == 1:
            continue  # already told by an earlier sentence
        index = _best(doc, eligible, per_criterion)
        found = (
            None if index is None else _sentence(doc, eligible, index, [s for p in per_criterion for s in p])
        )
        if found and not _overlaps(found, chosen):
            chosen.append(found)
    return [doc.raw[start:end] for start, end in sorted(chosen)]


def _overlaps(span: Span, chosen: Sequence[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in chosen)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" )\"'”’»")[-1:] in _END


def join_sentences(sentences: Sequence[str]) -> str:
    """One paragraph; a full stop where the notes' line had none, so sentences do not run together."""
    kept = [text.rstrip(" ;,:") for text in sentences]
    return " ".join(text + ("" if _ends_sentence(text) else ".") for text in kept if text)


def summarise(
    doc: NoteDocument, criteria: Mapping[CriterionName, CriterionResult], call_date: dt.date
) -> str:
    """Two or three sentences of the notes on the prospect's situation ("" when the notes carry none)."""
    return join_sentences(summary_spans(doc, criteria, call_date))


def action_items(doc: NoteDocument, call_date: dt.date) -> list[ActionItem]:
    """The notes' next steps; Spanish notes read "3/4" day first, as they write it."""
    day_first = detect_language(doc.raw) == "es"
    return [
        ActionItem(what=step.what, who=step.who, when=step.when, due=step.due, evidence=step.evidence)
        for step in find_next_steps(doc, call_date, day_first=day_first)
    ]
