"""Batch qualification: JSONL or CSV in, one JSON line per input out, in order."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.knowledge.load import KnowledgeError
from assistant.library.models import RetrievalError
from assistant.qualify.schemas import BatchLine, QualificationReport
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
    return f"{field}: {first['msg']}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _writable(value: object) -> object:
    """Lone surrogates (JSON allows "\\ud800") become U+FFFD: they cannot be written as UTF-8, and the
    notes' cleaning then reports the unreadable character."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _parse(number: int, row: object) -> BatchItem:
    if not isinstance(row, dict):
        return BatchItem(number, None, "expected a JSON object with id and notes")
    row = {key: _writable(value) for key, value in row.items() if value not in ("", None) or key == "notes"}
    raw_id = str(row["id"]) if row.get("id") is not None else None
    try:
        line = BatchLine.model_validate(row)
    except ValidationError as exc:
        return BatchItem(number, None, _validation_message(exc), raw_id)
    if not line.notes.strip():
        return BatchItem(number, None, "the notes are empty", line.id)
    return BatchItem(number, line)


def _jsonl_items(text: str) -> Iterator[BatchItem]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield BatchItem(number, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _parse(number, row)


def _csv_items(text: str) -> Iterator[BatchItem]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"id", "notes"} <= set(reader.fieldnames):
        raise InputError("the CSV needs a header row with at least the columns id and notes")
    for number, row in enumerate(reader, start=2):
        yield _parse(number, dict(row))


def read_batch(path: Path) -> list[BatchItem]:
    """Read every line of a JSONL or CSV batch; bad lines become items with an error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the batch file ({exc.strerror or exc})") from exc
    text = decode_bytes(data, str(path)).text
    if not text.strip():
        raise InputError(f"{path} is empty: give one JSON object per line, or a CSV with id,notes")
    is_csv = path.suffix.lower() == ".csv" or not text.lstrip().startswith("{")
    return list(_csv_items(text) if is_csv else _jsonl_items(text))


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
