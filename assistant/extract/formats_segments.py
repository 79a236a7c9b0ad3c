"""The segment a note is cut into, and the scanner's state: shared by the layout and line readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SegmentKind = Literal["statement", "metadata", "attendee", "signature", "action_item", "heading", "quoted"]
Format = Literal["notes", "transcript", "vtt", "otter", "email", "speech"]


@dataclass(frozen=True)
class Segment:
    """A piece of one line after its layout prefixes: the span, who says it, and what kind it is."""

    start: int
    end: int
    line: int
    speaker: str | None = None
    meta: str | None = None
    label: str | None = None
    kind: SegmentKind = "statement"
    person: str | None = None


@dataclass
class ScanState:
    """What the scanner carries from line to line."""

    fmt: Format
    speakers: frozenset[str]
    front_end: int = -1
    otter: str | None = None
    section: str | None = None
    signature: bool = False
    seen_content: bool = False
    from_name: str | None = None
    introduced: set[str] = field(default_factory=set)
    segments: list[Segment] = field(default_factory=list)


def add_segment(
    state: ScanState,
    body: str,
    base: int,
    number: int,
    offset: int,
    *,
    speaker: str | None = None,
    meta: str | None = None,
    label: str | None = None,
    kind: SegmentKind = "statement",
    person: str | None = None,
) -> None:
    """Record a segment, trimmed of surrounding spaces, with offsets into the raw text."""
    text = body[offset:]
    stripped = text.strip()
    if not stripped:
        return
    lead = offset + text.index(stripped)
    state.seen_content = state.seen_content or kind != "metadata"
    state.segments.append(
        Segment(base + lead, base + lead + len(stripped), number, speaker, meta, label, kind, person)
    )
