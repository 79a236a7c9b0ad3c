"""Sources read into statements: verbatim spans that know their heading and their label.

A statement is a sentence of the notes (clauses joined by ';' stay together, so "Ingrid, SVP
Operations; signed the order form" keeps its subject), with the section its heading or its
"Label:" names. Its quote is a slice of the source text, so a line built from it is citable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from assistant.extract.cues import has
from assistant.extract.document import Clause, read_notes
from assistant.handoff.fact_cues import ROADMAP
from assistant.handoff.schemas import SourceDocument, SourceRef
from assistant.handoff.section_cues import Topic, heading_section

_LINE_PREFIX = re.compile(r"\s*(?:[-*•·–—>]+|\d{1,2}[.)])?\s*")
_MARKUP_HEADING = re.compile(r"^\s*(?:#{1,6}\s+|\*\*[^*]+\*\*\s*:?\s*$|__[^_]+__\s*:?\s*$)")
_BULLET = re.compile(r"^\s*(?:[-*•·–—>]|\d{1,2}[.)])\s+")
_LEAD_LABEL = re.compile(r"^([^.!?:\n]{1,40}):\s*$")
_MONEY_SENTENCE = re.compile(r"(?<=[\w)])\.\s+(?=[$€£])")
"""A full stop before an amount ("Closed Acme 12/3. $84k ARR") ends a sentence the clause reader keeps whole."""


@dataclass(frozen=True)
class Statement:
    """One sentence of a source, where it sits, and the section its heading or label names."""

    source: SourceDocument
    start: int
    end: int
    line: int
    heading: Topic | None
    label: str | None
    ours: bool

    @cached_property
    def quote(self) -> str:
        """The verbatim text, label included ("Price: $172,000 per year")."""
        return self.source.text[self.start : self.end]

    @cached_property
    def text(self) -> str:
        """The quote as a line of the brief: markup and stray bullets stripped."""
        return re.sub(r"\*\*|__|`", "", self.quote).strip(" -*•\t").rstrip(";,").rstrip()

    @property
    def topic(self) -> Topic | None:
        """The section of the heading above the statement, else the one its own label names."""
        if self.heading is not None:
            return self.heading
        return heading_section(self.label) if self.label else None

    def ref(self) -> SourceRef:
        """This statement as a citation."""
        return SourceRef(source_id=self.source.id, quote=self.quote)


@dataclass(frozen=True)
class _Line:
    number: int
    start: int
    body: str


def _lines(text: str) -> Iterator[_Line]:
    position = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        yield _Line(number, position, line.rstrip("\r\n"))
        position += len(line)


def _heading_of(line: str, next_line: str | None) -> tuple[bool, Topic | None]:
    """Whether a line is a heading, and the section it names (None: a heading we don't map)."""
    stripped = line.strip()
    if not stripped:
        return False, None
    markup = bool(_MARKUP_HEADING.match(line))
    colon_only = stripped.endswith(":") and not _BULLET.match(line)
    plain = (
        not _BULLET.match(line)
        and len(stripped.split()) <= 8
        and stripped[-1] not in ".!?;,"
        and next_line is not None
        and bool(_BULLET.match(next_line))
    )
    if not (markup or colon_only or plain):
        return False, None
    topic = heading_section(stripped.lstrip("#").strip())
    return (markup or colon_only or topic is not None), topic


def _headings(text: str) -> tuple[set[int], dict[int, Topic | None]]:
    """Which lines are headings, and the section in force on every other line."""
    lines = [line for line in _lines(text) if line.body.strip()]
    heading_lines: set[int] = set()
    in_force: dict[int, Topic | None] = {}
    current: Topic | None = None
    for index, line in enumerate(lines):
        following = lines[index + 1].body if index + 1 < len(lines) else None
        is_heading, topic = _heading_of(line.body, following)
        if is_heading:
            heading_lines.add(line.number)
            current = topic
        in_force[line.number] = current
    return heading_lines, in_force


def _with_label(text: str, clause: Clause, line_start: int) -> tuple[int, str | None]:
    """Extend a line's first clause back over its "Label:" prefix; return (start, label)."""
    prefix = _LINE_PREFIX.match(text, line_start)
    body_start = prefix.end() if prefix else line_start
    if clause.start <= body_start:
        return clause.start, clause.label
    lead = _LEAD_LABEL.match(text[body_start : clause.start])
    if lead:
        return body_start, lead.group(1).strip().lower()
    return clause.start, clause.label


def _own_roadmap_ask(clause: Clause) -> bool:
    """A clause that names its own subject and is a roadmap ask ("SCIM is on our roadmap"): a fact of its
    own (a risk), not part of the promise before it. "…; it is on our roadmap" keeps its subject's clause."""
    return clause.text[:1].isupper() and has(ROADMAP, clause.text)


def _groups(clauses: tuple[Clause, ...]) -> Iterator[list[Clause]]:
    """Clauses joined by ';' on the same line stay one statement."""
    group: list[Clause] = []
    for clause in clauses:
        joined = clause.line == group[-1].line and group[-1].text.endswith((";", ",")) if group else False
        if joined and not _own_roadmap_ask(clause):
            group.append(clause)
            continue
        if group:
            yield group
        group = [clause]
    if group:
        yield group


def read_statements(source: SourceDocument) -> list[Statement]:
    """Every statement of a source, headings excluded, with its section and label."""
    text = source.text
    doc = read_notes(text)
    heading_lines, headings = _headings(text)
    line_starts = {line.number: line.start for line in _lines(text)}
    statements: list[Statement] = []
    for group in _groups(doc.clauses):
        first, last = group[0], group[-1]
        if first.line in heading_lines:
            continue
        heading = headings.get(first.line)
        start, label = _with_label(text, first, line_starts[first.line])
        ours = source.kind == "call_notes" and first.ours
        for begin, end in _sentences(text, start, last.end):
            statements.append(Statement(source, begin, end, first.line, heading, label, ours))
    return statements


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A statement's span cut where a full stop precedes an amount (terse notes run sentences on)."""
    spans, begin = [], start
    for match in _MONEY_SENTENCE.finditer(text, start, end):
        spans.append((begin, match.start() + 1))
        begin = match.end()
    return [*spans, (begin, end)]
