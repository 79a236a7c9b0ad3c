"""Lines that are not a speaker's turn: e-mail headers, labelled fields, records, attendees, speech.

Kept apart from the layout scanner in formats.py so each kind of line reads on its own.
"""

from __future__ import annotations

import re

from assistant.extract import formats_lexicon as fl
from assistant.extract.formats_segments import ScanState, SegmentKind, add_segment


def scan_email_header(body: str, base: int, number: int, state: ScanState) -> None:
    """'From: Jess <jess@acme.com>': a metadata segment; the sender's name later marks the signature."""
    label = fl.EMAIL_HEADER.match(body)
    assert label is not None
    if label.group(1).lower() in ("from", "de"):
        name = re.match(r"\s*[^:]+:\s*\"?([^<\"@\n]+?)\"?\s*(?:<|$)", body)
        state.from_name = name.group(1).strip() if name else None
    add_segment(state, body, base, number, 0, label=label.group(1).lower(), kind="metadata")


def scan_labelled(body: str, base: int, number: int, offset: int, state: ScanState) -> None:
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
    add_segment(state, body, base, number, offset, label=label, kind=kind, speaker=state.otter)


def _heading(body: str) -> bool:
    """A title line: short, no sentence end, the first of the note."""
    text = body.strip()
    return len(text) <= 140 and not text.endswith((".", "!", "?", ":"))


def _signature_line(body: str, state: ScanState) -> bool:
    """'Jess Moreno | Account Executive | Acme' or a line starting with the sender's name."""
    text = body.strip()
    if state.from_name and text.startswith(state.from_name) and len(text) > len(state.from_name) + 2:
        return text[len(state.from_name)] in " |,–-—"
    parts = fl.PIPE.split(text)
    return (
        len(parts) >= 2 and not any(":" in part for part in parts) and bool(re.match(r"[A-Z]\w+ [A-Z]", text))
    )


def _pipe_record(body: str, base: int, number: int, offset: int, state: ScanState) -> None:
    """'Company: X | Employees: 1,250 | Notes: ...' - each field its own segment and label."""
    if _signature_line(body, state):
        add_segment(state, body, base, number, offset, kind="signature")
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
        add_segment(state, body[:stop], base, number, cursor, label=label, kind=kind)
        cursor = separator.end() if separator else stop


def _attendees(body: str, base: int, number: int, start: int, state: ScanState) -> None:
    """'Attendees: Dana (VP Support, Acme), Sam (AE, us)' - one segment per person, bracket kept."""
    depth, cursor = 0, start
    for index in range(start, len(body) + 1):
        char = body[index] if index < len(body) else ","
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and (char in ",;" or body.startswith(" and ", index)):
            piece = body[cursor:index]
            person = re.match(r"\s*([^(]+?)\s*(?:\(([^)]*)\))?\s*$", piece)
            if piece.strip() and person:
                add_segment(
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


def scan_speech(body: str, base: int, number: int, state: ScanState) -> None:
    """Raw speech-to-text: cut where a turn likely changes ("yeah", "ok", a question word).

    A break right after a lone connective ("so what do you do") joins it instead of cutting.
    """
    cursor = 0
    for match in fl.SPEECH_BREAK.finditer(body):
        if fl.LONE_CONNECTIVE.match(body[cursor : match.start()].strip().lower()):
            continue
        add_segment(state, body[: match.start()], base, number, cursor, speaker="speech")
        cursor = match.end()
    add_segment(state, body, base, number, cursor, speaker="speech")
