"""Words, symbols and masks for reading numbers and money in English and Spanish notes."""

from __future__ import annotations

import re

from assistant.extract.dates_lexicon import MONTH_MASK


def _set(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _words(spec: str, start: int = 0, step: int = 1) -> dict[str, float]:
    return {word: float(start + step * i) for i, word in enumerate(spec.split())}


UNITS = _words("zero one two three four five six seven eight nine") | _words(
    "cero uno dos tres cuatro cinco seis siete ocho nueve"
)
TEENS = (
    _words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10)
    | _words("diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve veinte", 10)
    | _words("veintiuno veintidos veintitres veinticuatro veinticinco veintiseis veintisiete", 21)
    | _words("veintiocho veintinueve", 28)
    | {"veintiun": 21.0, "veintiuna": 21.0}
)
TENS_EN = _words("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10)
TENS_ES = _words("treinta cuarenta cincuenta sesenta setenta ochenta noventa", 30, 10)
_HUNDRED_STEMS = "doscient trescient cuatrocient quinient seiscient setecient ochocient novecient"
HUNDREDS_ES = {"cien": 100.0, "ciento": 100.0} | {
    stem + ending: 100.0 * value
    for value, stem in enumerate(_HUNDRED_STEMS.split(), 2)
    for ending in ("os", "as")
}
MULTIPLYING = {"hundred": 100.0, "dozen": 12.0, "docena": 12.0, "docenas": 12.0}
SCALES = {
    "thousand": 1e3,
    "mil": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
    "billon": 1e12,
    "billones": 1e12,
}
ARTICLES = frozenset({"a", "an", "un", "una"})
HALVES = frozenset({"half", "medio", "media"})
# "once" is English ("once legal signs off") unless a Spanish count noun follows it.
ONCE_NOUNS = _set(
    "mil millones meses semanas dias anos personas empleados trabajadores colaboradores usuarios "
    "clientes sucursales tiendas oficinas sedes paises ciudades hospitales clinicas plantas "
    "licencias agentes camas puestos"
)

LETTER_MULT = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
SPACED_MULT = {"k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "bn": 1e9, "Bn": 1e9, "BN": 1e9}
ORDINAL_SUFFIXES = _set("st nd rd th o a er ero era ra ro do to vo no")
UNIT_SUFFIXES = _set("x h hr hrs min mins gb tb mb kb yr yrs mo mos d w wk wks s kg km")

APPROX_PREFIXES = (
    "~|≈|about|around|roughly|approx|approx .|approximately|circa|some|nearly|almost|close to|"
    "over|more than|upwards of|north of|up to|under|less than|at least|unos|unas|aprox|aprox .|"
    "aproximadamente|alrededor de|cerca de|casi|mas de|menos de|hasta|al menos|por lo menos|"
    "como|en torno a|del orden de|mas o menos"
)
APPROX_SUFFIXES = "or so|o asi|or more|o mas|- ish|ish|+"
PERCENT_WORDS = "%|percent|per cent|pct|por ciento|porciento"
RANGE_OPENERS: dict[str, frozenset[str]] = {
    "between": frozenset({"and", "to", "-"}),
    "entre": frozenset({"y", "e", "a", "-"}),
    "from": frozenset({"to", "-", "through"}),
    "de": frozenset({"a", "-"}),
    "desde": frozenset({"a", "hasta"}),
}
RANGE_CONNECTORS = frozenset({"-", "to", "or", "o", "u", "a"})

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₦": "NGN"}
CURRENCY_CODES = _set(
    "USD EUR GBP MXN CAD AUD JPY INR BRL CHF KES COP ARS CLP PEN UYU NZD SGD HKD ZAR SEK NOK "
    "DKK PLN CNY KRW NGN AED PHP"
)
LOWER_CODES = frozenset({"usd", "eur", "gbp", "mxn"})
CODE_ALIASES = {"ksh": "KES", "kshs": "KES", "rs": "INR", "sfr": "CHF"}
DOLLAR_PREFIXES = {
    "us": "USD",
    "u.s.": "USD",
    "r": "BRL",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "a": "AUD",
    "au": "AUD",
    "nz": "NZD",
    "mx": "MXN",
    "hk": "HKD",
    "s": "SGD",
    "col": "COP",
    "ar": "ARS",
}
_CURRENCY_WORDS = {
    "USD": "dollars|dollar|bucks|dolares|dolar|us dollars|dolares americanos|dolares estadounidenses",
    "CAD": "canadian dollars|dolares canadienses",
    "AUD": "australian dollars|dolares australianos",
    "EUR": "euros|euro",
    "GBP": "pounds|pound|quid|libras|libras esterlinas|pounds sterling",
    "MXN": "pesos|pesos mexicanos|mexican pesos",
    "COP": "pesos colombianos|colombian pesos",
    "ARS": "pesos argentinos|argentine pesos|argentinian pesos",
    "CLP": "pesos chilenos|chilean pesos",
    "JPY": "yen|yenes",
    "INR": "rupees|rupias|rupee",
    "BRL": "reais|reales",
    "CHF": "francs|francos|swiss francs|francos suizos",
    "KES": "shillings|chelines|kenyan shillings",
    "PEN": "soles",
}
CURRENCY_WORDS = [(phrase, code) for code, spec in _CURRENCY_WORDS.items() for phrase in spec.split("|")]

# After a bare "20k" these nouns say it counts things, not money.
COUNT_NOUNS = _set(
    "users employees people staff seats licenses licences personas empleados usuarios customers "
    "clientes members students patients records transactions requests rows devices endpoints units "
    "stores tiendas locations sites calls tickets messages emails visits downloads followers "
    "contacts accounts cuentas leads agents agentes beds camas skus orders pedidos shipments envios "
    "vehicles trucks sucursales oficinas offices branches members workers trabajadores "
    "colaboradores subscribers suscriptores documents documentos invoices facturas"
)

# A year is a year after these words ("in 2027", "mid-2027", "finales de 2027").
YEAR_BEFORE = _set(
    "in by en since desde until till hasta before after antes despues early mid late fin finales "
    "fines principios inicios comienzos mediados fiscal during durante through year ano fy del "
    "pre post founded fundada fundado established"
)
# ... or after "of"/"de" that follows one of these ("end of 2027", "Q3 of 2027").
PERIOD_BEFORE_OF = _set(
    "end start beginning middle half quarter fin finales fines principios inicios comienzos "
    "mediados mitad semestre trimestre summer winter spring fall autumn verano invierno "
    "primavera otono cierre close ano year"
)
YEAR_AFTER = _set("budget budgets presupuesto plan planning roadmap fiscal")

_TIME = r"\[\s*\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\s*\]|\b\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\b\.?)?"
_CLOCK = r"\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
_DATES = r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
_PERIODS = (
    r"\b[QqHh][1-4](?:\s*(?:19|20)\d{2}|\s?['’]\d{2})?\b|\b[1-4][TtQq](?:\s*(?:19|20)\d{2}|\d{2})?\b"
    r"|\b(?:FY|fy|Fy)\s?['’]?\d{2}(?:\d{2})?\b"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_DAY_MONTH = (
    rf"\b{_DAY}(?:st|nd|rd|th|º|ª)?\s+(?:de\s+|of\s+)?(?:{MONTH_MASK})\b"
    rf"|\b(?:{MONTH_MASK})\.?\s+{_DAY}(?:st|nd|rd|th)?\b(?![.,]?\d)"
)
# Spans that hold digits but are never quantities: times, dates, quarters, fiscal years.
NOT_QUANTITY = re.compile(f"{_TIME}|{_CLOCK}|{_DATES}|{_PERIODS}|{_DAY_MONTH}")
