"""Numbers and money as people write them (SPEC section 2): English and Spanish, table-driven."""

from __future__ import annotations

import pytest

from assistant.extract.numbers import find_money, find_quantities, parse_number

# text, value, value_max, approximate, kind: the first quantity found in the text
QUANTITIES = [
    ("~2k users", 2000, None, True, "number"),
    ("1.200 personas", 1200, None, False, "number"),
    ("1,500 employees", 1500, None, False, "number"),
    ("cerca de 2.000 empleados", 2000, None, True, "number"),
    ("unos 300 empleados", 300, None, True, "number"),
    ("approx. 450 staff", 450, None, True, "number"),
    ("over 1,000 staff", 1000, None, True, "number"),
    ("about 70k", 70000, None, True, "number"),
    ("five or six", 5, 6, False, "number"),
    ("twenty-five people", 25, None, False, "number"),
    ("seventy five people", 75, None, False, "number"),
    ("two hundred employees", 200, None, False, "number"),
    ("about a hundred people", 100, None, True, "number"),
    ("one hundred and fifty staff", 150, None, False, "number"),
    ("veinticinco personas", 25, None, False, "number"),
    ("cincuenta y cinco empleados", 55, None, False, "number"),
    ("treinta y dos personas", 32, None, False, "number"),
    ("quinientos empleados", 500, None, False, "number"),
    ("once empleados", 11, None, False, "number"),
    ("between 50 and 80 employees", 50, 80, False, "number"),
    ("entre cinco y seis personas", 5, 6, False, "number"),
    ("2.000-3.000 empleados", 2000, 3000, False, "number"),
    ("1,234,567 rows", 1234567, None, False, "number"),
    ("0.500 of a point", 0.5, None, False, "number"),
    ("20% of tickets", 20, None, False, "percent"),
    ("15 percent churn", 15, None, False, "percent"),
    ("30 por ciento", 30, None, False, "percent"),
    ("70 to 80 percent", 70, 80, False, "percent"),
    ("12,5% de descuento", 12.5, None, False, "percent"),
    ("founded in 1998", 1998, None, False, "year"),
    ("renewal in 2027", 2027, None, False, "year"),
    ("the 3rd call", 3, None, False, "ordinal"),
]

# text, value, value_max, currency, approximate: the first money mention in the text
MONEY = [
    ("~2k", 2000, None, None, True),
    ("EUR 400k", 400_000, None, "EUR", False),
    ("$60-80k", 60_000, 80_000, "USD", False),
    ("$60k to $80k a year", 60_000, 80_000, "USD", False),
    ("60k-80k EUR", 60_000, 80_000, "EUR", False),
    ("90.000 euros", 90_000, None, "EUR", False),
    ("90.000 €", 90_000, None, "EUR", False),
    ("€ 1.234,56", 1234.56, None, "EUR", False),
    ("250 mil dólares", 250_000, None, "USD", False),
    ("50.000 dólares", 50_000, None, "USD", False),
    ("KES 25 million", 25_000_000, None, "KES", False),
    ("$1.2M", 1_200_000, None, "USD", False),
    ("USD 1.5M", 1_500_000, None, "USD", False),
    ("2,5 millones", 2_500_000, None, None, False),
    ("2 millones de euros", 2_000_000, None, "EUR", False),
    ("un millón de dólares", 1_000_000, None, "USD", False),
    ("medio millón de euros", 500_000, None, "EUR", False),
    ("half a million", 500_000, None, None, False),
    ("a million dollars", 1_000_000, None, "USD", False),
    ("entre 50 y 80 mil", 50_000, 80_000, None, False),
    ("de 50 a 80 mil euros", 50_000, 80_000, "EUR", False),
    ("cincuenta y cinco mil euros", 55_000, None, "EUR", False),
    ("about 70k", 70_000, None, None, True),
    ("around $45,000", 45_000, None, "USD", True),
    ("US$ 45,000", 45_000, None, "USD", False),
    ("£300k", 300_000, None, "GBP", False),
    ("£1bn", 1_000_000_000, None, "GBP", False),
    ("R$ 200 mil", 200_000, None, "BRL", False),
    ("diez mil euros", 10_000, None, "EUR", False),
    ("$2.5k/month", 2500, None, "USD", False),
]

NO_QUANTITIES = [
    "Call with Maria about invoices",
    "may need SSO",
    "we need a demo",
    "Once employees are onboarded we roll out",
    "Once legal signs off",
    "[00:40] Maria: hello",
    "at 10:30 we talk",
    "call on 2026-03-15",
    "",
]

NOT_MONEY = [
    "1.200 personas",
    "1,500 employees",
    "five or six",
    "about a hundred people",
    "20% of tickets",
    "renewal in 2027",
    "3 hundred seats",
]

PARSED = [
    ("1.200", 1200), ("1,500", 1500), ("2,5", 2.5), ("1.2", 1.2), ("0,75", 0.75), ("0.500", 0.5),
    ("1.234.567", 1234567), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("twenty-five", 25),
    ("two hundred", 200), ("half a", 0.5), ("cien", 100), ("veinticinco", 25), ("foo", None), ("", None),
]

ALL_TEXTS = [row[0] for row in QUANTITIES + MONEY] + NO_QUANTITIES + NOT_MONEY


@pytest.mark.parametrize(("text", "value", "value_max", "approximate", "kind"), QUANTITIES)
def test_find_quantities(text: str, value: float, value_max: float | None, approximate: bool, kind: str) -> None:
    first = find_quantities(text)[0]
    assert first.value == pytest.approx(value)
    assert first.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert first.approximate is approximate
    assert first.kind == kind


@pytest.mark.parametrize(("text", "value", "value_max", "currency", "approximate"), MONEY)
def test_find_money(text: str, value: float, value_max: float | None, currency: str | None, approximate: bool) -> None:
    first = find_money(text)[0]
    assert first.value == pytest.approx(value)
    assert first.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert first.currency == currency
    assert first.approximate is approximate


@pytest.mark.parametrize("text", NO_QUANTITIES)
def test_texts_without_numbers_give_nothing(text: str) -> None:
    assert find_quantities(text) == []
    assert find_money(text) == []


@pytest.mark.parametrize("text", NOT_MONEY)
def test_counts_percents_and_years_are_not_money(text: str) -> None:
    assert find_quantities(text)
    assert find_money(text) == []


@pytest.mark.parametrize(("token", "expected"), PARSED)
def test_parse_number(token: str, expected: float | None) -> None:
    assert parse_number(token) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_spans_are_verbatim(text: str) -> None:
    for mention in [*find_quantities(text), *find_money(text)]:
        assert text[mention.start : mention.end] == mention.text


def test_timestamps_are_skipped_but_the_amount_is_kept() -> None:
    text = "[00:40] Priya: we have about 70k set aside"
    assert [q.text for q in find_quantities(text)] == ["70k"]
    assert [m.value for m in find_money(text)] == [70_000]


def test_several_mentions_come_in_order() -> None:
    text = "1.200 personas, presupuesto de 90.000 euros, 20% en 2027"
    kinds = [(q.text, q.kind) for q in find_quantities(text)]
    assert kinds == [("1.200", "number"), ("90.000 euros", "number"), ("20%", "percent"), ("2027", "year")]
    assert [(m.value, m.currency) for m in find_money(text)] == [(90_000, "EUR")]
