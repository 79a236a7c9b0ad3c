"""Gong transcripts: `callTranscripts[].transcript[]` turns, named and sided by the call's `parties[]`.

The transcript API gives speaker ids and timed sentences; the calls API (`calls[]` with `metaData`
and `parties[]`) gives each speaker's name, title and affiliation, and the call's start. A file may
hold both (as `calls` beside `callTranscripts`, or `parties` and `metaData` inside a transcript
entry). Internal speakers are the seller, External ones the prospect; an Unknown affiliation or a
file without parties leaves the reader to decide from what was said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from assistant.sources.json_load import shape_error, text_of
from assistant.sources.model import SourceItem, SourceProblem, SourceRecord
from assistant.sources.transcript import Contact, Side, Turn, render_transcript

WHAT = "Gong transcript"
EXPECTED = '{"callTranscripts": [{"callId", "transcript": [{"speakerId", "sentences": [{"text"}]}]}]}'
_SIDES: dict[str, Side] = {"internal": "seller", "external": "prospect"}


def is_gong(document: object) -> bool:
    """Whether parsed JSON has Gong's shape (used when the format is detected)."""
    return isinstance(document, dict) and isinstance(document.get("callTranscripts"), list)


def gong_records(name: str, document: object) -> Iterator[SourceItem]:
    """One record per call in the export; a call of the wrong shape is that call's problem."""
    if not is_gong(document):
        raise shape_error(name, WHAT, EXPECTED)
    assert isinstance(document, dict)
    calls = _calls_by_id(document)
    for number, entry in enumerate(document["callTranscripts"], start=1):
        yield _call_record(number, entry, calls)


def _calls_by_id(document: dict[str, object]) -> dict[str, dict[str, object]]:
    """The calls API's entries by call id, for names, sides and dates."""
    found: dict[str, dict[str, object]] = {}
    calls = document.get("calls")
    for call in calls if isinstance(calls, list) else []:
        meta = call.get("metaData") if isinstance(call, dict) else None
        if isinstance(meta, dict) and text_of(meta.get("id")):
            found[text_of(meta.get("id"))] = call
    return found


def _call_record(number: int, entry: object, calls: dict[str, dict[str, object]]) -> SourceItem:
    if not isinstance(entry, dict) or not isinstance(entry.get("transcript"), list):
        return SourceProblem(number, f"call {number} has no transcript list; expected {EXPECTED}")
    call_id = text_of(entry.get("callId")) or None
    call = calls.get(call_id or "", {})
    meta = call.get("metaData") if isinstance(call.get("metaData"), dict) else entry.get("metaData")
    meta = meta if isinstance(meta, dict) else entry
    parties = _parties(entry.get("parties", call.get("parties")))
    turns = list(_turns(entry["transcript"], parties))
    if not turns:
        return SourceProblem(number, "the call's transcript has no sentences", call_id)
    call_date = _started(meta.get("started"))
    contacts = [
        Contact(person["name"], person["title"])
        for person in parties.values()
        if person["side"] == "prospect" and person["title"]
    ]
    notes = render_transcript(turns, text_of(meta.get("title")), call_date, contacts)
    record = {"callId": call_id} if call_id else {}
    return SourceRecord(number, call_id, notes, call_date.isoformat() if call_date else None, record)


def _parties(value: object) -> dict[str, dict[str, str]]:
    """speakerId -> name, title and side, from Gong's parties list."""
    found: dict[str, dict[str, str]] = {}
    for party in value if isinstance(value, list) else []:
        if not isinstance(party, dict) or not text_of(party.get("speakerId")):
            continue
        side = _SIDES.get(text_of(party.get("affiliation")).lower(), "unknown")
        found[text_of(party.get("speakerId"))] = {
            "name": text_of(party.get("name")),
            "title": text_of(party.get("title")),
            "side": side,
        }
    return found


def _turns(transcript: list[object], parties: dict[str, dict[str, str]]) -> Iterator[Turn]:
    """The monologues in order: the speaker's name (or id) and side, and the sentences' text."""
    for monologue in transcript:
        if not isinstance(monologue, dict) or not isinstance(monologue.get("sentences"), list):
            continue
        speaker = text_of(monologue.get("speakerId"))
        person = parties.get(speaker, {})
        sentences = [s for s in monologue["sentences"] if isinstance(s, dict)]
        text = " ".join(text_of(s.get("text")) for s in sentences)
        side = person.get("side", "unknown")
        start = sentences[0].get("start") if sentences else None
        seconds = start / 1000 if isinstance(start, (int, float)) and not isinstance(start, bool) else None
        yield Turn(person.get("name") or f"Speaker {speaker or '?'}", text, side, seconds)  # type: ignore[arg-type]


def _started(value: object) -> dt.date | None:
    """The call's date from `metaData.started` (ISO 8601, its own offset), or None."""
    text = text_of(value)
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None
