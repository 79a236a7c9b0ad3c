"""Numbers and money as people write them: "~2k", "1.200 personas", "EUR 400k", "$60-80k"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

QuantityKind = Literal["number", "year", "percent", "ordinal"]

WORD_VALUES: dict[str, float] = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5, "couple": 2, "few": 3,
    "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veinticinco": 25, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100, "medio": 0.5, "media": 0.5, "par": 2,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
    "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
}
MULTIPLIERS: dict[str, float] = {
    "k": 1e3, "hundred": 1e2, "thousand": 1e3, "mil": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "millions": 1e6,
    "millón": 1e6, "millon": 1e6, "millones": 1e6, "mil millones": 1e9, "bn": 1e9, "b": 1e9,
    "billion": 1e9,
}
CURRENCY_CODES: dict[str, str] = {
    "us$": "USD", "$": "USD", "usd": "USD", "dollars": "USD", "dólares": "USD", "dolares": "USD",
    "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP",
    "pounds": "GBP", "libras": "GBP", "mxn": "MXN", "pesos": "MXN", "c$": "CAD", "cad": "CAD",
    "a$": "AUD", "aud": "AUD", "¥": "JPY", "jpy": "JPY", "yen": "JPY", "₹": "INR", "inr": "INR",
    "rupees": "INR", "r$": "BRL", "brl": "BRL", "reais": "BRL", "chf": "CHF", "francs": "CHF",
    "kes": "KES", "shillings": "KES", "cop": "COP", "ars": "ARS", "clp": "CLP",
}
_WORD = "|".join(sorted((re.escape(w) for w in WORD_VALUES if len(w) > 2), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_MULT = r"mil millones|millones|millón|millon|millions?|hundred|thousand|billion|mil|bn|mm|k|m|b"
_NUM = rf"(?:{_DIGITS}|half an?|(?:{_WORD})(?:[- ](?:{_WORD}))?|a|an|un)"
_ONE = rf"(?P<NN>{_NUM})(?:\s?(?P<MM>{_MULT})(?![\w]))?"
_APPROX = (
    r"~|about|around|roughly|approx\.?|approximately|nearly|almost|over|more than|some|"
    r"unos|unas|alrededor de|cerca de|casi|más de|mas de|aprox\.?|aproximadamente"
)
_CUR_BEFORE = r"us\$|c\$|a\$|r\$|\$|€|£|¥|₹|usd|eur|gbp|mxn|cad|aud|jpy|inr|brl|chf|kes|cop|ars|clp"
_CUR_AFTER = r"€|£|¥|₹|usd|eur|gbp|mxn|cad|aud|jpy|inr|brl|chf|kes|cop|ars|clp|dollars|dólares|dolares|euros?|pounds|libras|pesos|yen|rupees|reais|francs|shillings"
_JOIN = r"\s?(?:-|–|to|or|a|y|and|o)\s?"
_PATTERN = re.compile(
    rf"(?<![\w.,:/$€£¥-])(?P<approx>(?:{_APPROX})\s?)?(?:between |entre )?"
    rf"(?:(?P<cur1>{_CUR_BEFORE})\s?)?{_ONE.replace('NN', 'n1').replace('MM', 'm1')}"
    rf"(?:(?P<join>{_JOIN})(?:(?P<cur2>{_CUR_BEFORE})\s?)?{_ONE.replace('NN', 'n2').replace('MM', 'm2')})?"
    rf"(?:\s?(?:de\s)?(?P<cur3>{_CUR_AFTER})(?![\w]))?"
    rf"(?P<tail>\s?(?:%|percent|por ciento|st\b|nd\b|rd\b|th\b))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number expression found in text, with its place in the text."""

    value: float
    value_max: float | None
    approximate: bool
    start: int
    end: int
    text: str
    kind: QuantityKind = "number"


@dataclass(frozen=True)
class MoneyMention(Quantity):
    """An amount with the currency it was written in (None when only a k/M multiplier says money)."""

    currency: str | None = None


def parse_number(token: str) -> float | None:
    """Read one number token: digits with either separator convention, or number words."""
    token = token.strip().lower()
    if not token:
        return None
    if token[0].isdigit():
        return _parse_digits(token)
    parts = re.split(r"[- ]", token)
    if not all(part in WORD_VALUES for part in parts):
        return None
    values = [WORD_VALUES[part] for part in parts]
    if len(values) == 2 and (values[1] == 100 or parts[1] in ("a", "an")):
        return values[0] * values[1]
    return sum(values)


def _parse_digits(token: str) -> float:
    separators = re.findall(r"[.,]", token)
    if not separators:
        return float(token)
    last = max(token.rfind("."), token.rfind(","))
    tail = token[last + 1 :]
    thousands = len(separators) > 1 or (len(tail) == 3 and not re.match(r"0[.,]", token))
    if len(set(separators)) == 1 and thousands:
        return float(re.sub(r"[.,]", "", token))
    whole = re.sub(r"[.,]", "", token[:last])
    return float(f"{whole}.{tail}")


def _multiplier(word: str | None) -> float:
    return MULTIPLIERS.get(word.lower(), 1.0) if word else 1.0


def _kind(match: re.Match[str], value: float) -> QuantityKind:
    tail = (match.group("tail") or "").strip().lower()
    if tail in ("%", "percent", "por ciento"):
        return "percent"
    if tail in ("st", "nd", "rd", "th"):
        return "ordinal"
    plain = match.group("n1")
    if re.fullmatch(r"(?:19|20)\d{2}", plain) and not (match.group("m1") or _currency(match)):
        return "year"
    return "number"


def _currency(match: re.Match[str]) -> str | None:
    for group in ("cur1", "cur2", "cur3"):
        symbol = match.group(group)
        if symbol:
            return CURRENCY_CODES.get(symbol.lower())
    return None


# English "once" ("once legal signs off") is Spanish eleven only before a Spanish noun.
_SPANISH_ONCE = re.compile(
    r"\s+(?:empleados|personas|trabajadores|colaboradores|usuarios|licencias|sedes|oficinas|tiendas|"
    r"sucursales|plantas|hospitales|cl[ií]nicas|meses|semanas|d[ií]as|años)\b",
    re.IGNORECASE,
)


def _is_word_compound(match: re.Match[str], n1: float, n2: float | None) -> bool:
    """ "cincuenta y cinco", "one hundred and fifty": one number, not a range."""
    join = (match.group("join") or "").strip().lower()
    if n2 is None or join not in ("y", "and") or match.group("m1") or match.group("n1")[0].isdigit():
        return False
    base = 100 if n1 >= 100 else 10
    return n1 >= 20 and n1 % base == 0 and n2 < base and not match.group("n2")[0].isdigit()


def _skipped(match: re.Match[str], text: str, n1: float | None) -> bool:
    word = match.group("n1").lower()
    if n1 is None or (word in ("a", "an", "un") and not match.group("m1")):
        return True
    plain = not (match.group("m1") or _currency(match))
    return word == "once" and plain and not _SPANISH_ONCE.match(text, match.end("n1"))


def _values(match: re.Match[str], n1: float, n2: float | None) -> tuple[float, float | None]:
    m2 = _multiplier(match.group("m2"))
    if _is_word_compound(match, n1, n2):
        return (n1 + (n2 or 0)) * m2, None
    m1 = _multiplier(match.group("m1")) if match.group("m1") else m2 if n2 is not None else 1.0
    low, high = n1 * m1, (n2 * m2 if n2 is not None else None)
    return (low, None) if high is not None and high < low else (low, high)


def _scan(text: str) -> list[tuple[re.Match[str], Quantity, str | None]]:
    found = []
    for match in _PATTERN.finditer(text):
        n1, n2 = parse_number(match.group("n1")), parse_number(match.group("n2") or "")
        if _skipped(match, text, n1) or n1 is None:
            continue
        low, high = _values(match, n1, n2)
        start = match.start() + len(match.group("approx") or "")
        quantity = Quantity(
            value=low, value_max=high, approximate=bool(match.group("approx")), start=start,
            end=match.end(), text=text[start : match.end()], kind=_kind(match, low),
        )
        found.append((match, quantity, _currency(match)))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in the text, in order, ranges and multipliers resolved."""
    return [quantity for _, quantity, _ in _scan(text) if not _is_time(text, quantity)]


def _money_multiplier(match: re.Match[str]) -> bool:
    """k, M, mil, million mark an amount as money; "hundred" does not ("a hundred people")."""
    return any((match.group(g) or "hundred").lower() != "hundred" for g in ("m1", "m2"))


def find_money(text: str) -> list[MoneyMention]:
    """Amounts with a currency, or with a k/M multiplier that marks them as money."""
    mentions = []
    for match, q, currency in _scan(text):
        if currency is None and not _money_multiplier(match):
            continue
        if q.kind != "number":
            continue
        mentions.append(MoneyMention(q.value, q.value_max, q.approximate, q.start, q.end, q.text, q.kind, currency))
    return mentions


def _is_time(text: str, quantity: Quantity) -> bool:
    """Timestamps ("[00:40]", "10:30") and ISO dates are not quantities."""
    around = text[max(0, quantity.start - 2) : quantity.end + 2]
    return bool(re.search(r"\d[:]\d|\d-\d{2}-\d", around))
