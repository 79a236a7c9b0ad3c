"""Month, season, quarter and unit words in English and Spanish, for the timeframe reader."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan enero ene", "february feb febrero", "march mar marzo",
        "april apr abril abr", "may mayo", "june jun junio", "july jul julio",
        "august aug agosto ago", "september sep sept septiembre setiembre",
        "october oct octubre", "november nov noviembre", "december dec diciembre dic",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
# Short forms that are also common words ("mar", "may", "ago") need a capital or a year nearby;
# the pattern keeps full names first so "marzo" wins over "mar".
MONTH_PATTERN = "|".join(
    sorted((name + (r"\.?" if len(name) <= 4 else "") for name in MONTHS if name not in ("mar", "ago", "may")),
           key=len, reverse=True)
) + (
    "|May(?= \\d| of| de)|may(?= \\d{4})|(?-i:Mar)\\.?(?= \\d)"
    "|(?<=by )may|(?<=in )may|(?<=until )may|(?<=before )may|(?<=of )may|(?<=early )may"
    "|(?<=late )may|(?<=mid-)may|(?<=end of )may|(?<=after )may"
)

SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "spring": ((3, 20), (6, 20)), "primavera": ((3, 20), (6, 20)),
    "summer": ((6, 21), (9, 22)), "verano": ((6, 21), (9, 22)),
    "fall": ((9, 23), (12, 20)), "autumn": ((9, 23), (12, 20)), "otoño": ((9, 23), (12, 20)),
    "otono": ((9, 23), (12, 20)),
    "winter": ((12, 21), (3, 19)), "invierno": ((12, 21), (3, 19)),
}
SEASON_PATTERN = "|".join(SEASONS)

ORDINAL_QUARTERS = {
    "first": 1, "1st": 1, "primer": 1, "second": 2, "2nd": 2, "segundo": 2,
    "third": 3, "3rd": 3, "tercer": 3, "fourth": 4, "4th": 4, "cuarto": 4,
}
PERIOD_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "principios": (1, 4), "mid": (5, 8), "mediados": (5, 8),
    "late": (9, 12), "finales": (9, 12), "fines": (9, 12),
}

UNIT_PATTERN = (
    r"days?|weeks?|months?|years?|quarters?|d[ií]as|semanas?|mes(?:es)?|años?|trimestres?"
)


def unit_delta(unit: str, count: float) -> relativedelta:
    """A span of `count` units; fractional months become days."""
    unit = unit.lower()
    if unit.startswith(("day", "dí", "di")):
        return relativedelta(days=round(count))
    if unit.startswith(("week", "seman")):
        return relativedelta(days=round(7 * count))
    if unit.startswith(("quarter", "trimestre")):
        return relativedelta(months=round(3 * count))
    if unit.startswith(("year", "año")):
        return relativedelta(months=round(12 * count))
    whole = int(count)
    return relativedelta(months=whole, days=round((count - whole) * 30))


def add(start: dt.date, delta: relativedelta) -> dt.date:
    """Date arithmetic that clamps month ends (Nov 30 + 3 months is Feb 28 or 29)."""
    result: dt.date = start + delta
    return result
