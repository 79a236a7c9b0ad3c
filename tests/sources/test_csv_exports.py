"""Salesforce Task and HubSpot note CSVs, and any CSV by named columns, read a record at a time."""

from __future__ import annotations

import io

import pytest

from assistant.sources.csv_rows import csv_source_records, normal_date
from assistant.sources.csv_stream import raw_records
from assistant.sources.model import Columns, SourceError, SourceProblem, SourceRecord
from assistant.sources.read import read_one
from assistant.text.decoding import InputError
from tests.sources.support import fixture, one


def records(
    text: str, kind: str = "auto", columns: Columns | None = None
) -> list[SourceRecord | SourceProblem]:
    return list(csv_source_records(io.StringIO(text, newline=""), kind, columns))


def test_salesforce_tasks_keep_their_ids_and_activity_date() -> None:
    first = one("salesforce-tasks.csv", record="00T5e00000AbCdEFGH")
    assert first.record == {"Id": "00T5e00000AbCdEFGH", "WhoId": "00Q5e00000XyZaBCDE"}
    assert first.call_date == "2026-11-10" and first.notes.startswith(
        "Subject: Discovery call - Kestrel Logistics\n\n"
    )
    second = one("salesforce-tasks.csv", record="0065e00000PlMnBVCX")  # found by its WhatId too
    assert second.id == "00T5e00000AbCdEFGI" and second.call_date == "2026-11-12"  # 11/12/2026


def test_hubspot_notes_lose_their_html_and_keep_associated_ids() -> None:
    first = one("hubspot-notes.csv", record="51234567890")
    assert "<" not in first.notes and "alert" not in first.notes and "color:red" not in first.notes
    assert "- Dispatch scheduling is done on whiteboards & they miss pickups every week." in first.notes
    assert first.record == {
        "hs_object_id": "51234567890",
        "associated_contact_ids": "901",
        "associated_company_ids": "1201",
    }
    assert first.call_date == "2026-11-10"
    assert one("hubspot-notes.csv", record="51234567891").call_date == "2026-11-12"  # milliseconds since 1970


def test_any_csv_through_named_columns() -> None:
    columns = Columns(id="Lead Id", notes="Call Notes", date="Met On")
    record = one("crm-generic.csv", columns=columns)
    assert (
        record.id == "L-1001" and record.record == {"Lead Id": "L-1001"} and record.call_date == "2026-11-10"
    )
    with pytest.raises(
        InputError, match=r"no column 'Body' \(--notes-column\); its columns are: Lead Id, Call Notes"
    ):
        one("crm-generic.csv", columns=Columns(notes="Body"))
    with pytest.raises(InputError, match=r"at least the columns id and notes"):
        one("crm-generic.csv")


def test_broken_rows_are_their_own_problem_and_reading_goes_on() -> None:
    text = 'Id,WhoId,Description\n00T1,003A,"never closed\n00T2,003B,fine notes\n00T3,003C,x,extra\n'
    found = records(text)
    assert [type(item).__name__ for item in found] == ["SourceProblem", "SourceRecord", "SourceProblem"]
    assert isinstance(found[0], SourceProblem) and "never closed, so the 2 lines after it" in found[0].problem
    assert isinstance(found[1], SourceRecord) and found[1].record == {"Id": "00T2", "WhoId": "003B"}
    assert isinstance(found[2], SourceProblem) and "has 4 fields but the header has 3" in found[2].problem


def test_a_record_past_the_limit_is_broken_not_read_to_the_end() -> None:
    lines = 'id,notes\na,"opens\n' + "more words\n" * 50 + "b,fine\n"
    found = list(raw_records(io.StringIO(lines, newline=""), limit=200))
    assert found[1].fields is None and "runs past 200 characters" in (found[1].problem or "")
    assert found[-1].fields == ["b", "fine"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("id,notes,NOTES\n", r"names 'notes' twice"),
        ('id,"notes\n', r"header \(line 1\) cannot be read"),
        ("", r"no header row"),
    ],
)
def test_headers_that_cannot_be_used_refuse_the_file(header: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        records(header)


def test_a_large_export_streams(tmp_path: object) -> None:
    """A 100 MB HubSpot export is read record by record: the first record arrives before the file
    is read (the reader never holds the file)."""
    row = '51234567890,1794499200000,901,"<p>' + "Budget: $120k approved. " * 40 + '</p>"\n'
    text = "hs_object_id,hs_timestamp,associated_contact_ids,hs_note_body\n" + row * 100_000
    stream = io.StringIO(text, newline="")
    items = csv_source_records(stream, "auto")
    first = next(items)
    assert isinstance(first, SourceRecord) and stream.tell() < 1_000_000 < len(text)


def test_a_single_file_over_the_upload_limit_is_refused() -> None:
    with pytest.raises(SourceError, match=r"files over 1 KB are refused"):
        read_one("tasks.csv", fixture("salesforce-tasks.csv") * 3, "auto", 1000)


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("2026-11-10", "2026-11-10"),
        ("11/12/2026", "2026-11-12"),
        ("2026-11-10T23:30:00Z", "2026-11-10"),
        ("1794499200000", "2026-11-12"),
        ("31/02/2027", "31/02/2027"),
        ("soon", "soon"),
    ],
)
def test_crm_dates(given: str, read: str) -> None:
    assert normal_date(given) == read
