"""Note formats: the shape a note arrives in, cut into segments that know their speaker and kind.

Real notes are transcripts (named, bracketed, bold, WebVTT, Otter), chat logs, notetaker
summaries, e-mails, CRM records or raw speech; each segment keeps offsets into the raw text so
quotes stay verbatim, and carries what the layout says (speaker, role in brackets, header,
signature, action item) for the party and timeline readers. This module finds the layout and the
speakers' turns; formats_lines reads the other lines (headers, labels, records, speech).
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.extract import formats_lexicon as fl
from assistant.extract.formats_lines import scan_email_header, scan_labelled, scan_speech
from assistant.extract.formats_segments import Format, ScanState, Segment, add_segment


def _label_word(name: str) -> bool:
    words = name.lower().split()
    return name.lower() in fl.LABELS or (
        bool(words) and words[0] in fl.LABELS and words[0] not in fl.SPEAKER_TAGS
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
            if match["meta"] or stamped or match["name"].lower() in fl.SPEAKER_TAGS:
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
    state = ScanState(fmt, speakers)
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


def _scan_line(body: str, base: int, number: int, state: ScanState) -> None:
    """One line: skip layout, then hand the content to the right segmenter."""
    if not body.strip():
        if state.section == "action":
            state.section = None
        return
    if number <= state.front_end:
        if 0 < number < state.front_end:
            key = fl.LABEL.match(body)
            add_segment(
                state, body, base, number, 0, kind="metadata", label=key.group(1).lower() if key else None
            )
        return
    if state.fmt == "vtt" and fl.VTT_SKIP.match(body):
        return
    otter = fl.OTTER.match(body)
    if otter and state.fmt == "otter":
        state.otter = otter["name"].strip()
        return
    _scan_content(body, base, number, state)


def _scan_content(body: str, base: int, number: int, state: ScanState) -> None:
    """Content of a line: voice tags, speakers, labels, signatures, lists and records."""
    voice = fl.VOICE.match(body)
    if voice:
        end = fl.VOICE_END.search(body)
        stop = end.start() if end else len(body)
        add_segment(state, body[:stop], base, number, voice.end(), speaker=voice.group(1).strip())
        return
    offset, _ = _skip_prefixes(body)
    if fl.QUOTED.match(body) or fl.WROTE.match(body):
        add_segment(state, body, base, number, offset + (1 if fl.QUOTED.match(body) else 0), kind="quoted")
        return
    if state.fmt == "email" and not state.seen_content and fl.EMAIL_HEADER.match(body):
        scan_email_header(body, base, number, state)
        return
    if fl.CLOSING.match(body) and state.seen_content:
        state.signature = True
        return
    speaker = fl.SPEAKER.match(body, offset)
    if speaker and speaker["name"] in state.speakers and speaker.end() < len(body):
        if speaker["meta"] and speaker["name"] not in state.introduced:  # "A (Ravi Menon, CFO, Acme):"
            state.introduced.add(speaker["name"])
            add_segment(
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
        add_segment(state, body, base, number, speaker.end(), speaker=speaker["name"], meta=speaker["meta"])
        return
    if state.fmt == "speech":
        scan_speech(body, base, number, state)
        return
    scan_labelled(body, base, number, offset, state)
