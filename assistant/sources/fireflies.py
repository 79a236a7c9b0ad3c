"""Fireflies transcripts: `sentences[]` with `speaker_name` and `text`, as the GraphQL API returns them.

Accepted: one transcript object, a list of them, or the API's envelope (`{"data": {"transcript"}}`
or `{"data": {"transcripts": [...]}}`). Fireflies does not say which speaker is internal, so turns
are written `Name: text` and the reader decides each side from what was said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from assistant.sources.json_load import shape_error, text_of
from assistant.sources.model import SourceItem, SourceProblem, SourceRecord
from assistant.sources.transcript import Turn, render_transcript

WHAT = "Fireflies transcript"
EXPECTED = '{"id", "title", "date", "sentences": [{"speaker_name", "text"}]} (or a list of them)'


def _transcripts(document: object) -> list[object] | None:
    """The transcript objects inside whatever envelope the export used, or None."""
    if isinstance(document, dict) and isinstance(document.get("data"), dict):
        data = document["data"]
        document = data.get("transcripts", data.get("transcript"))
    if isinstance(document, dict) and isinstance(document.get("sentences"), list):
        return [document]
    if isinstance(document, list) and any(
        isinstance(item, dict) and "sentences" in item for item in document
    ):
        return document
    return None


def is_fireflies(document: object) -> bool:
    """Whether parsed JSON has Fireflies' shape (used when the format is detected)."""
    return _transcripts(document) is not None


def fireflies_records(name: str, document: object) -> Iterator[SourceItem]:
    """One record per transcript; a transcript of the wrong shape is that record's problem."""
    transcripts = _transcripts(document)
    if transcripts is None:
        raise shape_error(name, WHAT, EXPECTED)
    for number, item in enumerate(transcripts, start=1):
        yield _record(number, item)


def _record(number: int, item: object) -> SourceItem:
    if not isinstance(item, dict) or not isinstance(item.get("sentences"), list):
        return SourceProblem(number, f"transcript {number} has no sentences list; expected {EXPECTED}")
    record_id = text_of(item.get("id")) or None
    turns = [
        Turn(
            text_of(s.get("speaker_name")) or "Speaker",
            text_of(s.get("text")) or text_of(s.get("raw_text")),
            start=_seconds(s.get("start_time")),
        )
        for s in item["sentences"]
        if isinstance(s, dict)
    ]
    if not any(turn.text for turn in turns):
        return SourceProblem(number, "the transcript has no sentences with text", record_id)
    call_date = _date(item.get("date"), item.get("dateString"))
    notes = render_transcript(turns, text_of(item.get("title")), call_date)
    return SourceRecord(
        number,
        record_id,
        notes,
        call_date.isoformat() if call_date else None,
        {"id": record_id} if record_id else {},
    )


def _date(epoch_ms: object, iso: object) -> dt.date | None:
    """The meeting's date: `date` in milliseconds since 1970 (UTC), else `dateString`."""
    if isinstance(epoch_ms, (int, float)) and not isinstance(epoch_ms, bool):
        try:
            return dt.datetime.fromtimestamp(epoch_ms / 1000, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = text_of(iso)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date() if text else None
    except ValueError:
        return None


def _seconds(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
