"""Zoom and Teams WebVTT captions: cues joined into one line per speaker turn, timings dropped.

Zoom writes the speaker as `Name: text` in the cue, Teams as a `<v Name>` voice tag. Captions cut
sentences across cues ("the budget is" / "$120k approved"), so consecutive cues of one speaker
join into one turn before the reader sees them. Neither tool says which speaker is internal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from assistant.extract.formats_lexicon import LABELS, SPEAKER
from assistant.sources.model import SourceError
from assistant.sources.transcript import Turn, render_transcript

_VOICE = re.compile(r"<v(?:\.[\w.-]+)*\s+([^>\n]{1,80})>")
_TAGS = re.compile(r"</?[a-zA-Z][^>\n]{0,80}>|<\d[\d:.]*>")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


def vtt_notes(name: str, text: str) -> str:
    """The captions as transcript lines; SourceError when the file has no WEBVTT header or no cues."""
    if not text.lstrip("\ufeff \t\r\n").startswith("WEBVTT"):
        raise SourceError(f"{name} is not a WebVTT file: it does not start with WEBVTT")
    turns = list(_cue_turns(text))
    if not any(turn.text.strip() for turn in turns):
        raise SourceError(f"{name} has no captions (no cue with text): export the transcript again")
    return render_transcript(turns)


def _cue_turns(text: str) -> Iterator[Turn]:
    """One turn per cue, in order: its speaker (or the previous cue's) and its text."""
    speaker = "Speaker"
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = block.strip("\n").split("\n")
        if not lines or lines[0].startswith(("WEBVTT", *_SKIPPED_BLOCKS)):
            continue
        timing = next((index for index, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        cue = " ".join(lines[timing + 1 :])
        start = _seconds(lines[timing].split("-->")[0])
        voice = _VOICE.search(cue)
        if voice:
            speaker = " ".join(voice.group(1).split())
        else:
            named = SPEAKER.match(cue)
            if named and named["name"].lower() not in LABELS and not named["meta"]:
                speaker, cue = named["name"], cue[named.end() :]
        yield Turn(speaker, html.unescape(_TAGS.sub("", cue)), start=start)


def _seconds(stamp: str) -> float | None:
    """`00:01:02.500` or `01:02.500` in seconds."""
    parts = stamp.strip().replace(",", ".").split(":")
    try:
        values = [float(part) for part in parts]
    except ValueError:
        return None
    total = 0.0
    for value in values:
        total = total * 60 + value
    return total
