"""Which format a file is, and its records: one for `qualify` and the upload, all for the batch.

Only this module is imported where files are read; the reader of each format is imported when a
file of that format arrives, so `qualify notes.txt` loads none of them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path, PurePath

from assistant.sources.model import (
    RECORD_FORMATS,
    Columns,
    SourceError,
    SourceItem,
    SourceProblem,
    SourceRecord,
)
from assistant.text.decoding import decode_bytes, too_large

JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
_SNIFF = 65_536


def detect_format(name: str, head: bytes) -> str:
    """The format a file's name and first bytes say (`--format auto`)."""
    suffix = PurePath(name).suffix.lower()
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if suffix == ".vtt" or text.startswith("WEBVTT"):
        return "vtt"
    if suffix == ".csv":
        return "csv"
    if suffix in JSON_SUFFIXES or (not suffix and text.startswith(("{", "["))):
        if '"callTranscripts"' in text:
            return "gong"
        if '"speaker_name"' in text:
            return "fireflies"
        return "jsonl" if suffix else "text"
    return "text"


def read_one(
    name: str,
    data: bytes,
    fmt: str,
    max_bytes: int,
    columns: Columns | None = None,
    record: str | None = None,
) -> SourceRecord:
    """The one call or record of an uploaded or named file (`record` picks one of several)."""
    _check_size(name, data, max_bytes)
    fmt = detect_format(name, data[:_SNIFF]) if fmt == "auto" else fmt
    if fmt == "jsonl":
        raise SourceError(f"{name} is a batch of JSON lines: run it with qualify-batch")
    if fmt not in RECORD_FORMATS:
        return _single_text(name, data, fmt, max_bytes)
    items = list(_records(name, io.BytesIO(data), fmt, max_bytes, columns))
    return _pick(name, items, record)


def list_records(
    name: str, data: bytes, fmt: str, max_bytes: int, columns: Columns | None = None
) -> list[str]:
    """The ids of the records in a file that holds several (the upload offers them to pick); [] for one."""
    _check_size(name, data, max_bytes)
    fmt = detect_format(name, data[:_SNIFF]) if fmt == "auto" else fmt
    if fmt not in RECORD_FORMATS or fmt == "jsonl":
        return []
    items = list(_records(name, io.BytesIO(data), fmt, max_bytes, columns))
    return [item.id or f"line-{item.number}" for item in items if isinstance(item, SourceRecord)]


def _check_size(name: str, data: bytes, max_bytes: int) -> None:
    """A file or upload over ASSISTANT_MAX_UPLOAD_BYTES is refused before it is read."""
    if len(data) > max_bytes:
        raise SourceError(too_large(name, len(data), max_bytes))


def read_many(
    path: Path, fmt: str, max_bytes: int, columns: Columns | None = None
) -> Iterator[SourceItem] | None:
    """The records of a batch file, read as they are needed; None for the batch's own JSONL."""
    with path.open("rb") as probe:
        head = probe.read(_SNIFF)
    fmt = detect_format(path.name, head) if fmt == "auto" else fmt
    if fmt == "jsonl":
        return None
    if fmt not in RECORD_FORMATS:
        raise SourceError(f"{path} holds one call ({fmt}): qualify it with `sales-assistant qualify {path}`")
    return _records_from_path(path, fmt, max_bytes, columns)


def _records_from_path(path: Path, fmt: str, max_bytes: int, columns: Columns | None) -> Iterator[SourceItem]:
    with path.open("rb") as stream:
        yield from _records(str(path), stream, fmt, max_bytes, columns)


def _records(
    name: str, stream: io.BufferedIOBase | io.BytesIO, fmt: str, max_bytes: int, columns: Columns | None
) -> Iterator[SourceItem]:
    """Records of a multi-record format, the reader imported only now."""
    if fmt in ("gong", "fireflies"):
        from assistant.sources.json_load import load_json

        data = stream.read(max_bytes + 1)
        what = "Gong transcript" if fmt == "gong" else "Fireflies transcript"
        document = load_json(name, data, max_bytes, what)
        if fmt == "gong":
            from assistant.sources.gong import gong_records

            yield from gong_records(name, document)
        else:
            from assistant.sources.fireflies import fireflies_records

            yield from fireflies_records(name, document)
        return
    from assistant.sources.csv_rows import csv_source_records
    from assistant.sources.csv_stream import text_stream

    text, warnings = text_stream(stream, name)  # type: ignore[arg-type]
    for item in csv_source_records(text, "auto" if fmt == "csv" else fmt, columns):
        if warnings and isinstance(item, SourceRecord):
            item.warnings.extend(warnings)
        yield item


def _single_text(name: str, data: bytes, fmt: str, max_bytes: int) -> SourceRecord:
    """A one-call file: notes and documents as before, WebVTT joined into turns, Otter checked."""
    from assistant.text.files import decode_notes

    if fmt == "vtt":
        from assistant.sources.vtt import vtt_notes

        decoded = decode_bytes(data, name)
        return SourceRecord(1, None, vtt_notes(name, decoded.text), warnings=decoded.warnings)
    decoded = decode_notes(name, data, max_bytes)
    if fmt == "markdown" or (fmt == "text" and PurePath(name).suffix.lower() in (".md", ".markdown")):
        from assistant.sources.markdown import markdown_notes

        return SourceRecord(1, None, markdown_notes(decoded.text), warnings=decoded.warnings)
    if fmt == "otter":
        from assistant.extract.formats import detect_format as note_format

        if note_format(decoded.text) != "otter":
            raise SourceError(f"{name} is not an Otter transcript: no 'Name  m:ss' lines before the words")
    return SourceRecord(1, None, decoded.text, warnings=decoded.warnings)


def _pick(name: str, items: list[SourceItem], wanted: str | None) -> SourceRecord:
    """The record asked for, or the only one; a clear message when that is not one record."""
    if wanted is not None:
        chosen = [
            item for item in items if wanted in (item.id, f"line-{item.number}") or wanted in _ids(item)
        ]
        if not chosen:
            raise SourceError(f"{name} has no record {wanted!r}; its records: {_listed(items)}")
        items = chosen[:1]
    if not items:
        raise SourceError(f"{name} holds no records: export it again")
    if len(items) > 1:
        raise SourceError(
            f"{name} holds {len(items)} records ({_listed(items)}): pass --record ID to qualify one, "
            "or run them all with qualify-batch"
        )
    item = items[0]
    if isinstance(item, SourceProblem):
        raise SourceError(f"{name}: record {item.id or item.number} cannot be read: {item.problem}")
    return item


def _ids(item: SourceItem) -> set[str]:
    return set(item.record.values()) if isinstance(item, SourceRecord) else set()


def _listed(items: list[SourceItem]) -> str:
    shown = [item.id or f"line-{item.number}" for item in items[:5]]
    return ", ".join(shown) + (", …" if len(items) > 5 else "")
