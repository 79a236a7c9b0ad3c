"""The CSV side of `qualify-batch`: one record per row, and each row's structural problem as that row's.

Python's `csv` in its default (lenient) mode reads a quote that is never closed as one field
running to the end of the file, so every later row silently becomes part of one row's notes,
and it drops or pads the fields of a row with too many or too few commas. Here records are read
strictly, one at a time, with the line each starts on: a broken record is reported on its first
line and reading resumes on the next line, and a row whose field count is not the header's is
that row's error.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.text.decoding import InputError

REQUIRED_COLUMNS = frozenset({"id", "notes"})


@dataclass(frozen=True)
class CsvRecord:
    """One record: the line it starts on, and its fields by column, or the reason it is broken."""

    number: int
    fields: dict[str, str] | None
    problem: str | None = None
    first_field: str | None = None


def csv_records(text: str) -> Iterator[CsvRecord]:
    """Every non-blank record after the header, with its problem when its structure is wrong."""
    lines = [line + "\n" for line in text.replace("\r\n", "\n").split("\n")]
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # a note may exceed csv's 128 KB
    header, start = _header(lines)
    for number, fields, problem in _raw_records(lines, start):
        first = fields[0] if fields else None
        if problem is not None:  # the id, when the broken line starts with a plain one
            named = lines[number - 1].split(",", 1)[0].strip()
            yield CsvRecord(number, None, problem, None if '"' in named else named)
        elif not fields:
            continue  # a blank line
        elif len(fields) != len(header):
            yield CsvRecord(number, None, _ragged(number, len(fields), header), first)
        else:
            yield CsvRecord(number, dict(zip(header, fields, strict=True)), first_field=first)


def _header(lines: list[str]) -> tuple[list[str], int]:
    """The column names and the index of the line after them; refuse a header without id and notes."""
    for number, fields, problem in _raw_records(lines, 0):
        if problem is not None:
            raise InputError(f"the CSV header (line {number}) cannot be read: {problem}")
        if not fields or not any(field.strip() for field in fields):
            continue
        names = [field.strip().lower() for field in fields]
        if not set(names) >= REQUIRED_COLUMNS:
            break
        repeated = sorted({name for name in names if names.count(name) > 1 and name})
        if repeated:
            raise InputError(
                f"the CSV header names {', '.join(map(repr, repeated))} twice: give each column once"
            )
        return names, number
    raise InputError("the CSV needs a header row with at least the columns id and notes")


def _raw_records(lines: list[str], start: int) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """(first line number, fields or None, problem or None) per record of lines[start:].

    A broken record is reported on its first line and reading resumes on the line after it, so
    one stray quote costs one row, not every row after it.
    """
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), strict=True)
        consumed = 0
        try:
            for fields in reader:
                yield start + consumed + 1, fields, None
                consumed = reader.line_num
        except csv.Error as exc:
            first = start + consumed
            swallowed = sum(1 for line in lines[first + 1 : start + reader.line_num] if line.strip())
            yield first + 1, None, _broken(exc, swallowed)
            start = first + 1
            continue
        return


def _broken(exc: csv.Error, swallowed: int) -> str:
    """A strict-mode csv error in words, with what to do; `swallowed` lines would have joined this row."""
    detail = str(exc)
    if "unexpected end of data" in detail:
        return (
            f"a quote opened on this line is never closed, so the {swallowed} line{'s' * (swallowed != 1)} "
            "after it would have been read as this row's notes (they are read as rows of their own); "
            'close the quote, or write a quote inside a field as two ("")'
        )
    if "expected after" in detail:
        return 'a quote inside a quoted field must be written as two (""); the row was not read'
    return f"the row cannot be read as CSV ({detail})"


def _ragged(number: int, count: int, header: list[str]) -> str:
    """A row whose fields do not line up with the header's columns."""
    columns = ", ".join(header)
    return (
        f"line {number} has {count} field{'s' * (count != 1)} but the header has {len(header)} ({columns}): "
        "put notes that contain commas in double quotes"
    )
