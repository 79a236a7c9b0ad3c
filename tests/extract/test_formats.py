"""Formats: each shape real notes arrive in is recognised, and its clauses keep verbatim offsets."""

from __future__ import annotations

import time

import pytest

from assistant.extract.document import read_notes
from assistant.extract.formats import detect_format
from tests.extract.support import clause_with

FORMATS = [
    (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAna Ruiz: Hi there.\n\n2\n00:00:05.000 --> 00:00:09.000\nTom Hale: Hello.\n",
        "vtt",
    ),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Priya Shah>We have about 900 staff.</v>\n", "vtt"),
    ("Speaker 1  0:02\nHi, thanks for joining.\n\nSpeaker 2  0:06\nSure thing.\n", "otter"),
    ("Jo Park  0:00\nMorning!\n\nLiam Cole  0:04\nMorning, go ahead.\n", "otter"),
    ("From: Dana Lee <dana@acme.io>\nTo: team@acme.io\nSubject: Call recap\n\nGood call today.\n", "email"),
    ("De: Marta Gil <marta@ejemplo.es>\nAsunto: Resumen\n\nBuena llamada.\n", "email"),
    ("Ken: Hi.\nMaya: Hello Ken.\nKen: So what do you do?\nMaya: I run finance.\n", "transcript"),
    ("[10:01] Sam (AE): Hi.\n[10:02] Rita Gomez: Hi Sam.\n", "transcript"),
    ("**Q (us):** Budget?\n**A:** About 50k.\n**Q:** Timing?\n**A:** Q2.\n", "transcript"),
    ("Visitor: hi, do you integrate with SAP?\nAgent: We do.\nVisitor: great\n", "transcript"),
    ("- Met the COO\n- 300 staff\n- Decision in March\n", "notes"),
    ("Call with Jane, VP Ops at Corvid Bank. They need faster onboarding.", "notes"),
    (
        "hi this is mark from bluewave calling to follow up on the download um do you have a minute yeah "
        "what do you do i manage the warehouse we have about forty people and we ship pallets all day long "
        "ok great what are you using today mostly excel honestly",
        "speech",
    ),
]


@pytest.mark.parametrize(("notes", "expected"), FORMATS)
def test_format_is_recognised(notes: str, expected: str) -> None:
    assert detect_format(notes) == expected


KINDS = [
    ("Date: March 3, 2026\nSpoke with the CFO.", "Date: March 3, 2026", "metadata"),
    ("---\naccount: Acme\ncreated: 2026-09-14\n---\nCall notes here.", "created: 2026-09-14", "metadata"),
    (
        "Attendees: Dana Ruiz (VP Support, Acme), Sam Ortiz (AE, us)\nNotes follow.",
        "Dana Ruiz (VP Support, Acme)",
        "attendee",
    ),
    ("Participants: Ann Bell (Head of IT, Norcia Bank); Joe Tan (our AE)\n", "Joe Tan (our AE)", "attendee"),
    (
        "Summary\nGood call.\nAction items:\n- Send deck by Nov 20\n- Book demo",
        "Send deck by Nov 20",
        "action_item",
    ),
    ("Notes: wants SSO. Next step: demo 11/18", "Next step: demo 11/18", "action_item"),
    (
        "Próximos pasos:\n- Enviar propuesta el 20 de noviembre\n",
        "Enviar propuesta el 20 de noviembre",
        "action_item",
    ),
    ("Website chat, Nov 2\nVisitor: hello\nBot: hi\n", "Website chat, Nov 2", "heading"),
    (
        "Discovery call - Brightline Foods\nThey have 400 staff.",
        "Discovery call - Brightline Foods",
        "heading",
    ),
    ("Rep: Is there budget?\nKim Wu: Not yet.\n", "Is there budget?", "question"),
    ("Rep: Is there budget?\nKim Wu: Not yet.\n", "Not yet.", "answer"),
    ("Pablo: ¿Hay presupuesto?\nLucía: Sí, 45.000 euros.\nPablo: Gracias.\n", "Sí, 45.000 euros.", "answer"),
    (
        "From: Jess Moe <jess@vendor.io>\nSubject: recap\n\nCOO wants a pilot.\n\nBest,\nJess Moe\nAccount Executive, Vendor",
        "Account Executive, Vendor",
        "signature",
    ),
    (
        "Recap below.\n\nJess Moe | Account Executive | Vendor Inc",
        "Jess Moe | Account Executive | Vendor Inc",
        "signature",
    ),
    (
        "Thanks for the call.\n> We have 200 people and need it by March\n",
        "We have 200 people and need it by March",
        "quoted",
    ),
    (
        "Company: Anselm Biotech | Employees: 1,250 | Next step: demo 11/18",
        "Next step: demo 11/18",
        "action_item",
    ),
    ("Company: Anselm Biotech | Employees: 1,250 | Lead Source: Webinar", "Employees: 1,250", "statement"),
]


@pytest.mark.parametrize(("notes", "fragment", "kind"), KINDS)
def test_clause_kind(notes: str, fragment: str, kind: str) -> None:
    assert clause_with(read_notes(notes), fragment).kind == kind


VERBATIM = [
    "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Priya Shah>We have about 900 staff.</v>\n",
    "[00:12] Carla (Ventas, Nubexa): Hola.\n[00:15] Martín: Somos 120 personas.\n",
    "**A (Ravi Menon, CFO, Silverline):** Close takes 12 days.\n**Q (us):** Budget?\n",
    "Speaker 1  0:02\nHi, it's Nadia with Stackfield.\n\nSpeaker 2  0:05\nWe're about 300 of us.\n",
    "Lead Source: Webinar | Company: Anselm | Notes: Excel everywhere. Wants to decide before Q2.",
    "Attendees: Mia Chen (Northwind – Sales), Rob Haines (Haines & Sons)\nRob: 230 employees.\nMia: Thanks.\nRob: Bye.",
    "From: A B <a@b.io>\nSubject: x\n\nThey need SSO.\n\n-- \nA B | Sales | Vendor",
    "\ufeffDate: 2026-01-02\r\nCall with CFO.\r\n- 500 staff\r\n",
]


@pytest.mark.parametrize("notes", VERBATIM)
def test_every_clause_is_a_verbatim_slice(notes: str) -> None:
    doc = read_notes(notes)
    assert doc.clauses
    for clause in doc.clauses:
        assert notes[clause.start : clause.end] == clause.text
        assert not clause.text.startswith(("<v", "**", "[00", "Speaker 1"))


def test_voice_tag_closing_is_not_part_of_the_quote() -> None:
    doc = read_notes("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Priya Shah>We have about 900 staff.</v>\n")
    assert [c.text for c in doc.clauses] == ["We have about 900 staff."]


def test_reading_is_linear_on_a_long_transcript() -> None:
    line = "[00:01] Ana Ruiz: We lose two hours a day re-keying orders. The CFO approved $80k.\n"
    started = time.perf_counter()
    doc = read_notes(line * 5000)
    assert len(doc.clauses) == 10000
    assert time.perf_counter() - started < 5
