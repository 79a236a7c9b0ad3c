"""The model sees who said each line, as the document reader found it; quotes come back unmarked."""

from __future__ import annotations

import pytest

from assistant.extract.document import read_notes
from assistant.qualify.llm_engine import marked_lines, unmarked

TRANSCRIPT = (
    "Lena Fischer (Northpeak Software, AE): Our package starts at $30k. Do you have 200k approved?\n"
    "Omar Haddad (Brightline Logistics, VP Operations): Not yet. We lose 40 hours a week to manual dispatch.\n"
)


def test_each_spoken_line_opens_with_its_party() -> None:
    lines = marked_lines(read_notes(TRANSCRIPT)).splitlines()
    assert lines[0].startswith("[seller] Lena Fischer")
    assert lines[1].startswith("[prospect] Omar Haddad")


def test_blank_lines_and_the_text_itself_are_kept() -> None:
    notes = "Omar Haddad, VP Operations at Brightline.\n\nBudget: $150k approved."
    marked = marked_lines(read_notes(notes))
    assert marked.count("\n") == notes.count("\n")
    for line in notes.splitlines():
        assert line in marked


@pytest.mark.parametrize(
    ("quote", "clean"),
    [
        ("[prospect] We lose 40 hours a week", "We lose 40 hours a week"),
        ("  [note] Budget: $150k approved.", "Budget: $150k approved."),
        ("[seller]Our package starts at $30k", "Our package starts at $30k"),
        ("Budget [note] stays", "Budget [note] stays"),
    ],
)
def test_a_marker_the_model_copied_is_taken_off_its_quote(quote: str, clean: str) -> None:
    assert unmarked(quote) == clean
