"""CSV read record by record from a stream, strictly, so a 100 MB export never sits in memory whole.

Python's csv in its lenient mode reads a quote never closed as one field to the end of the file
(every later row silently joins one row's notes). Here each record is read strictly; a broken one
is reported on its first line and reading resumes on the line after it, from the lines that record
had taken (held back, at most MAX_RECORD_CHARS of them), so the stream is read once. A record
longer than that limit is a broken record too: no notes field is legitimately that long.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from assistant.text.decoding import InputError, looks_binary, utf16_text

MAX_RECORD_CHARS = 4_000_000
"""One CSV record (all its fields) may hold this many characters; notes are cut at
ASSISTANT_MAX_NOTE_CHARS (1,000,000) anyway."""
_SNIFF_BYTES = 65_536


@dataclass(frozen=True)
class RawRecord:
    """One record's first line number, and its fields or the reason it is broken."""

    number: int
    fields: list[str] | None
    problem: str | None = None
    first_line: str = ""


class _TooLong(Exception):
    """A record took more than MAX_RECORD_CHARS characters."""


class _Lines:
    """The stream's lines with their numbers; the lines of a broken record can be pushed back."""

    def __init__(self, stream: io.TextIOBase, limit: int) -> None:
        self.source = enumerate(stream, start=1)
        self.pending: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.size = 0
        self.limit = limit

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        item = self.pending.popleft() if self.pending else next(self.source)
        self.taken.append(item)
        self.size += len(item[1])
        if self.size > self.limit:
            raise _TooLong
        return item[1]

    def start_record(self) -> None:
        self.taken, self.size = [], 0


def raw_records(stream: io.TextIOBase, limit: int = MAX_RECORD_CHARS) -> Iterator[RawRecord]:
    """Every record of the stream, in order, blank lines included as empty field lists."""
    csv.field_size_limit(max(csv.field_size_limit(), limit + 1))  # a note may exceed csv's 128 KB
    lines = _Lines(stream, limit)
    reader = csv.reader(lines, strict=True)
    while True:
        lines.start_record()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except (csv.Error, _TooLong) as exc:
            taken = lines.taken
            swallowed = sum(1 for _, line in taken[1:] if line.strip())
            yield RawRecord(taken[0][0], None, _broken(exc, swallowed, limit), taken[0][1])
            lines.pending.extendleft(reversed(taken[1:]))
            reader = csv.reader(lines, strict=True)
            continue
        yield RawRecord(lines.taken[0][0] if lines.taken else 0, fields)


def _broken(exc: Exception, swallowed: int, limit: int) -> str:
    """A strict-mode csv error in words, with what to do; `swallowed` lines would have joined this row."""
    if isinstance(exc, _TooLong):
        return (
            f"this row runs past {limit:,} characters (a quote opened on this line is likely never closed); "
            "the lines after it are read as rows of their own"
        )
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


def text_stream(binary: BinaryIO, name: str, newline: str = "") -> tuple[io.TextIOBase, list[str]]:
    """A text stream over `binary` in the encoding its first bytes show, and a warning if not UTF-8.

    `newline=""` for CSV (the csv module reads the line ends itself); `"\n"` for JSON lines, where
    only a line feed ends a line."""
    head = binary.read(_SNIFF_BYTES)
    binary.seek(0)
    warnings: list[str] = []
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif utf16_text(head) is not None:
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    elif looks_binary(head):
        raise InputError(
            f"{name} looks like a binary file, not text notes: export it as .txt or paste the text"
        )
    elif _utf8_head(head):
        encoding = "utf-8"
    else:
        encoding = "cp1252"
        warnings.append(f"{name} is not UTF-8; read it as Windows-1252/Latin-1")
    wrapper = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline=newline)
    return wrapper, warnings


def _utf8_head(head: bytes) -> bool:
    """Whether the first bytes are UTF-8 (a character cut at the end of the sample does not count)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason.startswith("unexpected end")
    return True
