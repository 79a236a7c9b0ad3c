"""CSV exports as records: Salesforce Tasks, HubSpot notes, and any CSV with named columns.

The layout comes from the header: `hs_note_body` is a HubSpot notes export; `Description` with
`WhoId`, `WhatId` or `ActivityDate` is a Salesforce Task export; anything else is read through the
columns named (`--id-column`, `--notes-column`, `--date-column`; by default `id`, `notes`,
`call_date`, the batch's own CSV). The CRM ids of each row go into the record so the results can
be written back to it (`export crm`). Rows are read one at a time from the stream.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from assistant.sources.csv_stream import RawRecord, raw_records
from assistant.sources.model import Columns, SourceItem, SourceProblem, SourceRecord
from assistant.text.decoding import InputError

SALESFORCE_IDS = ("Id", "WhoId", "WhatId", "AccountId")
_HUBSPOT_IDS = ("hs_object_id", "record id", "note id")
_MAX_EPOCH_MS = 10**14


@dataclass(frozen=True)
class Layout:
    """Which columns (lower-cased header names) give the id, the notes, the date and the CRM ids."""

    kind: str
    id: str | None
    notes: tuple[str, ...]
    date: str | None
    record: tuple[str, ...] = ()
    html: bool = False
    names: dict[str, str] = field(default_factory=dict)
    """lower-cased -> the header as written (the record ids keep the CRM's own names)."""


def csv_source_records(
    stream: io.TextIOBase, kind: str = "auto", columns: Columns | None = None
) -> Iterator[SourceItem]:
    """Every data row as a record or a problem; InputError when the header cannot be used."""
    records = raw_records(stream)
    header = _header(records)
    layout = choose_layout(header, kind, columns or Columns())
    for raw in records:
        item = _row(raw, header, layout)
        if item is not None:
            yield item


def _header(records: Iterator[RawRecord]) -> list[str]:
    """The first non-blank record, as written; a broken or repeated header refuses the file."""
    for raw in records:
        if raw.fields is None:
            raise InputError(f"the CSV header (line {raw.number}) cannot be read: {raw.problem}")
        if not any(cell.strip() for cell in raw.fields):
            continue
        names = [cell.strip() for cell in raw.fields]
        lowered = [name.lower() for name in names]
        repeated = sorted({name for name in lowered if lowered.count(name) > 1 and name})
        if repeated:
            raise InputError(
                f"the CSV header names {', '.join(map(repr, repeated))} twice: give each column once"
            )
        return names
    raise InputError("the CSV has no header row: the first line must name the columns")


def choose_layout(header: list[str], kind: str, columns: Columns) -> Layout:
    """The layout the header (or the format asked for) says; refuse one whose columns are missing."""
    names = {name.lower(): name for name in header}
    if kind == "auto":
        kind = detect_csv_kind(set(names))
    if kind == "hubspot":
        found = next((name for name in _HUBSPOT_IDS if name in names), None)
        record = tuple(n for n in names if n.startswith(("associat", "hs_object_id")) or n == found)
        layout = Layout("hubspot", found, ("hs_note_body",), "hs_timestamp", record, True, names)
    elif kind == "salesforce":
        record = tuple(name.lower() for name in SALESFORCE_IDS if name.lower() in names)
        layout = Layout(
            "salesforce",
            "id" if "id" in names else None,
            ("subject", "description"),
            "activitydate",
            record,
            names=names,
        )
    else:
        layout = Layout("csv", "id", ("notes",), "call_date", names=names)
    return _with_columns(layout, columns, names)


def detect_csv_kind(lowered: set[str]) -> str:
    """'hubspot', 'salesforce' or 'csv' from the header's lower-cased names."""
    if "hs_note_body" in lowered:
        return "hubspot"
    if "description" in lowered and lowered & {"whoid", "whatid", "activitydate"}:
        return "salesforce"
    return "csv"


def _with_columns(layout: Layout, columns: Columns, names: dict[str, str]) -> Layout:
    """Apply --id-column, --notes-column and --date-column, checking each exists."""
    given = {"--id-column": columns.id, "--notes-column": columns.notes, "--date-column": columns.date}
    for option, column in given.items():
        if column and column.lower() not in names:
            raise InputError(
                f"the CSV has no column {column!r} ({option}); its columns are: {', '.join(names.values())}"
            )
    notes = (columns.notes.lower(),) if columns.notes else layout.notes
    ident = columns.id.lower() if columns.id else layout.id
    date = columns.date.lower() if columns.date else layout.date
    record = layout.record or ((ident,) if columns.id and ident else ())
    if not any(column in names for column in notes) or (layout.kind == "csv" and ident not in names):
        wanted = " and ".join(c for c in (ident if layout.kind == "csv" else None, *notes) if c)
        raise InputError(
            f"the CSV needs a header row with at least the columns {wanted} "
            "(or name them with --id-column and --notes-column)"
        )
    return Layout(layout.kind, ident, notes, date, record, layout.html, names)


def _row(raw: RawRecord, header: list[str], layout: Layout) -> SourceItem | None:
    """One data row as a record, its problem, or None for a blank line."""
    if raw.fields is None:
        named = raw.first_line.split(",", 1)[0].strip()
        return SourceProblem(raw.number, raw.problem or "", None if '"' in named else named or None)
    if not raw.fields or not any(cell.strip() for cell in raw.fields):
        return None
    if len(raw.fields) != len(header):
        return SourceProblem(raw.number, _ragged(raw.number, len(raw.fields), header), raw.fields[0] or None)
    row = {name.lower(): cell for name, cell in zip(header, raw.fields, strict=True)}
    return _record(raw.number, row, layout)


def _record(number: int, row: dict[str, str], layout: Layout) -> SourceRecord:
    """The row's notes, id, call date and CRM ids as the layout says."""
    notes = _notes(row, layout)
    record = {
        layout.names[column]: row[column].strip() for column in layout.record if row.get(column, "").strip()
    }
    ident = row.get(layout.id or "", "").strip() or None
    if ident is None and layout.kind != "csv":  # a CRM export without an id column: name the row
        ident = next(iter(record.values()), None) if len(record) == 1 else f"line-{number}"
    date = row.get(layout.date or "", "").strip()
    return SourceRecord(number, ident, notes, normal_date(date) if date else None, record)


def _notes(row: dict[str, str], layout: Layout) -> str:
    """The notes text: a Task's Subject as a header line over its Description; HTML made text."""
    if layout.kind == "salesforce" and len(layout.notes) == 2:
        subject, body = row.get("subject", "").strip(), row.get("description", "")
        return f"Subject: {subject}\n\n{body}" if subject and body.strip() else body
    text = "\n\n".join(row[column] for column in layout.notes if column in row)
    if layout.html:
        from assistant.sources.html_text import html_to_text

        return html_to_text(text)
    return text


def normal_date(text: str) -> str:
    """A CRM date as YYYY-MM-DD when it can be read (ISO date or time, M/D/YYYY, milliseconds since
    1970); otherwise as given, so the batch names what is wrong with it."""
    try:
        if text.isdigit() and len(text) >= 10 and int(text) < _MAX_EPOCH_MS:
            return dt.datetime.fromtimestamp(int(text) / 1000, tz=dt.UTC).date().isoformat()
        if "/" in text:
            return dt.datetime.strptime(text.split()[0], "%m/%d/%Y").date().isoformat()
        if "T" in text or " " in text.strip():
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return text
    return text


def _ragged(number: int, count: int, header: list[str]) -> str:
    """A row whose fields do not line up with the header's columns."""
    columns = ", ".join(header)
    return (
        f"line {number} has {count} field{'s' * (count != 1)} but the header has {len(header)} ({columns}): "
        "put notes that contain commas in double quotes"
    )
