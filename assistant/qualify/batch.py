"""Batch qualification: JSONL or CSV in, one JSON line per input out, in order.

Whatever is wrong with one line (JSON nested 100,000 deep, a 5,000-digit number, an id that is an
object, an id an earlier line has, an impossible call date, a CSV row with a stray quote or too
many commas) is that line's `{"id", "error"}` row; the other lines still run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.knowledge.load import KnowledgeError
from assistant.library.models import RetrievalError
from assistant.qualify.batch_csv import csv_records
from assistant.qualify.schemas import MAX_ID_CHARS, BatchLine, QualificationReport
from assistant.text.decoding import InputError, decode_bytes


@dataclass(frozen=True)
class BatchItem:
    """One input line: parsed, or the reason it could not be."""

    number: int
    line: BatchLine | None
    error: str | None = None
    raw_id: str | None = None

    @property
    def id(self) -> str:
        return self.line.id if self.line else (self.raw_id or f"line-{self.number}")


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "line"
    return f"{field}: {first['msg'].removeprefix('Value error, ')}"


_SURROGATE = re.compile("[\ud800-\udfff]")
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})


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
    return BatchItem(number, line)


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


def _jsonl_items(text: str) -> Iterator[BatchItem]:
    """One item per non-blank line; only a line feed ends a line (U+2028 may sit inside a JSON string)."""
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = _json_row(raw)
        except ValueError as exc:
            yield BatchItem(number, None, str(exc))
            continue
        yield _parse(number, row)


def _csv_items(text: str) -> Iterator[BatchItem]:
    for record in csv_records(text):
        if record.fields is None:
            yield BatchItem(record.number, None, record.problem, shown_id(record.first_field))
        else:
            yield _parse(record.number, record.fields)


def _flag_repeated_ids(items: list[BatchItem]) -> list[BatchItem]:
    """A later line with an id an earlier line has is that line's error: the output rows are keyed by id."""
    first: dict[str, int] = {}
    flagged: list[BatchItem] = []
    for item in items:
        named = item.line.id if item.line else item.raw_id
        if named is not None and named in first:
            problem = f"the id {named!r} is also on line {first[named]}: give each line its own id"
            item = BatchItem(item.number, None, problem, named)
        elif named is not None:
            first[named] = item.number
        flagged.append(item)
    return flagged


def read_batch(path: Path) -> list[BatchItem]:
    """Read every line of a JSONL or CSV batch; bad lines become items with an error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the batch file ({exc.strerror or exc})") from exc
    text = decode_bytes(data, str(path)).text
    if not text.strip():
        raise InputError(f"{path} is empty: give one JSON object per line, or a CSV with id,notes")
    suffix = path.suffix.lower()
    is_csv = suffix == ".csv" or (suffix not in JSONL_SUFFIXES and not text.lstrip().startswith("{"))
    return _flag_repeated_ids(list(_csv_items(text) if is_csv else _jsonl_items(text)))


Qualify = Callable[[BatchItem], QualificationReport]


def run_item(item: BatchItem, qualify: Qualify) -> dict[str, object]:
    """One output row: the report, or the error; never raises, so one line never stops the batch."""
    if item.line is None:
        return {"id": item.id, "error": item.error}
    try:
        report = qualify(item)
    except (InputError, ValueError) as exc:
        return {"id": item.id, "error": str(exc)}
    except (RetrievalError, KnowledgeError):
        raise  # the index or the knowledge files are broken: no line can run, so say it once
    except Exception as exc:  # an unforeseen failure on this line; the other lines still run
        return {
            "id": item.id,
            "error": f"could not qualify this line ({type(exc).__name__}: {str(exc)[:300]})",
        }
    return {"id": item.id, "report": report.model_dump(mode="json")}
