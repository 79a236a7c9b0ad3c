"""Timeframes resolved against the call date (SPEC section 2): English and Spanish, table-driven."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from assistant.extract.dates import find_timeframes, months_between

D = dt.date
CALL = D(2026, 11, 1)
DEC = D(2026, 12, 20)

# text, call date, earliest, latest, relation, kind, span: the first timeframe found
TIMEFRAMES = [
    # explicit dates
    ("2027-03-15", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "2027-03-15"),
    ("March 15, 2027", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "March 15, 2027"),
    ("15 March 2027", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "15 March 2027"),
    ("15 de marzo de 2027", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "15 de marzo de 2027"),
    ("Mar 3", CALL, D(2027, 3, 3), D(2027, 3, 3), "in", "date", "Mar 3"),
    ("no later than June 30", CALL, D(2027, 6, 30), D(2027, 6, 30), "by", "date", "June 30"),
    ("Deadline: June 30, 2027", CALL, D(2027, 6, 30), D(2027, 6, 30), "by", "date", "June 30, 2027"),
    ("March 2027", CALL, D(2027, 3, 1), D(2027, 3, 31), "in", "date", "March 2027"),
    ("marzo de 2027", CALL, D(2027, 3, 1), D(2027, 3, 31), "in", "date", "marzo de 2027"),
    ("Sept. 2027", CALL, D(2027, 9, 1), D(2027, 9, 30), "in", "date", "Sept. 2027"),
    # month names alone, rolling forward when already past
    ("in January", CALL, D(2027, 1, 1), D(2027, 1, 31), "in", "date", "January"),
    ("in January", DEC, D(2027, 1, 1), D(2027, 1, 31), "in", "date", "January"),
    ("by April", CALL, D(2027, 4, 1), D(2027, 4, 30), "by", "date", "April"),
    ("by Feb.", CALL, D(2027, 2, 1), D(2027, 2, 28), "by", "date", "Feb."),
    ("in November", CALL, D(2026, 11, 1), D(2026, 11, 30), "in", "date", "November"),
    ("arrancar en enero", CALL, D(2027, 1, 1), D(2027, 1, 31), "in", "date", "enero"),
    ("para marzo", CALL, D(2027, 3, 1), D(2027, 3, 31), "by", "date", "marzo"),
    ("antes de ene", CALL, D(2027, 1, 1), D(2027, 1, 31), "by", "date", "ene"),
    ("antes de marzo", CALL, D(2027, 3, 1), D(2027, 3, 31), "by", "date", "marzo"),
    ("hasta diciembre de 2027", CALL, D(2027, 12, 1), D(2027, 12, 31), "until", "date", "diciembre de 2027"),
    ("We may sign in May", CALL, D(2027, 5, 1), D(2027, 5, 31), "in", "date", "May"),
    ("end of March", CALL, D(2027, 3, 21), D(2027, 3, 31), "by", "date", "end of March"),
    ("mid-March", CALL, D(2027, 3, 11), D(2027, 3, 20), "in", "date", "mid-March"),
    # quarters and halves
    ("Q1", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "Q1"),
    ("Q1", DEC, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "Q1"),
    ("Q4", CALL, D(2026, 10, 1), D(2026, 12, 31), "in", "date", "Q4"),
    ("Q1 2027", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "Q1 2027"),
    ("Q3 '27", CALL, D(2027, 7, 1), D(2027, 9, 30), "in", "date", "Q3 '27"),
    ("Q3 of next year", CALL, D(2027, 7, 1), D(2027, 9, 30), "in", "date", "Q3 of next year"),
    ("by end of Q1 2027", CALL, D(2027, 3, 1), D(2027, 3, 31), "by", "date", "end of Q1 2027"),
    ("Timeline: end of Q1", CALL, D(2027, 3, 1), D(2027, 3, 31), "by", "date", "end of Q1"),
    ("fin de trimestre", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "fin de trimestre"),
    ("after the end of Q1", CALL, D(2027, 3, 1), D(2027, 3, 31), "after", "date", "end of Q1"),
    ("before Q3", CALL, D(2027, 7, 1), D(2027, 9, 30), "by", "date", "Q3"),
    ("first quarter", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "first quarter"),
    ("this quarter", CALL, D(2026, 10, 1), D(2026, 12, 31), "in", "date", "this quarter"),
    ("next quarter", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "next quarter"),
    ("el próximo trimestre", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "el próximo trimestre"),
    ("el trimestre que viene", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "el trimestre que viene"),
    ("primer trimestre", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "primer trimestre"),
    (
        "primer trimestre de 2027",
        CALL,
        D(2027, 1, 1),
        D(2027, 3, 31),
        "in",
        "date",
        "primer trimestre de 2027",
    ),
    ("1T 2027", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "1T 2027"),
    ("close by EOQ", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "EOQ"),
    ("H1 2027", CALL, D(2027, 1, 1), D(2027, 6, 30), "in", "date", "H1 2027"),
    ("H2", CALL, D(2026, 7, 1), D(2026, 12, 31), "in", "date", "H2"),
    ("H1", CALL, D(2027, 1, 1), D(2027, 6, 30), "in", "date", "H1"),
    (
        "second half of next year",
        CALL,
        D(2027, 7, 1),
        D(2027, 12, 31),
        "in",
        "date",
        "second half of next year",
    ),
    ("primer semestre", CALL, D(2027, 1, 1), D(2027, 6, 30), "in", "date", "primer semestre"),
    (
        "en el segundo semestre",
        D(2027, 2, 1),
        D(2027, 7, 1),
        D(2027, 12, 31),
        "in",
        "date",
        "segundo semestre",
    ),
    # years and fiscal years
    ("in 2027", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "2027"),
    ("not before 2028", CALL, D(2028, 1, 1), D(2028, 12, 31), "after", "date", "2028"),
    ("next year", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "next year"),
    ("this year", CALL, D(2026, 1, 1), D(2026, 12, 31), "in", "date", "this year"),
    ("end of year", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "end of year"),
    ("EOY", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "EOY"),
    ("year-end", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "year-end"),
    ("by year end", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "year end"),
    ("end of FY", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "end of FY"),
    ("FY27", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "FY27"),
    ("FY2027", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "FY2027"),
    ("next fiscal year", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "next fiscal year"),
    ("el año que viene", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "el año que viene"),
    ("el próximo año", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "el próximo año"),
    ("fin de año", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "fin de año"),
    ("finales de año", CALL, D(2026, 9, 1), D(2026, 12, 31), "in", "date", "finales de año"),
    ("a principios de 2027", CALL, D(2027, 1, 1), D(2027, 4, 30), "in", "date", "principios de 2027"),
    ("early 2027", CALL, D(2027, 1, 1), D(2027, 4, 30), "in", "date", "early 2027"),
    ("mid-2027", CALL, D(2027, 5, 1), D(2027, 8, 31), "in", "date", "mid-2027"),
    ("late 2027", CALL, D(2027, 9, 1), D(2027, 12, 31), "in", "date", "late 2027"),
    ("mediados de 2027", CALL, D(2027, 5, 1), D(2027, 8, 31), "in", "date", "mediados de 2027"),
    ("finales de 2027", CALL, D(2027, 9, 1), D(2027, 12, 31), "in", "date", "finales de 2027"),
    ("locked in until late 2027", CALL, D(2027, 9, 1), D(2027, 12, 31), "until", "date", "late 2027"),
    ("it's a next-year thing", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "next-year"),
    # seasons (northern hemisphere)
    ("in the spring", CALL, D(2027, 3, 20), D(2027, 6, 20), "in", "date", "spring"),
    ("this summer", CALL, D(2027, 6, 21), D(2027, 9, 22), "in", "date", "this summer"),
    ("in the fall", D(2026, 5, 1), D(2026, 9, 23), D(2026, 12, 20), "in", "date", "fall"),
    ("autumn", D(2026, 5, 1), D(2026, 9, 23), D(2026, 12, 20), "in", "date", "autumn"),
    ("winter", CALL, D(2026, 12, 21), D(2027, 3, 19), "in", "date", "winter"),
    ("next spring", D(2026, 4, 1), D(2027, 3, 20), D(2027, 6, 20), "in", "date", "next spring"),
    (
        "la próxima primavera",
        D(2026, 4, 1),
        D(2027, 3, 20),
        D(2027, 6, 20),
        "in",
        "date",
        "la próxima primavera",
    ),
    ("en verano", CALL, D(2027, 6, 21), D(2027, 9, 22), "in", "date", "verano"),
    ("en otoño", CALL, D(2026, 9, 23), D(2026, 12, 20), "in", "date", "otoño"),
    ("this winter", D(2026, 2, 1), D(2025, 12, 21), D(2026, 3, 19), "in", "date", "this winter"),
    ("después del verano", CALL, D(2027, 6, 21), D(2027, 9, 22), "after", "date", "verano"),
    # durations from the call date
    ("in 60 days", CALL, D(2026, 12, 31), D(2026, 12, 31), "in", "duration", "in 60 days"),
    ("within 90 days", CALL, CALL, D(2027, 1, 30), "by", "duration", "within 90 days"),
    ("within the next 6 months", CALL, CALL, D(2027, 5, 1), "by", "duration", "within the next 6 months"),
    ("in three months", CALL, D(2027, 2, 1), D(2027, 2, 1), "in", "duration", "in three months"),
    ("in 2-3 weeks", CALL, D(2026, 11, 15), D(2026, 11, 22), "in", "duration", "in 2-3 weeks"),
    (
        "five or six months out",
        CALL,
        D(2027, 4, 1),
        D(2027, 5, 1),
        "in",
        "duration",
        "five or six months out",
    ),
    ("12 to 18 months away", CALL, D(2027, 11, 1), D(2028, 5, 1), "in", "duration", "12 to 18 months away"),
    ("a year from now", CALL, D(2027, 11, 1), D(2027, 11, 1), "in", "duration", "a year from now"),
    ("Timeline: 18 months", CALL, D(2028, 5, 1), D(2028, 5, 1), "in", "duration", "18 months"),
    ("in a couple of months", CALL, D(2027, 1, 1), D(2027, 1, 1), "in", "duration", "in a couple of months"),
    ("in a few weeks", CALL, D(2026, 11, 15), D(2026, 11, 29), "in", "duration", "in a few weeks"),
    ("in half a year", CALL, D(2027, 5, 1), D(2027, 5, 1), "in", "duration", "in half a year"),
    ("next month", CALL, D(2026, 12, 1), D(2026, 12, 31), "in", "duration", "next month"),
    ("next week", CALL, D(2026, 11, 2), D(2026, 11, 8), "in", "duration", "next week"),
    ("en tres meses", CALL, D(2027, 2, 1), D(2027, 2, 1), "in", "duration", "en tres meses"),
    ("dentro de 6 meses", CALL, D(2027, 5, 1), D(2027, 5, 1), "in", "duration", "dentro de 6 meses"),
    ("dentro de 2 a 3 meses", CALL, D(2027, 1, 1), D(2027, 2, 1), "in", "duration", "dentro de 2 a 3 meses"),
    ("en 90 días", CALL, D(2027, 1, 30), D(2027, 1, 30), "in", "duration", "en 90 días"),
    ("en un año", CALL, D(2027, 11, 1), D(2027, 11, 1), "in", "duration", "en un año"),
    ("en los próximos 6 meses", CALL, CALL, D(2027, 5, 1), "by", "duration", "en los próximos 6 meses"),
    ("en un par de meses", CALL, D(2027, 1, 1), D(2027, 1, 1), "in", "duration", "en un par de meses"),
    ("en unas semanas", CALL, D(2026, 11, 15), D(2026, 11, 29), "in", "duration", "en unas semanas"),
    ("en medio año", CALL, D(2027, 5, 1), D(2027, 5, 1), "in", "duration", "en medio año"),
    ("el mes que viene", CALL, D(2026, 12, 1), D(2026, 12, 31), "in", "duration", "el mes que viene"),
    ("la semana que viene", CALL, D(2026, 11, 2), D(2026, 11, 8), "in", "duration", "la semana que viene"),
    ("in 3 months", D(2027, 11, 30), D(2028, 2, 29), D(2028, 2, 29), "in", "duration", "in 3 months"),
    ("in 3 months", D(2026, 11, 30), D(2027, 2, 28), D(2027, 2, 28), "in", "duration", "in 3 months"),
    # as soon as possible: about two weeks out
    ("ASAP", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "ASAP"),
    ("they need it right away", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "right away"),
    ("immediately", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "immediately"),
    ("it is urgent", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "urgent"),
    ("cuanto antes", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "cuanto antes"),
    ("lo antes posible", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "lo antes posible"),
    ("de inmediato", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "de inmediato"),
]

# texts where nothing names a timeframe
NO_TIMEFRAMES = [
    "Call with Maria about invoices",
    "may need SSO",
    "they may want a demo",
    "We talked to Jan about the mar and it was 3 weeks ago",
    "[00:40] Maria: hello",
    "[10:30] 00:15 10:30",
    "migration takes nine days",
    "rollout takes a couple of months",
    "a 3-month pilot",
    "three months ago",
    "hace tres meses",
    "1.200 personas y 90.000 euros",
    "prices fall when volume grows",
    "not urgent at all",
    "no es urgente",
    "",
]

ALL_TEXTS = [row[0] for row in TIMEFRAMES] + NO_TIMEFRAMES


@pytest.mark.parametrize(("text", "call", "earliest", "latest", "relation", "kind", "span"), TIMEFRAMES)
def test_find_timeframes(
    text: str, call: dt.date, earliest: dt.date, latest: dt.date, relation: str, kind: str, span: str
) -> None:
    first = find_timeframes(text, call)[0]
    assert (first.earliest, first.latest) == (earliest, latest)
    assert first.relation == relation
    assert first.kind == kind
    assert first.text == span


@pytest.mark.parametrize("text", NO_TIMEFRAMES)
def test_texts_without_dates_give_nothing(text: str) -> None:
    assert find_timeframes(text, CALL) == []


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_spans_are_verbatim(text: str) -> None:
    for mention in find_timeframes(text, CALL):
        assert text[mention.start : mention.end] == mention.text
        assert mention.earliest <= mention.latest


def test_mentions_come_in_text_order_without_overlaps() -> None:
    text = "Budget approved for FY27; contract runs until March 2028, decision in Q1 or ASAP"
    mentions = find_timeframes(text, CALL)
    assert [m.text for m in mentions] == ["FY27", "March 2028", "Q1", "ASAP"]
    assert [m.relation for m in mentions] == ["in", "until", "in", "in"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_relations_in_both_languages() -> None:
    text = "no earlier than Q2, once Q3 closes, hasta finales de 2027, antes de junio, después de abril"
    assert [(m.text, m.relation) for m in find_timeframes(text, CALL)] == [
        ("Q2", "after"),
        ("Q3", "after"),
        ("finales de 2027", "until"),
        ("junio", "by"),
        ("abril", "after"),
    ]


def test_timestamps_do_not_become_dates() -> None:
    mentions = find_timeframes("[10:30] Priya: we decide next quarter", CALL)
    assert [m.text for m in mentions] == ["next quarter"]


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2026, 10, 20), D(2027, 3, 31), 5.35),
        (D(2026, 11, 1), D(2027, 5, 1), 6.0),
        (D(2026, 11, 1), D(2027, 11, 1), 12.0),
        (D(2026, 11, 1), D(2026, 11, 16), 0.5),
        (D(2026, 11, 1), D(2026, 11, 1), 0.0),
        (D(2027, 3, 1), D(2026, 12, 1), -3.0),
    ],
)
def test_months_between(start: dt.date, end: dt.date, months: float) -> None:
    assert months_between(start, end) == pytest.approx(months, abs=0.01)
