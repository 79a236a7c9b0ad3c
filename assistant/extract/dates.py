"""Timeframes as sales notes say them ("end of Q1 2027", "en tres meses", "next spring")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

from assistant.extract.dates_lexicon import (
    MONTH_PATTERN,
    MONTHS,
    ORDINAL_QUARTERS,
    PERIOD_PARTS,
    SEASON_PATTERN,
    SEASONS,
    UNIT_PATTERN,
    unit_delta,
)
from assistant.extract.numbers import parse_number

Relation = Literal["in", "by", "after", "until"]
Period = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class TimeMention:
    """A resolved timeframe: the period it names and how the notes relate to it."""

    earliest: dt.date
    latest: dt.date
    start: int
    end: int
    text: str
    relation: Relation
    kind: Literal["date", "duration"]


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months between two dates, fractional."""
    return (end - start).days / 30.4375


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_NEXT_YEAR = re.compile(r"(?:(?:el|del|de)\s+)?(?:next year|año que viene|pr[oó]ximo año|año pr[oó]ximo)")


def _year_of(token: str | None, call: dt.date, default: int) -> int:
    if not token:
        return default
    token = token.lower().strip().replace("-", " ")
    if _NEXT_YEAR.fullmatch(token):
        return call.year + 1
    if token in ("this year", "este año"):
        return call.year
    digits = re.sub(r"\D", "", token)
    year = int(digits) if digits else default
    return year + 2000 if year < 100 else year


def _roll(period: Period, call: dt.date, explicit_year: bool) -> Period:
    """Prefer the future: a period already over this year means next year's."""
    if explicit_year or period[1] >= call:
        return period
    start, end = period
    return start + relativedelta(years=1), end + relativedelta(years=1)


_Y = r"(?:\s*(?:of\s+|de\s+|del\s+|,\s*)?(?P<year>'?\d{2,4}\b|next year|this year|el año que viene|el pr[oó]ximo año|del año que viene))?"


def _quarter(m: re.Match[str], call: dt.date) -> Period:
    raw = (m.group("q") or m.group("qt") or "").lower()
    number = int(raw) if raw.isdigit() else ORDINAL_QUARTERS[raw]
    year = _year_of(m.group("year"), call, call.year)
    start = dt.date(year, 3 * number - 2, 1)
    return _roll((start, _month_end(year, 3 * number)), call, bool(m.group("year")))


def _relative_quarter(m: re.Match[str], call: dt.date) -> Period:
    which = m.group("which") or m.group("which2") or ("this" if m.group("eoq") else "next")
    shift = 0 if which.lower() in ("this", "este", "current") else 3
    first = dt.date(call.year, 3 * ((call.month - 1) // 3) + 1, 1) + relativedelta(months=shift)
    return first, first + relativedelta(months=3, days=-1)


def _half(m: re.Match[str], call: dt.date) -> Period:
    raw = (m.group("h") or m.group("hw")).lower()
    second = raw in ("2", "second", "segundo")
    year = _year_of(m.group("year"), call, call.year)
    period = (dt.date(year, 7, 1), dt.date(year, 12, 31)) if second else (dt.date(year, 1, 1), dt.date(year, 6, 30))
    return _roll(period, call, bool(m.group("year")))


def _fiscal(m: re.Match[str], call: dt.date) -> Period:
    year = _year_of(m.group("fy"), call, call.year + 1 if m.group("fynext") else call.year)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _year_end(m: re.Match[str], call: dt.date) -> Period:
    following = any(m.group(g) for g in ("nx1", "nx2", "nx3"))
    year = _year_of(m.group("year"), call, call.year + 1 if following else call.year)
    return dt.date(year, 12, 1), dt.date(year, 12, 31)


def _part_of_year(m: re.Match[str], call: dt.date) -> Period:
    first, last = PERIOD_PARTS[m.group("part").lower()]
    year = _year_of(m.group("year"), call, call.year)
    return dt.date(year, first, 1), _month_end(year, last)


def _whole_year(m: re.Match[str], call: dt.date) -> Period:
    year = _year_of(m.group("year"), call, call.year)
    start = max(dt.date(year, 1, 1), call)
    return start, dt.date(year, 12, 31)


def _season(m: re.Match[str], call: dt.date) -> Period:
    (sm, sd), (em, ed) = SEASONS[m.group("season").lower()]
    ongoing_winter = em < sm and call <= dt.date(call.year, em, ed)
    year = _year_of(m.group("year"), call, call.year - 1 if ongoing_winter else call.year)
    start = dt.date(year, sm, sd)
    end = dt.date(year + (1 if em < sm else 0), em, ed)
    period = _roll((start, end), call, bool(m.group("year")))
    if re.search(r"next|pr[oó]xim", m.group("which") or "", re.I) and period[0] <= call:
        period = (period[0] + relativedelta(years=1), period[1] + relativedelta(years=1))
    return period


def _day(m: re.Match[str], call: dt.date) -> Period:
    month = MONTHS[m.group("month").lower().rstrip(".")]
    year = _year_of(m.group("year"), call, call.year)
    day = dt.date(year, month, min(int(m.group("day")), calendar.monthrange(year, month)[1]))
    return _roll((day, day), call, bool(m.group("year")))


def _iso(m: re.Match[str], call: dt.date) -> Period:
    day = dt.date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return day, day


def _month(m: re.Match[str], call: dt.date) -> Period:
    month = MONTHS[m.group("month").lower().rstrip(".")]
    year = _year_of(m.group("year"), call, call.year)
    return _roll((dt.date(year, month, 1), _month_end(year, month)), call, bool(m.group("year")))


def _duration(m: re.Match[str], call: dt.date) -> Period:
    if not (m.group("lead") or m.group("tail")):
        raise ValueError("a bare span is a duration of work, not a date")
    low = _count(m.group("n1"))
    high = _count(m.group("n2")) if m.group("n2") else low
    unit = m.group("unit")
    return call + unit_delta(unit, low), call + unit_delta(unit, high)


def _count(token: str) -> float:
    word = re.sub(r"^(?:a|un)\s+|\s+(?:of|de)$", "", token.lower().strip())
    return {"unos": 3.0, "unas": 3.0}.get(word) or parse_number(word) or 1.0


def _next_unit(m: re.Match[str], call: dt.date) -> Period:
    delta = unit_delta(m.group("unit"), 1)
    return call + delta, call + delta


def _soon(m: re.Match[str], call: dt.date) -> Period:
    day = call + dt.timedelta(days=14)
    return day, day


_NUMWORD = r"a couple of|a few|un par de|half a|medio|\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|sixty|ninety|few|couple of|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|dieciocho|veinte|treinta|sesenta|noventa|unos|unas|par de"
_SPAN = rf"(?P<n1>{_NUMWORD})(?:\s?(?:-|–|to|or|a|o)\s?(?P<n2>{_NUMWORD}))?\s+(?P<unit>{UNIT_PATTERN})"
# A bare span ("takes nine days") is a duration of work, not a date: only "in/within ... " or "... out" count.
_LEAD_IN = (
    r"in|within|within the next|in the next|over the next|the next|next|en|dentro de|"
    r"en los pr[oó]ximos|en las pr[oó]ximas|en un plazo de|maybe|about|around|for|por"
)
Resolver = Callable[[re.Match[str], dt.date], Period]
_HANDLERS: list[tuple[re.Pattern[str], Resolver, Literal["date", "duration"]]] = [
    (re.compile(r"\b(?P<y>20\d{2})-(?P<mo>\d{2})-(?P<d>\d{2})\b"), _iso, "date"),
    (re.compile(rf"\b(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<year>\d{{4}})?\b", re.I), _day, "date"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?:de\s+)?(?P<month>{MONTH_PATTERN})(?:,?\s*(?:de\s+)?(?P<year>\d{{4}}))?\b", re.I), _day, "date"),
    (re.compile(rf"\b(?:q(?P<q>[1-4])|(?P<qt>first|second|third|fourth|1st|2nd|3rd|4th|primer|segundo|tercer|cuarto)\s+(?:quarter|trimestre)){_Y}", re.I), _quarter, "date"),
    (re.compile(r"\b(?:(?P<which>this|next|current|este|pr[oó]ximo)\s+(?:quarter|trimestre)|el\s+(?P<which2>pr[oó]ximo)\s+trimestre|(?P<eoq>eoq|end of (?:the )?quarter|fin(?:al)?(?:es)? de(?:l)? trimestre))", re.I), _relative_quarter, "date"),
    (re.compile(rf"\b(?:h(?P<h>[12])|(?P<hw>first|second|primer|segundo)\s+(?:half|semestre)){_Y}", re.I), _half, "date"),
    (re.compile(r"\b(?:fy\s?'?(?P<fy>\d{2,4})|(?P<fynext>next fiscal year))\b", re.I), _fiscal, "date"),
    (re.compile(rf"\b(?:end of (?:the )?(?P<nx1>next )?(?:fiscal )?year|end of fy|year[- ]end|eoy|fin(?:al)?(?:es)? de(?:l)? (?P<nx2>pr[oó]ximo )?año(?P<nx3> que viene| pr[oó]ximo)?){_Y}", re.I), _year_end, "date"),
    (re.compile(r"\b(?P<part>early|mid|late|principios|mediados|finales|fines)(?:-|\s+del?)?\s?(?P<year>\d{4}|next year|(?:el\s+)?(?:año que viene|pr[oó]ximo año|año pr[oó]ximo))\b", re.I), _part_of_year, "date"),
    (re.compile(rf"\b(?:(?P<which>next|this|la pr[oó]xima|el pr[oó]ximo)\s+)?(?P<season>{SEASON_PATTERN}){_Y}", re.I), _season, "date"),
    (re.compile(rf"\b(?P<month>{MONTH_PATTERN})(?![\w])(?:\s*(?:,|of|de|del)?\s*(?P<year>\d{{4}}))?", re.I), _month, "date"),
    (re.compile(r"\b(?P<year>next[- ]year|this year|el año que viene|el pr[oó]ximo año|el año pr[oó]ximo|este año|(?<![\d.,$€£])20[2-4]\d(?!\d|[.,]\d|\s?(?:k|m|%|employees|people|personas)))\b", re.I), _whole_year, "date"),
    (re.compile(rf"\b(?:(?P<lead>{_LEAD_IN})\s+)?{_SPAN}(?P<tail>\s+(?:out|from now|away|de ahora|desde ahora))?\b", re.I), _duration, "duration"),
    (re.compile(rf"\b(?:next|el|la|the)\s+(?P<unit>{UNIT_PATTERN})(?:\s+(?:que viene|pr[oó]xim[oa]))?\b", re.I), _next_unit, "duration"),
    (re.compile(r"\b(?:asap|immediately|right away|urgent(?:ly)?|cuanto antes|lo antes posible|de inmediato)\b", re.I), _soon, "duration"),
]
_BY = re.compile(r"\b(?:by|before|no later than|ahead of|antes de(?:l| la)?|para|deadline:?|end of|fin de|finales de)\s*(?:the\s+|el\s+|la\s+)?$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through|hasta|runs to|locked in until)\s*(?:the\s+|el\s+|la\s+)?$", re.I)
_AFTER = re.compile(r"\b(?:after|once|not before|no earlier than|después de(?:l| la)?|despues de(?:l| la)?|a partir de)\s*(?:the\s+|el\s+|la\s+)?$", re.I)


def _relation(text: str, start: int, matched: str) -> Relation:
    before = text[max(0, start - 30) : start]
    if _UNTIL.search(before):
        return "until"
    if _AFTER.search(before):
        return "after"
    if _BY.search(before) or re.match(r"(?i)end of|fin|eo[qy]\b", matched):
        return "by"
    return "in"


def find_timeframes(text: str, call_date: dt.date) -> list[TimeMention]:
    """Every timeframe in the text resolved against the call date, longest match first."""
    taken: list[tuple[int, int]] = []
    mentions: list[TimeMention] = []
    for pattern, resolve, kind in _HANDLERS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken) or re.search(r"\d:\d", text[max(0, start - 3) : end + 3]):
                continue
            try:
                earliest, latest = resolve(match, call_date)
            except (KeyError, ValueError, OverflowError):
                continue
            taken.append((start, end))
            relation = _relation(text, start, match.group(0))
            mentions.append(TimeMention(earliest, latest, start, end, text[start:end], relation, kind))
    return sorted(mentions, key=lambda m: m.start)
