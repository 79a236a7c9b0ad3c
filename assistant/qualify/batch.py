"""Batch qualification: JSONL, CSV or a call-recorder/CRM export in, one JSON line per input out, in order.

Files are read as they are qualified (a JSONL or CSV line at a time), so a 100 MB export never sits
in memory whole; the CRM ids of each record (`record`) travel to its output line.

Whatever is wrong with one line (JSON nested 100,000 deep, a 5,000-digit number, an id that is an
object, an id an earlier line has, an impossible call date, a CSV row with a stray quote or too
many commas) is that line's `{"id", "error"}` row; the other lines still run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from assistant.knowledge.load import KnowledgeError
from assistant.library.models import RetrievalError
from assistant.qualify.schemas import MAX_ID_CHARS, BatchLine, QualificationReport
from assistant.sources.model import Columns, SourceItem, SourceProblem
from assistant.sources.read import detect_format, read_many
from assistant.text.decoding import MAX_FILE_BYTES, InputError


@dataclass(frozen=True)
class BatchItem:
    """One input line: parsed, or the reason it could not be."""

    number: int
    line: BatchLine | None
    error: str | None = None
    raw_id: str | None = None
    record: dict[str, str] = field(default_factory=dict)
    """The CRM ids of the record (a Task's WhoId, a note's associated ids), copied to the output."""
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.line.id if self.line else (self.raw_id or f"line-{self.number}")


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "line"
    return f"{field}: {first['msg'].removeprefix('Value error, ')}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _writable(value: object) -> object:
    """Lone surrogates (JSON allows "\\ud800") become U+FFFD: they cannot be written as UTF-8, and the
    notes' cleaning then reports the unreadable character."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def shown_id(value: object) -> str | None:
    """An id as the output row may repeat it: text or a whole number of at most MAX_ID_CHARS, else None
    (the row is then named line-N: an object, or 5,000 digits, is no name to print)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = value if isinstance(value, str) else f"{value}"
    return text if 0 < len(text) <= MAX_ID_CHARS else None


def _parse(number: int, row: object) -> BatchItem:
    if not isinstance(row, dict):
        return BatchItem(number, None, "expected a JSON object with id and notes")
    row = {key: _writable(value) for key, value in row.items() if value not in ("", None) or key == "notes"}
    raw_id = shown_id(row.get("id"))
    try:
        line = BatchLine.model_validate(row)
    except ValidationError as exc:
        return BatchItem(number, None, _validation_message(exc), raw_id)
    if not line.notes.strip():
        return BatchItem(number, None, "the notes are empty", line.id)
    return BatchItem(number, line, record=_record_ids(row.get("record")))


def _record_ids(value: object) -> dict[str, str]:
    """A JSONL line's `record` object of CRM ids, kept when it is flat text or whole numbers."""
    if not isinstance(value, dict):
        return {}
    return {str(key)[:MAX_ID_CHARS]: str(v)[:MAX_ID_CHARS] for key, v in value.items() if shown_id(v)}


def _json_row(raw: str) -> object:
    """One line's JSON value; a line too deep or with a number too long to read is a ValueError."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise ValueError(
            'not read: the JSON is nested too deeply; give one flat object {"id", "notes"}'
        ) from exc
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits
        raise ValueError(
            "not read: a number on this line has more than 4,300 digits; write ids as text or short numbers"
        ) from exc


def _jsonl_items(lines: Iterable[str]) -> Iterator[BatchItem]:
    """One item per non-blank line; only a line feed ends a line (U+2028 may sit inside a JSON string)."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = _json_row(raw)
        except ValueError as exc:
            yield BatchItem(number, None, str(exc))
            continue
        yield _parse(number, row)


def _source_items(items: Iterable[SourceItem]) -> Iterator[BatchItem]:
    """Records of a CSV or an export as batch items, each with its CRM ids and reading warnings."""
    for item in items:
        if isinstance(item, SourceProblem):
            yield BatchItem(item.number, None, item.problem, shown_id(item.id))
            continue
        row = {"id": item.id, "notes": item.notes, "call_date": item.call_date}
        parsed = _parse(item.number, row)
        yield replace(parsed, record=dict(item.record), warnings=list(item.warnings))


def _flag_repeated_ids(items: Iterable[BatchItem]) -> Iterator[BatchItem]:
    """A later line with an id an earlier line has is that line's error: the output rows are keyed by id."""
    first: dict[str, int] = {}
    for item in items:
        named = item.line.id if item.line else item.raw_id
        if named is not None and named in first:
            problem = f"the id {named!r} is also on line {first[named]}: give each line its own id"
            item = BatchItem(item.number, None, problem, named)
        elif named is not None:
            first[named] = item.number
        yield item


def iter_batch(
    path: Path, fmt: str = "auto", columns: Columns | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[BatchItem]:
    """The batch's items as the file is read; InputError (before any item) when the file cannot be used."""
    try:
        with path.open("rb") as probe:
            head = probe.read(65_536)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the batch file ({exc.strerror or exc})") from exc
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe") and len(head) < 65_536:
        raise InputError(f"{path} is empty: give one JSON object per line, or a CSV with id,notes")
    if fmt == "auto":
        fmt = detect_format(path.name, head)
        if fmt == "text":  # no telling suffix: JSON lines start with '{', anything else is a CSV
            fmt = "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"
    records = read_many(path, fmt, max_bytes, columns)
    items = _jsonl_file(path) if records is None else _source_items(records)
    first = next(items, None)  # a header the file cannot be read with is said before any output
    return _flag_repeated_ids(_chain(first, items))


def _chain(first: BatchItem | None, rest: Iterator[BatchItem]) -> Iterator[BatchItem]:
    if first is not None:
        yield first
        yield from rest


def _jsonl_file(path: Path) -> Iterator[BatchItem]:
    from assistant.sources.csv_stream import text_stream

    with path.open("rb") as binary:
        text, _ = text_stream(binary, str(path), newline="\n")
        yield from _jsonl_items(line.rstrip("\r\n") for line in text)


def read_batch(path: Path, fmt: str = "auto", columns: Columns | None = None) -> list[BatchItem]:
    """Every item of a batch file at once (tests and small files; the CLI streams with iter_batch)."""
    return list(iter_batch(path, fmt, columns))


Qualify = Callable[[BatchItem], QualificationReport]


def run_item(item: BatchItem, qualify: Qualify) -> dict[str, object]:
    """One output row: the report, or the error; never raises, so one line never stops the batch."""
    ids = {"record": item.record} if item.record else {}
    if item.line is None:
        return {"id": item.id, **ids, "error": item.error}
    try:
        report = qualify(item)
        report.warnings[:0] = item.warnings
    except (InputError, ValueError) as exc:
        return {"id": item.id, **ids, "error": str(exc)}
    except (RetrievalError, KnowledgeError):
        raise  # the index or the knowledge files are broken: no line can run, so say it once
    except Exception as exc:  # an unforeseen failure on this line; the other lines still run
        return {
            "id": item.id,
            **ids,
            "error": f"could not qualify this line ({type(exc).__name__}: {str(exc)[:300]})",
        }
    return {"id": item.id, **ids, "report": report.model_dump(mode="json")}
