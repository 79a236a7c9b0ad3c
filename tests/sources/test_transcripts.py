"""Gong, Fireflies, Zoom/Teams WebVTT, Otter and notetaker Markdown read into lines the reader reads."""

from __future__ import annotations

import json
import re

import pytest

from assistant.sources.gong import gong_records
from assistant.sources.model import SourceError, SourceProblem
from assistant.sources.read import detect_format, read_one
from assistant.sources.transcript import Turn, reader_name, render_transcript
from tests.sources.support import LIMIT, fixture, one, parties, party_of


def test_gong_parties_decide_seller_and_prospect_and_the_call_date() -> None:
    record = one("gong-call.json")
    assert record.id == "7782342274025937895" and record.record == {"callId": "7782342274025937895"}
    assert record.call_date == "2026-11-10"  # the call's start, in its own offset
    assert "Jordan Blake (seller): " in record.notes and "Marta Quinn (prospect): " in record.notes
    assert parties(record.notes) == {"Jordan Blake": {"seller"}, "Marta Quinn": {"prospect"}}
    assert party_of(record.notes, "our package starts at $60k") == "seller"
    assert "Contact: Marta Quinn, VP Finance" in record.notes  # the prospect's title, not in brackets


def test_gong_sides_come_from_affiliation_even_when_words_would_say_otherwise() -> None:
    """A prospect who pitches and asks questions is still the prospect when Gong says External;
    a title with 'Sales' or a company 'US Foods' never reaches the brackets the reader trusts."""
    document = {
        "callTranscripts": [
            {
                "callId": "1",
                "transcript": [
                    {
                        "speakerId": "a",
                        "sentences": [
                            {"start": 0, "text": "Our platform usually saves time. Can I send you pricing?"}
                        ],
                    },
                    {
                        "speakerId": "b",
                        "sentences": [{"start": 5000, "text": "What do you charge? We have $80k approved."}],
                    },
                ],
                "parties": [
                    {
                        "speakerId": "a",
                        "name": "Kim Lo",
                        "title": "VP Sales, US Foods",
                        "affiliation": "External",
                    },
                    {
                        "speakerId": "b",
                        "name": "Ana Diaz",
                        "title": "Account Executive",
                        "affiliation": "Internal",
                    },
                ],
                "metaData": {"started": "2027-01-05T09:00:00Z", "title": "Call"},
            }
        ]
    }
    (record,) = gong_records("call.json", document)
    assert not isinstance(record, SourceProblem)
    assert parties(record.notes) == {"Kim Lo": {"prospect"}, "Ana Diaz": {"seller"}}
    assert record.call_date == "2027-01-05"


def test_gong_without_parties_lets_the_reader_decide() -> None:
    data = json.loads(fixture("gong-call.json"))
    del data["calls"]
    (record,) = gong_records("call.json", data)
    assert not isinstance(record, SourceProblem)
    assert "(seller)" not in record.notes and record.call_date is None
    assert party_of(record.notes, "our package starts at $60k") == "seller"  # the pitch says so


@pytest.mark.parametrize("name", ["zoom-call.vtt", "teams-call.vtt", "otter-call.txt"])
def test_recorder_transcripts_keep_speakers_and_join_cut_sentences(name: str) -> None:
    record = one(name)
    assert parties(record.notes) == {"Sam Ortiz": {"seller"}, "Lena Fischer": {"prospect"}}
    if name.endswith(".vtt"):  # the cue cut "about 650 / employees" is one sentence again
        assert "about 650 employees" in record.notes and "-->" not in record.notes
        assert re.match(r"\[0:0[01]\] Sam Ortiz: Thanks", record.notes)  # the cue's time, kept


def test_fireflies_envelope_names_and_date() -> None:
    record = one("fireflies-call.json")
    assert record.id == "01FF-FIXTURE-TEST" and record.call_date == "2026-11-12"
    assert parties(record.notes) == {"Priya Raman": {"seller"}, "Omar Haddad": {"prospect"}}


def test_notetaker_markdown_labels_and_action_heading_are_read() -> None:
    record = one("notetaker-summary.md")
    assert "Attendees: Lena Fischer" in record.notes and "\nAction items:\n" in record.notes
    assert party_of(record.notes, "Sam Ortiz (AE, us)") == "seller"


def test_detection_from_name_and_first_bytes() -> None:
    assert detect_format("x.json", fixture("gong-call.json")) == "gong"
    assert detect_format("x.json", fixture("fireflies-call.json")) == "fireflies"
    assert detect_format("x.jsonl", b'{"id": 1, "notes": "n"}\n') == "jsonl"
    assert detect_format("x.txt", b"WEBVTT\n\n1\n") == "vtt"
    assert detect_format("standard input", fixture("gong-call.json")) == "gong"
    assert detect_format("notes.txt", b"Call with Dana") == "text"


@pytest.mark.parametrize(
    ("name", "data", "fmt", "message"),
    [
        ("call.json", b'{"callTranscripts": [{"callId": "1", "transcript": [', "auto", r"cut short"),
        ("call.json", b'{"calls": []}', "gong", r"not a Gong transcript export: expected"),
        ("call.json", b"[1, 2]", "fireflies", r"not a Fireflies transcript export"),
        ("call.json", b'{"callTranscripts": "x"}', "gong", r"not a Gong"),
        (
            "call.json",
            b'{"callTranscripts": [{"callId": "9", "transcript": []}]}',
            "gong",
            r"record 9 .* no sentences",
        ),
        ("call.vtt", b"WEBVTT\n\nNOTE only a note\n", "auto", r"no captions"),
        ("call.txt", b"Dana: hello\n", "vtt", r"not a WebVTT file"),
        ("call.txt", b"Dana: hello\n", "otter", r"not an Otter transcript"),
        ("calls.jsonl", b'{"id": "a", "notes": "x"}\n', "auto", r"qualify-batch"),
        ("call.json", b"[" * 100_000, "fireflies", r"nested too deeply|not a readable"),
    ],
    ids=[
        "truncated",
        "wrong-shape",
        "list-of-numbers",
        "transcripts-not-a-list",
        "no-sentences",
        "no-cues",
        "not-vtt",
        "not-otter",
        "jsonl-is-a-batch",
        "deep",
    ],
)
def test_bad_transcript_files_are_refused_clearly(name: str, data: bytes, fmt: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        read_one(name, data, fmt, LIMIT)


def test_a_json_export_over_the_limit_is_refused_before_it_is_parsed() -> None:
    data = b'{"callTranscripts": [' + b" " * 3000 + b"]}"
    with pytest.raises(SourceError, match=r"over 2 KB are refused \(ASSISTANT_MAX_UPLOAD_BYTES\)"):
        read_one("big.json", data, "auto", 2000)


def test_a_file_of_several_calls_asks_which_and_finds_it_by_id() -> None:
    data = json.loads(fixture("gong-call.json"))
    data["callTranscripts"].append(dict(data["callTranscripts"][0], callId="42"))
    raw = json.dumps(data).encode()
    with pytest.raises(SourceError, match=r"holds 2 records \(7782342274025937895, 42\): pass --record ID"):
        read_one("calls.json", raw, "auto", LIMIT)
    assert read_one("calls.json", raw, "auto", LIMIT, record="42").id == "42"
    with pytest.raises(SourceError, match=r"no record 'nope'"):
        read_one("calls.json", raw, "auto", LIMIT, record="nope")


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Dana Ruiz", "Dana Ruiz"),
        ("dana ruiz", "Dana Ruiz"),
        ("Budget", "Speaker 3"),
        ("Rep", "Speaker 3"),
        ("José (Acme): x", "José Acme X"),
        ("", "Speaker 3"),
        ("Ünal Çelik", "Speaker 3"),
        ("A B C D E F", "A B C D"),
    ],
)
def test_speaker_names_are_written_so_the_reader_reads_them_as_speakers(name: str, written: str) -> None:
    assert reader_name(name, 3) == written


def test_two_speakers_written_alike_stay_two_speakers() -> None:
    notes = render_transcript([Turn("Budget", "hello", "seller"), Turn("Notes", "we have $90k", "prospect")])
    assert "Speaker 1 (seller): hello" in notes and "Speaker 2 (prospect): we have $90k" in notes
