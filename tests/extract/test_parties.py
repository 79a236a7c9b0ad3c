"""Parties: the seller's words are found without literal tags and never become evidence."""

from __future__ import annotations

import pytest

from assistant.extract.document import read_notes
from tests.extract.support import clause_with

PARTIES = [
    # named transcripts where the seller introduces themselves
    (
        "Lena Fischer: Hi Marco, Lena from Tallyworks here, thanks for making time.\nMarco Bianchi: Sure.\n"
        "Lena Fischer: Most customers invest around $60k a year.\nMarco Bianchi: We're 350 people.",
        "Most customers invest around $60k a year.",
        "seller",
    ),
    (
        "Lena Fischer: Hi Marco, Lena from Tallyworks here, thanks for making time.\nMarco Bianchi: Sure.\n"
        "Lena Fischer: Most customers invest around $60k a year.\nMarco Bianchi: We're 350 people.",
        "We're 350 people.",
        "prospect",
    ),
    (
        "Chris Patel: Hi Elena, Chris from Arcwise. Thanks for taking the time.\nElena Sokolova: I'm VP of Engineering.\n"
        "Chris Patel: Is there budget?\nElena Sokolova: Not yet.",
        "I'm VP of Engineering.",
        "prospect",
    ),
    (
        "Chris Patel: Hi Elena, Chris from Arcwise. Thanks for taking the time.\nElena Sokolova: I'm VP of Engineering.\n"
        "Chris Patel: Is there budget?\nElena Sokolova: Not yet.",
        "Is there budget?",
        "seller",
    ),
    # bracketed roles and companies
    (
        "[09:00] Sam (AE): Our platform has SSO and a REST API.\n[09:02] Priya Nair: OK, we have 900 staff.",
        "Our platform has SSO and a REST API.",
        "seller",
    ),
    ("Alex (SDR): Do you have 200k approved?\nJordan Lee: Yes.", "Do you have 200k approved?", "seller"),
    (
        "Carla (Ventas, Nubexa): Ayudamos a bancos.\nMartín Suárez: Somos 120 personas.",
        "Ayudamos a bancos.",
        "seller",
    ),
    (
        "Mia Chen (Northwind Analytics – Sales): We build analytics.\nRob Haines (Haines Supply): We're 230 people.",
        "We build analytics.",
        "seller",
    ),
    (
        "Mia Chen (Northwind Analytics – Sales): We build analytics.\nRob Haines (Haines Supply): We're 230 people.",
        "We're 230 people.",
        "prospect",
    ),
    (
        "Jo (our AE): What is the process?\nTomás (Head of Ops, Kestrel): Over 100k goes to the CTO.",
        "What is the process?",
        "seller",
    ),
    (
        "Dee (Solutions Consultant): We support SAML.\nOmar (IT Manager, Fenwick): Fine.",
        "We support SAML.",
        "seller",
    ),
    # bold Markdown interviews and Q/A
    (
        "**Q (us):** What's driving this?\n**A (Ravi Menon, CFO, Silverline):** Close takes 12 days.",
        "What's driving this?",
        "seller",
    ),
    (
        "**Q (us):** What's driving this?\n**A (Ravi Menon, CFO, Silverline):** Close takes 12 days.",
        "Close takes 12 days.",
        "prospect",
    ),
    ("Q: How many staff?\nA: About 700.\nQ: Budget?\nA: 90k approved.", "About 700.", "prospect"),
    ("P: ¿Cuántos empleados?\nR: Unos 300.\nP: ¿Presupuesto?\nR: 40.000 euros.", "Unos 300.", "prospect"),
    # attendee lists decide who is who
    (
        "Attendees: Dana Whitfield (VP Support, Corlane), Sam Ortiz (Account Executive, us)\n"
        "Sam: Tell me about the team.\nDana: 40k tickets a month.\nSam: Thanks.\nDana: Sure.",
        "Tell me about the team.",
        "seller",
    ),
    (
        "Asistentes: Lucía Romero (Directora, Clínica Sol), Pablo Gil (ejecutivo de cuentas, nosotros)\n"
        "Pablo: ¿Presupuesto?\nLucía: Sí, aprobado.\nPablo: Gracias.",
        "Sí, aprobado.",
        "prospect",
    ),
    (
        "Participants: Tomás Herrera (Head of Network Ops, Kestrel), Jo Alvarez (our AE)",
        "Jo Alvarez (our AE)",
        "seller",
    ),
    # Otter, VTT and chat logs
    (
        "Speaker 1  0:02\nHey, it's Nadia with Stackfield, thanks for hopping on.\n\nSpeaker 2  0:05\n"
        "I'm the operations lead, about 300 of us.\n",
        "I'm the operations lead, about 300 of us.",
        "prospect",
    ),
    (
        "Speaker 1  0:02\nHey, it's Nadia with Stackfield, thanks for hopping on.\n\nSpeaker 2  0:05\n"
        "I'm the operations lead, about 300 of us.\n",
        "Hey, it's Nadia with Stackfield, thanks for hopping on.",
        "seller",
    ),
    (
        "WEBVTT\n\n00:00:01.000 --> 00:00:06.000\n<v Chris Patel>Hi Elena, Chris from Arcwise. Thanks for the time.</v>\n\n"
        "00:00:06.500 --> 00:00:15.000\n<v Elena Sokolova>We're a utility, roughly 4,000 people.</v>\n",
        "We're a utility, roughly 4,000 people.",
        "prospect",
    ),
    ("Visitor: do you have an API?\nBot: Yes! Our API covers everything.\nVisitor: cool", "Yes!", "seller"),
    (
        "Visitor: do you have an API?\nAgent: We do, here is a link.\nVisitor: thanks, we're 80 people",
        "thanks, we're 80 people",
        "prospect",
    ),
    # debriefs: the rep's own pitch and price are the seller's; notes about the prospect are neutral
    (
        "Spoke to the practice manager. I walked her through our compliance add-on; she said they're fine.",
        "I walked her through our compliance add-on;",
        "seller",
    ),
    (
        "Spoke to the practice manager. I mentioned our usual package starts at $30k.",
        "I mentioned our usual package starts at $30k.",
        "seller",
    ),
    (
        "Spoke to the practice manager. I mentioned our usual package starts at $30k.",
        "Spoke to the practice manager.",
        "note",
    ),
    (
        "Met Tom (COO). We quoted them $45k for year one. He has $60k approved.",
        "He has $60k approved.",
        "note",
    ),
    ("Met Tom (COO). Our list price is $45k. He has $60k approved.", "Our list price is $45k.", "seller"),
    ("Le mostré nuestra plataforma. Tienen 300 empleados.", "Le mostré nuestra plataforma.", "seller"),
    ("Le mostré nuestra plataforma. Tienen 300 empleados.", "Tienen 300 empleados.", "note"),
    # raw speech without speakers
    (
        "hi this is mark from bluewave calling about the download um do you have a minute yeah what do you do "
        "i manage the warehouse we have about forty people and we ship pallets ok what are you using mostly excel",
        "hi this is mark from bluewave calling about the download",
        "seller",
    ),
    (
        "hi this is mark from bluewave calling about the download um do you have a minute yeah what do you do "
        "i manage the warehouse we have about forty people and we ship pallets ok what are you using mostly excel",
        "what are you using",
        "seller",
    ),
    # a single voice with no seller is the prospect's own words
    (
        "[00:03] Fatima Zahra: I'm VP of Compliance at Atlas Mutual.\n[00:20] Fatima Zahra: The regulator fined us.",
        "The regulator fined us.",
        "prospect",
    ),
]


@pytest.mark.parametrize(("notes", "fragment", "party"), PARTIES)
def test_party_of_a_clause(notes: str, fragment: str, party: str) -> None:
    assert clause_with(read_notes(notes), fragment).party == party


def test_seller_clauses_are_not_prospect_evidence() -> None:
    doc = read_notes("Alex (SDR): Do you have 200k approved?\nJordan Lee: Yes, I run IT.")
    assert all(not clause.ours for clause in doc.prospect_clauses)
    assert "Do you have 200k approved?" not in [c.text for c in doc.prospect_clauses]


def test_short_answer_keeps_the_question_as_context_only() -> None:
    doc = read_notes("Rep: Is there budget allocated?\nKim Wu: Not yet.\n")
    answer = clause_with(doc, "Not yet.")
    assert answer.asked == "Is there budget allocated?"
    assert answer.text == "Not yet."
