"""Timeframes as sales notes say them ("by end of Q1 2027", "en tres meses", "next spring").

Each mention names a period (earliest..latest), resolved against the call date and preferring the
future, plus how the notes relate to it ("by", "after", "until", or plain "in").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from assistant.extract import dates_lexicon as dl
from assistant.extract.dates_periods import RESOLVERS, Kind, narrow
from assistant.extract.numbers import find_quantities
from assistant.text.clause_cache import clause_cache
from assistant.text.fold import fold

_SOON_DAYS = 14


@dataclass(frozen=True)
class TimeMention:
    """A timeframe in the notes: the period it names, where it is, and how the notes relate to it."""

    earliest: date
    latest: date
    start: int
    end: int
    text: str
    relation: dl.Relation
    kind: Kind


def months_between(start: date, end: date) -> float:
    """Calendar months from start to end, fractional, so "within 6 months" counts as people do."""
    if end < start:
        return -months_between(end, start)
    delta = relativedelta(end, start)
    whole = delta.years * 12 + delta.months
    anchor = start + relativedelta(months=whole)
    following = start + relativedelta(months=whole + 1)
    return whole + (end - anchor).days / (following - anchor).days


def _named(text: str, folded: str, call: date) -> list[TimeMention]:
    """Mentions that name a period: dates, months, quarters, halves, years, seasons."""
    found = []
    for name, pattern in dl.PATTERNS.items():
        for m in pattern.finditer(folded):
            try:
                resolved = RESOLVERS[name](m, call, text)
            except (ValueError, OverflowError):
                continue
            if resolved is None:
                continue
            span, kind, implied = resolved
            mod = dl.MODIFIERS[m["mod"]] if m["mod"] else implied
            earliest, latest = narrow(span, mod)
            # "end of Q1", "EOY", "fin de año" are deadlines unless the notes say otherwise
            relation = dl.RELATIONS[m["rel"]] if m["rel"] else "by" if mod == "end" else "in"
            start, end = m.span("body")
            found.append(TimeMention(earliest, latest, start, end, text[start:end], relation, kind))
    return found


def _shift(call: date, count: float, unit: str) -> date:
    """The call date moved by count units; months clamp at month ends (Nov 30 + 3 months = Feb 28/29)."""
    if unit.startswith(("day", "dia", "business")):
        return call + timedelta(days=round(count))
    if unit.startswith(("week", "seman")):
        return call + timedelta(days=round(7 * count))
    months = count * (
        12 if unit.startswith(("year", "ano")) else 3 if unit.startswith(("quarter", "trim")) else 1
    )
    whole = int(months)
    return call + relativedelta(months=whole) + timedelta(days=round((months - whole) * 30))


def _span_mention(
    text: str, call: date, bounds: tuple[int, int], counts: tuple[float, float], unit: str, lead: str | None
) -> TimeMention:
    relation, window = dl.DURATION_LEADS[lead] if lead else ("in", False)
    latest = _shift(call, counts[1], unit)
    earliest = call if window else _shift(call, counts[0], unit)
    start, end = bounds
    return TimeMention(earliest, latest, start, end, text[start:end], relation, "duration")


def _counted(text: str, folded: str, call: date) -> list[TimeMention]:
    """ "in 60 days", "within the next 6 months", "five or six months out", "dentro de 2 a 3 meses"."""
    found = []
    for q in find_quantities(text):
        unit = dl.DURATION_UNIT.match(folded, q.end)
        if q.kind != "number" or q.value <= 0 or unit is None:
            continue
        if "-" in unit["sep"] and not unit["unit"].endswith("s"):
            continue  # "a 3-month pilot" is a length, not a date
        lead = dl.DURATION_LEAD.search(folded, max(0, q.start - 45), q.start)
        label = dl.DURATION_LABEL.search(folded, max(0, q.start - 30), q.start)
        if not (lead or label or unit["tail"]):
            continue  # "migration takes nine days" is work, not a timeframe
        start = lead.start("lead") if lead else q.start
        counts = (q.value, q.value_max or q.value)
        found.append(
            _span_mention(text, call, (start, unit.end()), counts, unit["unit"], lead and lead["lead"])
        )
    return found


def _vague(text: str, folded: str, call: date) -> list[TimeMention]:
    """ "in a few weeks", "a year from now", "en un par de meses", "en medio año"."""
    found = []
    for m in dl.VAGUE_DURATION.finditer(folded):
        if m["lead"] or m["tail"]:
            counts = dl.VAGUE_COUNTS[m["count"]]
            found.append(_span_mention(text, call, m.span(), counts, m["unit"], m["lead"]))
    return found


def _soon(text: str, folded: str, call: date) -> list[TimeMention]:
    """ "ASAP", "right away", "cuanto antes": about two weeks out, unless negated ("not urgent")."""
    day = call + timedelta(days=_SOON_DAYS)
    return [
        TimeMention(day, day, m.start(), m.end(), text[m.start() : m.end()], "in", "duration")
        for m in dl.SOON.finditer(folded)
        if not dl.NEGATED.search(folded, max(0, m.start() - 20), m.start())
    ]


def find_timeframes(text: str, call_date: date) -> list[TimeMention]:
    """Every timeframe in the text, resolved against the call date, in order and without overlaps."""
    return list(_timeframes(text, call_date))


@clause_cache(maxsize=4_096)
def _timeframes(text: str, call_date: date) -> tuple[TimeMention, ...]:
    """Cached (`clause_cache`): the timeline and document readers ask about the same clauses."""
    folded = fold(text)
    candidates = [
        mention for reader in (_named, _counted, _vague, _soon) for mention in reader(text, folded, call_date)
    ]
    candidates.sort(key=lambda mention: (mention.start, mention.start - mention.end))
    chosen: list[TimeMention] = []
    for mention in candidates:
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return tuple(chosen)
