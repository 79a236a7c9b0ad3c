"""Numbers and money as people write them (SPEC section 2): English and Spanish, table-driven."""

from __future__ import annotations

import itertools

import pytest

from assistant.extract.numbers import find_money, find_quantities, parse_number

# text, value, value_max, approximate, kind, span: the first quantity found in the text
QUANTITIES = [
    ("~2k users", 2000, None, True, "number", "2k"),
    ("2K seats", 2000, None, False, "number", "2K"),
    ("1.200 personas", 1200, None, False, "number", "1.200"),
    ("1,500 employees", 1500, None, False, "number", "1,500"),
    ("about 1,200 people", 1200, None, True, "number", "1,200"),
    ("around 300 staff", 300, None, True, "number", "300"),
    ("roughly 40 agents", 40, None, True, "number", "40"),
    ("approx. 450 staff", 450, None, True, "number", "450"),
    ("over 1,000 staff", 1000, None, True, "number", "1,000"),
    ("200+ employees", 200, None, True, "number", "200+"),
    ("cerca de 2.000 empleados", 2000, None, True, "number", "2.000"),
    ("unos 300 empleados", 300, None, True, "number", "300"),
    ("unas 40 tiendas", 40, None, True, "number", "40"),
    ("aprox 80 personas", 80, None, True, "number", "80"),
    ("alrededor de 500 empleados", 500, None, True, "number", "500"),
    ("casi 90 personas", 90, None, True, "number", "90"),
    ("más de 1.500 empleados", 1500, None, True, "number", "1.500"),
    ("3M rows", 3_000_000, None, False, "number", "3M"),
    ("1.2 million users", 1_200_000, None, False, "number", "1.2 million"),
    ("2 millones de usuarios", 2_000_000, None, False, "number", "2 millones"),
    ("250 mil usuarios", 250_000, None, False, "number", "250 mil"),
    ("two thousand people", 2000, None, False, "number", "two thousand"),
    ("dos mil personas", 2000, None, False, "number", "dos mil"),
    ("mil millones", 1e9, None, False, "number", "mil millones"),
    ("five or six", 5, 6, False, "number", "five or six"),
    ("cinco o seis personas", 5, 6, False, "number", "cinco o seis"),
    ("5 to 6 people", 5, 6, False, "number", "5 to 6"),
    ("5-6 people", 5, 6, False, "number", "5-6"),
    ("de 5 a 6 personas", 5, 6, False, "number", "5 a 6"),
    ("60-80k", 60_000, 80_000, False, "number", "60-80k"),
    ("between 50 and 80 thousand", 50_000, 80_000, False, "number", "50 and 80 thousand"),
    ("between 50 and 80 employees", 50, 80, False, "number", "50 and 80"),
    ("entre cinco y seis personas", 5, 6, False, "number", "cinco y seis"),
    ("2.000-3.000 empleados", 2000, 3000, False, "number", "2.000-3.000"),
    ("twenty-five people", 25, None, False, "number", "twenty-five"),
    ("seventy five people", 75, None, False, "number", "seventy five"),
    ("two hundred employees", 200, None, False, "number", "two hundred"),
    ("about a hundred people", 100, None, True, "number", "a hundred"),
    ("one hundred and fifty staff", 150, None, False, "number", "one hundred and fifty"),
    ("veinticinco personas", 25, None, False, "number", "veinticinco"),
    ("quince personas", 15, None, False, "number", "quince"),
    ("cincuenta y cinco empleados", 55, None, False, "number", "cincuenta y cinco"),
    ("ciento veinte empleados", 120, None, False, "number", "ciento veinte"),
    ("cien personas", 100, None, False, "number", "cien"),
    ("quinientos empleados", 500, None, False, "number", "quinientos"),
    ("once empleados", 11, None, False, "number", "once"),
    ("1,234,567 rows", 1234567, None, False, "number", "1,234,567"),
    ("0.500 of a point", 0.5, None, False, "number", "0.500"),
    ("2% of tickets", 2, None, False, "percent", "2%"),
    ("15 percent churn", 15, None, False, "percent", "15 percent"),
    ("30 por ciento", 30, None, False, "percent", "30 por ciento"),
    ("70 to 80 percent", 70, 80, False, "percent", "70 to 80 percent"),
    ("12,5% de descuento", 12.5, None, False, "percent", "12,5%"),
    ("founded in 1998", 1998, None, False, "year", "1998"),
    ("renewal in 2027", 2027, None, False, "year", "2027"),
    ("March 2027 go-live", 2027, None, False, "year", "2027"),
    ("mid-2027 rollout", 2027, None, False, "year", "2027"),
    ("finales de 2027", 2027, None, False, "year", "2027"),
    ("the 1st call", 1, None, False, "ordinal", "1st"),
    ("the 2nd call", 2, None, False, "ordinal", "2nd"),
]

# text, value, value_max, currency, approximate, span: the first money mention in the text
MONEY = [
    ("~2k", 2000, None, None, True, "2k"),
    ("about 70k", 70_000, None, None, True, "70k"),
    ("$180k", 180_000, None, "USD", False, "$180k"),
    ("$1.2M", 1_200_000, None, "USD", False, "$1.2M"),
    ("EUR 400k", 400_000, None, "EUR", False, "EUR 400k"),
    ("$60-80k", 60_000, 80_000, "USD", False, "$60-80k"),
    ("$60k-$80k", 60_000, 80_000, "USD", False, "$60k-$80k"),
    ("$60k to $80k a year", 60_000, 80_000, "USD", False, "$60k to $80k"),
    ("60k-80k EUR", 60_000, 80_000, "EUR", False, "60k-80k EUR"),
    ("90.000 euros", 90_000, None, "EUR", False, "90.000 euros"),
    ("90.000 €", 90_000, None, "EUR", False, "90.000 €"),
    ("€ 1.234,56", 1234.56, None, "EUR", False, "€ 1.234,56"),
    ("250 mil dólares", 250_000, None, "USD", False, "250 mil dólares"),
    ("50.000 dólares", 50_000, None, "USD", False, "50.000 dólares"),
    ("50.000 dolares", 50_000, None, "USD", False, "50.000 dolares"),
    ("KES 25 million", 25_000_000, None, "KES", False, "KES 25 million"),
    ("USD 1.5M", 1_500_000, None, "USD", False, "USD 1.5M"),
    ("US$ 45,000", 45_000, None, "USD", False, "US$ 45,000"),
    ("around $45,000", 45_000, None, "USD", True, "$45,000"),
    ("2,5 millones", 2_500_000, None, None, False, "2,5 millones"),
    ("1,5 millones de euros", 1_500_000, None, "EUR", False, "1,5 millones de euros"),
    ("2 millones de euros", 2_000_000, None, "EUR", False, "2 millones de euros"),
    ("un millón de dólares", 1_000_000, None, "USD", False, "un millón de dólares"),
    ("medio millón de euros", 500_000, None, "EUR", False, "medio millón de euros"),
    ("half a million", 500_000, None, None, False, "half a million"),
    ("a million dollars", 1_000_000, None, "USD", False, "a million dollars"),
    ("entre 50 y 80 mil", 50_000, 80_000, None, False, "50 y 80 mil"),
    ("entre 50 y 80 mil dólares", 50_000, 80_000, "USD", False, "50 y 80 mil dólares"),
    ("de 50 a 80 mil euros", 50_000, 80_000, "EUR", False, "50 a 80 mil euros"),
    ("between $50k and $80k", 50_000, 80_000, "USD", False, "$50k and $80k"),
    ("cincuenta y cinco mil euros", 55_000, None, "EUR", False, "cincuenta y cinco mil euros"),
    ("diez mil euros", 10_000, None, "EUR", False, "diez mil euros"),
    ("£300k", 300_000, None, "GBP", False, "£300k"),
    ("£1bn", 1_000_000_000, None, "GBP", False, "£1bn"),
    ("GBP 20k", 20_000, None, "GBP", False, "GBP 20k"),
    ("30.000 libras", 30_000, None, "GBP", False, "30.000 libras"),
    ("R$ 200 mil", 200_000, None, "BRL", False, "R$ 200 mil"),
    ("500 mil reais", 500_000, None, "BRL", False, "500 mil reais"),
    ("2 millones de pesos", 2_000_000, None, "MXN", False, "2 millones de pesos"),
    ("300 millones de pesos colombianos", 3e8, None, "COP", False, "300 millones de pesos colombianos"),
    ("MXN 900k", 900_000, None, "MXN", False, "MXN 900k"),
    ("C$50,000", 50_000, None, "CAD", False, "C$50,000"),
    ("CAD 75k", 75_000, None, "CAD", False, "CAD 75k"),
    ("A$40k", 40_000, None, "AUD", False, "A$40k"),
    ("AUD 40k", 40_000, None, "AUD", False, "AUD 40k"),
    ("¥5M", 5_000_000, None, "JPY", False, "¥5M"),
    ("JPY 3 million", 3_000_000, None, "JPY", False, "JPY 3 million"),
    ("5 million yen", 5_000_000, None, "JPY", False, "5 million yen"),
    ("₹25 lakh", 2_500_000, None, "INR", False, "₹25 lakh"),
    ("INR 2M", 2_000_000, None, "INR", False, "INR 2M"),
    ("40 lakh rupees", 4_000_000, None, "INR", False, "40 lakh rupees"),
    ("CHF 120k", 120_000, None, "CHF", False, "CHF 120k"),
    ("80,000 Swiss francs", 80_000, None, "CHF", False, "80,000 Swiss francs"),
    ("2 million shillings", 2_000_000, None, "KES", False, "2 million shillings"),
    ("$2.5k/month", 2500, None, "USD", False, "$2.5k"),
    ("$5", 5, None, "USD", False, "$5"),
]

NO_QUANTITIES = [
    "Call with Maria about invoices",
    "may need SSO",
    "we need a demo",
    "Once employees are onboarded we roll out",
    "Once legal signs off",
    "[00:40] Maria: hello",
    "[00:04] Priya: hi",
    "at 10:30 we talk",
    "call on 2026-10-20",
    "decision in Q1",
    "budget lands in FY27",
    "H1 2027 or 1T 2027",
    "they run a B2B platform on S/4HANA",
    "media and entertainment",
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
    "~2k users",
    "2 million users",
    "the 3rd call",
]

PARSED = [
    ("1.200", 1200),
    ("1,500", 1500),
    ("90.000", 90_000),
    ("2,5", 2.5),
    ("2.5", 2.5),
    ("1,234.56", 1234.56),
    ("1.234,56", 1234.56),
    ("0,75", 0.75),
    ("0.500", 0.5),
    ("1.234.567", 1234567),
    ("1,234,567", 1234567),
    ("12", 12),
    ("2K", 2000),
    ("~2k", 2000),
    ("1.2M", 1_200_000),
    ("3 MM", 3_000_000),
    ("2bn", 2e9),
    ("1.5 billion", 1.5e9),
    ("twenty-five", 25),
    ("two hundred", 200),
    ("cien", 100),
    ("ciento uno", 101),
    ("veinticinco", 25),
    ("veintiuno", 21),
    ("treinta y cinco", 35),
    ("ninety-nine", 99),
    ("zero", 0),
    ("cero", 0),
    ("a million", 1e6),
    ("un millón", 1e6),
    ("medio millón", 5e5),
    ("dos mil quinientos", 2500),
    ("doscientos mil", 200_000),
    ("1.2.3", None),
    ("foo", None),
    ("5-6", None),
    ("", None),
]

ALL_TEXTS = [row[0] for row in QUANTITIES + MONEY] + NO_QUANTITIES + NOT_MONEY


@pytest.mark.parametrize(("text", "value", "value_max", "approximate", "kind", "span"), QUANTITIES)
def test_find_quantities(
    text: str, value: float, value_max: float | None, approximate: bool, kind: str, span: str
) -> None:
    first = find_quantities(text)[0]
    assert first.value == pytest.approx(value)
    assert first.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert first.approximate is approximate
    assert first.kind == kind
    assert first.text == span


@pytest.mark.parametrize(("text", "value", "value_max", "currency", "approximate", "span"), MONEY)
def test_find_money(
    text: str, value: float, value_max: float | None, currency: str | None, approximate: bool, span: str
) -> None:
    first = find_money(text)[0]
    assert first.value == pytest.approx(value)
    assert first.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert first.currency == currency
    assert first.approximate is approximate
    assert first.text == span


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
def test_spans_are_verbatim_and_ordered(text: str) -> None:
    for mentions in (find_quantities(text), find_money(text)):
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.text
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_timestamps_are_skipped_but_the_amount_is_kept() -> None:
    text = "[00:40] Priya: we have about 70k set aside. 10:30 call on 2026-10-20"
    assert [q.text for q in find_quantities(text)] == ["70k"]
    assert [m.value for m in find_money(text)] == [70_000]


def test_several_mentions_come_in_order_with_kinds() -> None:
    text = "1.200 personas, presupuesto de 90.000 euros, 20% en 2027, la 2ª fase"
    kinds = [(q.text, q.kind) for q in find_quantities(text)]
    assert kinds == [
        ("1.200", "number"),
        ("90.000 euros", "number"),
        ("20%", "percent"),
        ("2027", "year"),
        ("2ª", "ordinal"),
    ]
    assert [(m.value, m.currency) for m in find_money(text)] == [(90_000, "EUR")]


def test_days_next_to_month_names_are_dates_not_counts() -> None:
    text = "signed March 15, 2027 with 40 users; 15 de marzo de 2027"
    assert [(q.text, q.kind) for q in find_quantities(text)] == [
        ("2027", "year"),
        ("40", "number"),
        ("2027", "year"),
    ]
