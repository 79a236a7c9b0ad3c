"""Named periods for the timeframe reader: months, quarters, halves, years, seasons, weeks.

Each resolver turns a match of a dates_lexicon pattern into the period it names, resolved
against the call date and preferring the future; "early/mid/late/end of" narrow it afterwards.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from assistant.extract import dates_lexicon as dl
from assistant.extract.numbers_lexicon import COUNT_NOUNS
from assistant.text.fold import fold

Kind = Literal["date", "duration"]
Span = tuple[date, date]
Resolved = tuple[Span, Kind, dl.Modifier | None]
_WORD = re.compile(r"\w+")
_PART = {"early": 0, "mid": 1, "late": 2, "end": 2}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), _month_end(year, month)


def _months_from(start: date, count: int) -> Span:
    return start, start + relativedelta(months=count, days=-1)


def _upcoming(make: Callable[[int], Span], call: date, year: int | None, after: bool = False) -> Span:
    """The period in an explicit year, else the first one not over yet (or not begun, for "next")."""
    if year is not None:
        return make(year)
    for candidate in range(call.year - 1, call.year + 3):
        span = make(candidate)
        if (span[0] > call) if after else (span[1] >= call):
            return span
    return make(call.year + 1)


def narrow(span: Span, mod: dl.Modifier | None) -> Span:
    """ "early/mid/late" take a third of the period; "end of" its last month (or last third)."""
    start, end = span
    if mod is None:
        return span
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == _month_end(end.year, end.month) and months % 3 == 0:
        if mod == "end":
            return _month_span(end.year, end.month)
        return _months_from(start + relativedelta(months=months // 3 * _PART[mod]), months // 3)
    days = (end - start).days + 1
    if days < 3:
        return span
    part = _PART[mod]
    return start + timedelta(days=days * part // 3), start + timedelta(days=days * (part + 1) // 3 - 1)


def _full_year(digits: str) -> int:
    year = int(digits)
    return year + 2000 if year < 100 else year


def _qualified_year(m: re.Match[str], call: date) -> int | None:
    """The year a month, quarter, half or season is pinned to: "2027", "'27", "FY27", "next year"."""
    groups = m.groupdict()
    if groups.get("y4"):
        return int(groups["y4"])
    digits = groups.get("y2") or groups.get("yf")
    if digits:
        return _full_year(digits)
    if groups.get("yn"):
        return call.year + 1
    return call.year if groups.get("yt") else None


def _is_next(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    words = (groups.get(name) for name in ("nx", "nx2", "sq", "sq2"))
    return any(word in dl.NEXT_WORDS for word in words if word)


def _iso(m: re.Match[str], call: date, text: str) -> Resolved | None:
    day = date(int(m["iy"]), int(m["im"]), int(m["id"]))
    return (day, day), "date", None


def _month_ok(m: re.Match[str], text: str) -> bool:
    """ "may", "march", "Jan", "mar", "ago" are months only with a day, year, relation or capital."""
    word = m["mon"] or m["abbr"]
    if word not in dl.AMBIGUOUS_STRICT | dl.AMBIGUOUS_CAPS:
        return True
    pos = m.start("mon") if m["mon"] else m.start("abbr")
    if m.groupdict().get("day") or m["mod"] or m["y4"] or m["yn"] or m["yt"]:
        return True
    capital = text[pos].isupper()
    if word in dl.AMBIGUOUS_STRICT:
        return capital and bool(m["rel"])
    opening = not text[:pos].strip() or text[:pos].rstrip()[-1] in ".!?:[\n"
    return bool(m["rel"]) or (capital and not opening)


def _month(m: re.Match[str], call: date, text: str) -> Resolved | None:
    if not _month_ok(m, text):
        return None
    month = dl.MONTHS[m["mon"] or m["abbr"]]
    year = _qualified_year(m, call)
    if m.groupdict().get("day"):
        day = int(m["day"])
        span = _upcoming(lambda y: (date(y, month, day), date(y, month, day)), call, year)
    else:
        span = _upcoming(lambda y: _month_span(y, month), call, year)
    return span, "date", None


def _relative_span(call: date, size: int, after: bool) -> Span:
    """The current quarter (size 3) or half (size 6), or the one after it."""
    first = date(call.year, (call.month - 1) // size * size + 1, 1)
    return _months_from(first + relativedelta(months=size if after else 0), size)


def _quarter(m: re.Match[str], call: date, text: str) -> Resolved | None:
    if m["bare"] and not (m["mod"] or m["bare"] == "eoq"):
        return None
    if m["bare"] or m["nx"] or m["nx2"]:
        return _relative_span(call, 3, _is_next(m)), "date", "end" if m["bare"] == "eoq" else None
    number = int(m["q"] or m["qt"] or dl.QUARTER_WORDS[m["qw"]])
    span = _upcoming(lambda y: _months_from(date(y, 3 * number - 2, 1), 3), call, _qualified_year(m, call))
    return span, "date", None


def _half(m: re.Match[str], call: date, text: str) -> Resolved | None:
    if m["bare"] and not m["mod"]:
        return None
    if m["bare"] or m["nx"]:
        return _relative_span(call, 6, _is_next(m)), "date", None
    second = (m["h"] or m["hw"]) in ("2", "second", "2nd", "segundo", "segunda")
    span = _upcoming(
        lambda y: _months_from(date(y, 7 if second else 1, 1), 6), call, _qualified_year(m, call)
    )
    return span, "date", None


def _whole(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def _year(m: re.Match[str], call: date, text: str) -> Resolved | None:
    whole = _whole
    if m["fy"]:
        return whole(_full_year(m["fy"])), "date", None
    if m["yr"]:
        year = int(m["yr"])
        return (
            (whole(year), "date", None) if m["rel"] or m["mod"] or _plausible(year, call, text, m) else None
        )
    if m["yn"] or m["yn2"]:
        return whole(call.year + 1), "date", None
    if m["bare"] and not m["mod"]:
        return None
    return whole(call.year), "date", "end" if m["ye"] else None


def _plausible(year: int, call: date, text: str, m: re.Match[str]) -> bool:
    """A bare "2027" is a year when it is near the call and does not count things."""
    following = _WORD.findall(fold(text[m.end() : m.end() + 30]))
    return call.year - 1 <= year <= call.year + 10 and not (following and following[0] in COUNT_NOUNS)


def _season(m: re.Match[str], call: date, text: str) -> Resolved | None:
    name, year = m["season"], _qualified_year(m, call)
    if not (m["rel"] or m["mod"] or m["sq"] or m["sq2"] or m["lead"] or year) and _bare_season_is_not_time(
        name, text, m
    ):
        return None
    (sm, sd), (em, ed) = dl.SEASONS[name]

    def make(y: int) -> Span:
        return date(y, sm, sd), date(y + (em < sm), em, ed)

    return _upcoming(make, call, year, after=_is_next(m)), "date", None


def _bare_season_is_not_time(name: str, text: str, m: re.Match[str]) -> bool:
    """ "prices fall", "summer intern", "curso de verano": a season word that names no period."""
    before = _WORD.findall(fold(text[max(0, m.start() - 10) : m.start()]))
    after = _WORD.findall(fold(text[m.end() : m.end() + 20]))
    return (
        name == "fall"
        or bool(after and after[0] in dl.SEASON_NOUNS)
        or bool(before and before[-1] in ("de", "del"))
    )


def _near(m: re.Match[str], call: date, text: str) -> Resolved | None:
    unit = m["unit"] or m["unit2"] or m["bare"]
    if m["bare"] and not (m["mod"] or unit == "eom"):
        return None
    after = _is_next(m)
    if unit in ("week", "semana"):
        monday = call - timedelta(days=call.weekday()) + timedelta(weeks=1 if after else 0)
        span = (monday, monday + timedelta(days=6))
    else:
        span = _months_from(call.replace(day=1) + relativedelta(months=1 if after else 0), 1)
    return span, "duration" if after else "date", "end" if unit == "eom" else None


RESOLVERS: dict[str, Callable[[re.Match[str], date, str], Resolved | None]] = {
    "iso": _iso,
    "month_day": _month,
    "day_month": _month,
    "month": _month,
    "quarter": _quarter,
    "half": _half,
    "year": _year,
    "season": _season,
    "near": _near,
}
