"""A recorded call's turns written as the transcript lines the document reader already reads.

A structured transcript (Gong, Fireflies, WebVTT) says who spoke and, in Gong's case, which side
they are on. Each turn becomes a `Name (seller): text` or `Name (prospect): text` line when the
source says the side, else `Name: text` and the reader decides from what was said. The side word
in brackets is the reader's outright signal (extract/parties.py), so a company or title that
happens to contain "sales" or "US" is never written there; prospect titles go on `Contact:` lines.
Consecutive pieces of one speaker join into one turn, so a sentence cut across cues reads whole;
each turn starts with its time in the call when the source gives it (`[1:05] Name: ...`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from assistant.extract.formats_lexicon import LABELS, SPEAKER
from assistant.extract.parties import PROSPECT_TAGS, SELLER_TAGS

Side = Literal["seller", "prospect", "unknown"]
_NOT_NAME = re.compile(r"[^\w.'’ -]+")
_MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class Turn:
    """One stretch of one speaker's words."""

    speaker: str
    text: str
    side: Side = "unknown"
    start: float | None = None
    """Seconds from the start of the call, when the source says."""


@dataclass(frozen=True)
class Contact:
    """A prospect-side participant worth a `Contact:` line (their title helps the title reader)."""

    name: str
    title: str = ""


def merge_turns(turns: Iterable[Turn]) -> list[Turn]:
    """Join consecutive turns of one speaker; drop empty ones."""
    merged: list[Turn] = []
    for turn in turns:
        text = " ".join(turn.text.split())
        if not text:
            continue
        last = merged[-1] if merged else None
        if last and last.speaker == turn.speaker and last.side == turn.side:
            merged[-1] = Turn(turn.speaker, f"{last.text} {text}", turn.side, last.start)
        else:
            merged.append(Turn(turn.speaker, text, turn.side, turn.start))
    return merged


def reader_name(name: str, number: int) -> str:
    """`name` as the reader takes it for a speaker prefix, else `Speaker N`.

    The reader wants up to four capitalised words that are not a field label ("Budget") or a side
    tag ("Rep", "Lead"); a name it would not read as a speaker is written as `Speaker N`.
    """
    words = _NOT_NAME.sub(" ", name).split()[:_MAX_NAME_WORDS]
    cleaned = " ".join(word[:1].upper() + word[1:] for word in words)
    line = f"{cleaned} (seller): x"
    match = SPEAKER.match(line)
    lowered = cleaned.lower()
    ok = (
        bool(cleaned)
        and match is not None
        and match["name"] == cleaned
        and lowered not in LABELS
        and lowered.split()[0] not in LABELS
        and lowered not in SELLER_TAGS | PROSPECT_TAGS
    )
    return cleaned if ok else f"Speaker {number}"


def speaker_names(turns: list[Turn]) -> dict[str, str]:
    """Each source speaker's written name, unique: two people shown alike get numbers."""
    written: dict[str, str] = {}
    used: set[str] = set()
    for turn in turns:
        if turn.speaker in written:
            continue
        name = reader_name(turn.speaker, len(written) + 1)
        base, count = name, 1
        while name in used:
            count += 1
            name = f"{base} {count}" if not base.startswith("Speaker ") else f"Speaker {len(used) + count}"
        used.add(name)
        written[turn.speaker] = name
    return written


def render_transcript(
    turns: Iterable[Turn], title: str = "", call_date: dt.date | None = None, contacts: Iterable[Contact] = ()
) -> str:
    """The call as notes: a meeting and date header, contact lines, then one line per turn."""
    merged = merge_turns(turns)
    names = speaker_names(merged)
    lines: list[str] = []
    if title.strip():
        lines.append(f"Meeting: {' '.join(title.split())}")
    if call_date:
        lines.append(f"Call date: {call_date.isoformat()}")
    for contact in contacts:
        title_part = f", {' '.join(contact.title.split())}" if contact.title.strip() else ""
        lines.append(f"Contact: {' '.join(contact.name.split())}{title_part}")
    if lines:
        lines.append("")
    for turn in merged:
        side = f" ({turn.side})" if turn.side != "unknown" else ""
        lines.append(f"{_stamp(turn.start)}{names[turn.speaker]}{side}: {turn.text}")
    return "\n".join(lines) + "\n"


def _stamp(seconds: float | None) -> str:
    """`[m:ss] ` or `[h:mm:ss] `: a timed line is a transcript line to the reader even when each
    speaker talks once, and a person can find the moment in the recording."""
    if seconds is None or not 0 <= seconds < 360_000:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"[{hours}:{minutes:02}:{secs:02}] " if hours else f"[{minutes}:{secs:02}] "
