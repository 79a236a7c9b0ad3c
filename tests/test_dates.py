"""Timeframes resolved against the call date (SPEC section 2): English and Spanish, table-driven."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from assistant.extract.dates import find_timeframes, months_between

D = dt.date
CALL = D(2026, 11, 1)

# text, call date, earliest, latest, relation, kind, matched text: the first timeframe found
TIMEFRAMES = [
    ("end of Q1 2027", CALL, D(2027, 1, 1), D(2027, 3, 31), "by", "date", "Q1 2027"),
    ("Q1", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "Q1"),
    ("Q3 '27", CALL, D(2027, 7, 1), D(2027, 9, 30), "in", "date", "Q3 '27"),
    ("Q4 of next year", CALL, D(2027, 10, 1), D(2027, 12, 31), "in", "date", "Q4 of next year"),
    ("second quarter", CALL, D(2027, 4, 1), D(2027, 6, 30), "in", "date", "second quarter"),
    ("primer trimestre de 2027", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "primer trimestre de 2027"),
    ("next quarter", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "next quarter"),
    ("el próximo trimestre", CALL, D(2027, 1, 1), D(2027, 3, 31), "in", "date", "el próximo trimestre"),
    ("this quarter", CALL, D(2026, 10, 1), D(2026, 12, 31), "in", "date", "this quarter"),
    ("close by EOQ", CALL, D(2026, 10, 1), D(2026, 12, 31), "by", "date", "EOQ"),
    ("fin de trimestre", CALL, D(2026, 10, 1), D(2026, 12, 31), "by", "date", "fin de trimestre"),
    ("H2 2027", CALL, D(2027, 7, 1), D(2027, 12, 31), "in", "date", "H2 2027"),
    ("H1", CALL, D(2027, 1, 1), D(2027, 6, 30), "in", "date", "H1"),
    ("en el segundo semestre de 2027", CALL, D(2027, 7, 1), D(2027, 12, 31), "in", "date", "segundo semestre de 2027"),
    ("FY27", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "FY27"),
    ("next fiscal year", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "next fiscal year"),
    ("end of FY", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "end of FY"),
    ("fin de año", CALL, D(2026, 12, 1), D(2026, 12, 31), "by", "date", "fin de año"),
    ("finales del próximo año", CALL, D(2027, 12, 1), D(2027, 12, 31), "by", "date", "finales del próximo año"),
    ("early 2027", CALL, D(2027, 1, 1), D(2027, 4, 30), "in", "date", "early 2027"),
    ("mid-2027", CALL, D(2027, 5, 1), D(2027, 8, 31), "in", "date", "mid-2027"),
    ("late next year", CALL, D(2027, 9, 1), D(2027, 12, 31), "in", "date", "late next year"),
    ("mediados del año que viene", CALL, D(2027, 5, 1), D(2027, 8, 31), "in", "date", "mediados del año que viene"),
    ("locked in until late 2027", CALL, D(2027, 9, 1), D(2027, 12, 31), "until", "date", "late 2027"),
    ("it's a next-year thing", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "next-year"),
    ("el año que viene", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "el año que viene"),
    ("el año próximo", CALL, D(2027, 1, 1), D(2027, 12, 31), "in", "date", "el año próximo"),
    ("not before 2028", CALL, D(2028, 1, 1), D(2028, 12, 31), "after", "date", "2028"),
    ("in the spring", CALL, D(2027, 3, 20), D(2027, 6, 20), "in", "date", "spring"),
    ("next spring", D(2026, 4, 1), D(2027, 3, 20), D(2027, 6, 20), "in", "date", "next spring"),
    ("la próxima primavera", D(2026, 4, 1), D(2027, 3, 20), D(2027, 6, 20), "in", "date", "la próxima primavera"),
    ("el próximo verano", D(2026, 7, 1), D(2027, 6, 21), D(2027, 9, 22), "in", "date", "el próximo verano"),
    ("this winter", D(2026, 2, 1), D(2025, 12, 21), D(2026, 3, 19), "in", "date", "this winter"),
    ("después del verano", CALL, D(2027, 6, 21), D(2027, 9, 22), "after", "date", "verano"),
    ("in January", D(2026, 12, 20), D(2027, 1, 1), D(2027, 1, 31), "in", "date", "January"),
    ("antes de marzo", CALL, D(2027, 3, 1), D(2027, 3, 31), "by", "date", "marzo"),
    ("hasta diciembre de 2027", CALL, D(2027, 12, 1), D(2027, 12, 31), "until", "date", "diciembre de 2027"),
    ("We may sign in May", CALL, D(2027, 5, 1), D(2027, 5, 31), "in", "date", "May"),
    ("March 15, 2027", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "March 15, 2027"),
    ("Mar 3", CALL, D(2027, 3, 3), D(2027, 3, 3), "in", "date", "Mar 3"),
    ("15 de marzo de 2027", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "15 de marzo de 2027"),
    ("2027-03-15", CALL, D(2027, 3, 15), D(2027, 3, 15), "in", "date", "2027-03-15"),
    ("no later than June 30", CALL, D(2027, 6, 30), D(2027, 6, 30), "by", "date", "June 30"),
    ("Deadline: June 30, 2027", CALL, D(2027, 6, 30), D(2027, 6, 30), "by", "date", "June 30, 2027"),
    ("in 60 days", CALL, D(2026, 12, 31), D(2026, 12, 31), "in", "duration", "in 60 days"),
    ("within the next 90 days", CALL, D(2027, 1, 30), D(2027, 1, 30), "in", "duration", "within the next 90 days"),
    ("in a couple of months", CALL, D(2027, 1, 1), D(2027, 1, 1), "in", "duration", "in a couple of months"),
    ("five or six months out", CALL, D(2027, 4, 1), D(2027, 5, 1), "in", "duration", "five or six months out"),
    ("12 to 18 months away", CALL, D(2027, 11, 1), D(2028, 5, 1), "in", "duration", "12 to 18 months away"),
    ("in half a year", CALL, D(2027, 5, 1), D(2027, 5, 1), "in", "duration", "in half a year"),
    ("en tres meses", CALL, D(2027, 2, 1), D(2027, 2, 1), "in", "duration", "en tres meses"),
    ("dentro de 2 a 3 meses", CALL, D(2027, 1, 1), D(2027, 2, 1), "in", "duration", "dentro de 2 a 3 meses"),
    ("en un par de meses", CALL, D(2027, 1, 1), D(2027, 1, 1), "in", "duration", "en un par de meses"),
    ("en medio año", CALL, D(2027, 5, 1), D(2027, 5, 1), "in", "duration", "en medio año"),
    ("in 3 months", D(2027, 11, 30), D(2028, 2, 29), D(2028, 2, 29), "in", "duration", "in 3 months"),
    ("in 3 months", D(2026, 11, 30), D(2027, 2, 28), D(2027, 2, 28), "in", "duration", "in 3 months"),
    ("next month", CALL, D(2026, 12, 1), D(2026, 12, 1), "in", "duration", "next month"),
    ("la semana que viene", CALL, D(2026, 11, 8), D(2026, 11, 8), "in", "duration", "la semana que viene"),
    ("ASAP", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "ASAP"),
    ("lo antes posible", CALL, D(2026, 11, 15), D(2026, 11, 15), "in", "duration", "lo antes posible"),
]

# texts where nothing names a future timeframe
NO_TIMEFRAMES = [
    "Call with Maria about invoices",
    "may need SSO",
    "they may want a demo",
    "[00:40] Maria: hello",
    "migration takes nine days",
    "rollout takes a couple of months",
    "three months ago",
    "hace tres meses",
    "1.200 personas y 90.000 euros",
    "",
]

ALL_TEXTS = [row[0] for row in TIMEFRAMES] + NO_TIMEFRAMES


@pytest.mark.parametrize(("text", "call", "earliest", "latest", "relation", "kind", "matched"), TIMEFRAMES)
def test_find_timeframes(
    text: str, call: dt.date, earliest: dt.date, latest: dt.date, relation: str, kind: str, matched: str
) -> None:
    first = find_timeframes(text, call)[0]
    assert (first.earliest, first.latest) == (earliest, latest)
    assert first.relation == relation
    assert first.kind == kind
    assert first.text == matched


@pytest.mark.parametrize("text", NO_TIMEFRAMES)
def test_texts_without_dates_give_nothing(text: str) -> None:
    assert find_timeframes(text, CALL) == []


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_spans_are_verbatim(text: str) -> None:
    for mention in find_timeframes(text, CALL):
        assert text[mention.start : mention.end] == mention.text


def test_mentions_come_in_text_order_without_overlaps() -> None:
    text = "Budget approved for FY27; contract runs until March 2028, decision in Q1 or ASAP"
    mentions = find_timeframes(text, CALL)
    assert [m.text for m in mentions] == ["FY27", "March 2028", "Q1", "ASAP"]
    assert [m.relation for m in mentions] == ["in", "until", "in", "in"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_timestamps_do_not_become_dates() -> None:
    mentions = find_timeframes("[10:30] Priya: we decide next quarter", CALL)
    assert [m.text for m in mentions] == ["next quarter"]


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2026, 11, 1), D(2027, 5, 1), 5.95),
        (D(2026, 11, 1), D(2027, 11, 1), 12.0),
        (D(2026, 11, 1), D(2026, 11, 1), 0.0),
        (D(2027, 3, 1), D(2026, 12, 1), -2.96),
    ],
)
def test_months_between(start: dt.date, end: dt.date, months: float) -> None:
    assert months_between(start, end) == pytest.approx(months, abs=0.01)
