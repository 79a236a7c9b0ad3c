"""Note formats: the shape a note arrives in, cut into segments that know their speaker and kind.

Real notes are transcripts (named, bracketed, bold, WebVTT, Otter), chat logs, notetaker
summaries, e-mails, CRM records or raw speech; each segment keeps offsets into the raw text so
quotes stay verbatim, and carries what the layout says (speaker, role in brackets, header,
signature, action item) for the party and timeline readers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from assistant.extract import formats_lexicon as fl

SegmentKind = Literal["statement", "metadata", "attendee", "signature", "action_item", "heading", "quoted"]
Format = Literal["notes", "transcript", "vtt", "otter", "email", "speech"]
SPEAKER_TAGS = frozenset(
    {
        "sdr",
        "bdr",
        "ae",
        "rep",
        "me",
        "us",
        "sales",
        "seller",
        "interviewer",
        "agent",
        "bot",
        "host",
        "q",
        "p",
        "a",
        "r",
        "visitor",
        "customer",
        "prospect",
        "client",
        "cliente",
        "caller",
        "lead",
        "yo",
        "nosotros",
    }
)


_CONNECTIVE = re.compile(r"^(?:(?:so|and|but|um)\s*)*(?:what|how|when|where|who|why|which)?$")


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
class _State:
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


def _label_word(name: str) -> bool:
    words = name.lower().split()
    return name.lower() in fl.LABELS or (
        bool(words) and words[0] in fl.LABELS and words[0] not in SPEAKER_TAGS
    )


def _speaker_names(lines: list[str]) -> tuple[frozenset[str], bool]:
    """Names used as speakers: repeated, bracketed, timestamped or known tags; and whether Otter-style."""
    counts: Counter[str] = Counter()
    strong: set[str] = set()
    otter = 0
    for line in lines:
        if fl.OTTER.match(line):
            otter += 1
            continue
        offset, stamped = _skip_prefixes(line)
        voice = fl.VOICE.match(line)
        if voice:
            strong.add(voice.group(1).strip())
            continue
        match = fl.SPEAKER.match(line, offset)
        if match and not _label_word(match["name"]):
            counts[match["name"]] += 1
            if match["meta"] or stamped or match["name"].lower() in SPEAKER_TAGS:
                strong.add(match["name"])
    names = strong | {name for name, count in counts.items() if count >= 2}
    if names:  # once the note is a transcript, a speaker who talks once is still a speaker
        names |= set(counts)
    return frozenset(names), otter >= 2


def _skip_prefixes(line: str) -> tuple[int, bool]:
    offset, stamped = 0, False
    match = fl.TIMESTAMP.match(line)
    if match and match.end() > 0 and re.search(r"\d:\d", match.group(0)):
        offset, stamped = match.end(), True
    bullet = fl.BULLET.match(line, offset)
    return (bullet.end() if bullet else offset), stamped


def detect_format(raw: str) -> Format:
    """The note's overall shape, used to pick how to read its parties."""
    lines = raw.splitlines()
    head = [line for line in lines[:12] if line.strip()]
    if head and head[0].strip().startswith("WEBVTT"):
        return "vtt"
    speakers, otter = _speaker_names(lines)
    if otter:
        return "otter"
    if sum(1 for line in head[:6] if fl.EMAIL_HEADER.match(line)) >= 2:
        return "email"
    if speakers:
        return "transcript"
    words = len(raw.split())
    content = [line for line in lines if line.strip()]
    spoken = len(fl.SPOKEN.findall(raw[:4000]))
    if len(content) <= 3 and words >= 25 and spoken >= 3 and len(fl.SENTENCE_PUNCT.findall(raw)) * 25 < words:
        return "speech"
    return "notes"


def scan(raw: str) -> tuple[Format, list[Segment]]:
    """Every content segment of the notes, in order, with its speaker and kind."""
    fmt = detect_format(raw)
    lines = raw.splitlines(keepends=True)
    speakers, _ = _speaker_names([line.rstrip("\r\n") for line in lines])
    state = _State(fmt, speakers)
    state.front_end = _front_matter_end(lines)
    position = 0
    for number, line in enumerate(lines):
        _scan_line(line.rstrip("\r\n"), position, number, state)
        position += len(line)
    return fmt, state.segments


def _front_matter_end(lines: list[str]) -> int:
    if not lines or not fl.FRONT_MATTER.match(lines[0]):
        return -1
    for number, line in enumerate(lines[1:60], start=1):
        if fl.FRONT_MATTER.match(line):
            return number
    return -1


def _scan_line(body: str, base: int, number: int, state: _State) -> None:
    """One line: skip layout, then hand the content to the right segmenter."""
    if not body.strip():
        if state.section == "action":
            state.section = None
        return
    if number <= state.front_end:
        if 0 < number < state.front_end:
            key = fl.LABEL.match(body)
            _add(state, body, base, number, 0, kind="metadata", label=key.group(1).lower() if key else None)
        return
    if state.fmt == "vtt" and fl.VTT_SKIP.match(body):
        return
    otter = fl.OTTER.match(body)
    if otter and state.fmt == "otter":
        state.otter = otter["name"].strip()
        return
    _scan_content(body, base, number, state)


def _scan_content(body: str, base: int, number: int, state: _State) -> None:
    """Content of a line: voice tags, speakers, labels, signatures, lists and records."""
    voice = fl.VOICE.match(body)
    if voice:
        end = fl.VOICE_END.search(body)
        stop = end.start() if end else len(body)
        _add(state, body[:stop], base, number, voice.end(), speaker=voice.group(1).strip())
        return
    offset, _ = _skip_prefixes(body)
    if fl.QUOTED.match(body) or fl.WROTE.match(body):
        _add(state, body, base, number, offset + (1 if fl.QUOTED.match(body) else 0), kind="quoted")
        return
    if state.fmt == "email" and not state.seen_content and fl.EMAIL_HEADER.match(body):
        _email_header(body, base, number, state)
        return
    if fl.CLOSING.match(body) and state.seen_content:
        state.signature = True
        return
    speaker = fl.SPEAKER.match(body, offset)
    if speaker and speaker["name"] in state.speakers and speaker.end() < len(body):
        if speaker["meta"] and speaker["name"] not in state.introduced:  # "A (Ravi Menon, CFO, Acme):"
            state.introduced.add(speaker["name"])
            _add(
                state,
                body[: speaker.end("meta")],
                base,
                number,
                speaker.start("meta"),
                speaker=speaker["name"],
                meta=speaker["meta"],
                kind="attendee",
                person=speaker["name"],
            )
        _add(state, body, base, number, speaker.end(), speaker=speaker["name"], meta=speaker["meta"])
        return
    if state.fmt == "speech":
        _speech(body, base, number, state)
        return
    _labelled(body, base, number, offset, state)


def _email_header(body: str, base: int, number: int, state: _State) -> None:
    label = fl.EMAIL_HEADER.match(body)
    assert label is not None
    if label.group(1).lower() in ("from", "de"):
        name = re.match(r"\s*[^:]+:\s*\"?([^<\"@\n]+?)\"?\s*(?:<|$)", body)
        state.from_name = name.group(1).strip() if name else None
    _add(state, body, base, number, 0, label=label.group(1).lower(), kind="metadata")


def _labelled(body: str, base: int, number: int, offset: int, state: _State) -> None:
    """Prose, bullets and 'Label: value' lines, including pipe records and attendee lists."""
    if len(fl.PIPE.findall(body)) >= 2:
        _pipe_record(body, base, number, offset, state)
        return
    label_match = fl.LABEL.match(body, offset)
    label = label_match.group(1).strip().lower() if label_match else None
    if label_match and label_match.end() >= len(body.rstrip()):  # a section header: "Action items:"
        state.section = "action" if label in fl.ACTION_LABELS else None
        return
    if label in fl.ATTENDEE_LABELS and label_match:
        _attendees(body, base, number, label_match.end(), state)
        return
    kind: SegmentKind = "statement"
    if state.signature or _signature_line(body, state):
        kind = "signature"
    elif state.section == "action" or label in fl.ACTION_LABELS:
        kind = "action_item"
    elif label in fl.METADATA_LABELS:
        kind = "metadata"
    elif not state.seen_content and offset == 0 and label is None and _heading(body):
        kind = "heading"
    if kind == "statement" and label_match and label in fl.CONTENT_LABELS:
        offset = label_match.end()  # "Budget: $180k approved": the evidence is what the label introduces
    _add(state, body, base, number, offset, label=label, kind=kind, speaker=state.otter)


def _heading(body: str) -> bool:
    """A title line: short, no sentence end, the first of the note."""
    text = body.strip()
    return len(text) <= 140 and not text.endswith((".", "!", "?", ":"))


def _signature_line(body: str, state: _State) -> bool:
    """'Jess Moreno | Account Executive | Acme' or a line starting with the sender's name."""
    text = body.strip()
    if state.from_name and text.startswith(state.from_name) and len(text) > len(state.from_name) + 2:
        return text[len(state.from_name)] in " |,–-—"
    parts = fl.PIPE.split(text)
    return (
        len(parts) >= 2 and not any(":" in part for part in parts) and bool(re.match(r"[A-Z]\w+ [A-Z]", text))
    )


def _pipe_record(body: str, base: int, number: int, offset: int, state: _State) -> None:
    """'Company: X | Employees: 1,250 | Notes: ...' - each field its own segment and label."""
    if _signature_line(body, state):
        _add(state, body, base, number, offset, kind="signature")
        return
    cursor = offset
    for separator in [*fl.PIPE.finditer(body, offset), None]:
        stop = separator.start() if separator else len(body)
        piece = body[cursor:stop]
        label_match = fl.LABEL.match(piece)
        label = label_match.group(1).strip().lower() if label_match else None
        kind: SegmentKind = "statement"
        if label in fl.METADATA_LABELS or label in fl.ACTION_LABELS:
            kind = "metadata" if label in fl.METADATA_LABELS else "action_item"
        _add(state, body[:stop], base, number, cursor, label=label, kind=kind)
        cursor = separator.end() if separator else stop


def _attendees(body: str, base: int, number: int, start: int, state: _State) -> None:
    """'Attendees: Dana (VP Support, Acme), Sam (AE, us)' - one segment per person, bracket kept."""
    depth, cursor = 0, start
    for index in range(start, len(body) + 1):
        char = body[index] if index < len(body) else ","
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and (char in ",;" or body.startswith(" and ", index)):
            piece = body[cursor:index]
            person = re.match(r"\s*([^(]+?)\s*(?:\(([^)]*)\))?\s*$", piece)
            if piece.strip() and person:
                _add(
                    state,
                    body[:index],
                    base,
                    number,
                    cursor,
                    kind="attendee",
                    label="attendees",
                    meta=person.group(2),
                    person=person.group(1),
                )
            cursor = index + (5 if char == " " else 1)


def _speech(body: str, base: int, number: int, state: _State) -> None:
    """Raw speech-to-text: cut where a turn likely changes ("yeah", "ok", a question word).

    A break right after a lone connective ("so what do you do") joins it instead of cutting.
    """
    cursor = 0
    for match in fl.SPEECH_BREAK.finditer(body):
        if _CONNECTIVE.match(body[cursor : match.start()].strip().lower()):
            continue
        _add(state, body[: match.start()], base, number, cursor, speaker="speech")
        cursor = match.end()
    _add(state, body, base, number, cursor, speaker="speech")


def _add(
    state: _State,
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
