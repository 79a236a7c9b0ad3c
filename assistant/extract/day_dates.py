"""Day-level dates the timeframe reader leaves to others: "3/18", "18/11", "Friday", "tomorrow".

The buying-timeline reader (`dates.py`) reads periods ("end of Q1", "next spring") and never
needs a weekday; a next step does ("send pricing by Friday", "demo w/ CFO 3/18"). Kept apart so
the criterion readers keep reading exactly what they read before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.text.fold import fold

_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?(?![\d/])")
_WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(("monday", "mon", "lunes"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues", "martes"), 1),
    **dict.fromkeys(("wednesday", "wed", "miercoles"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs", "jueves"), 3),
    **dict.fromkeys(("friday", "fri", "viernes"), 4),
}
_RELATIVE: dict[str, int] = {"today": 0, "eod": 0, "hoy": 0, "tomorrow": 1, "tmrw": 1, "manana": 1}
_DAY_NAMES = "|".join(sorted({*_WEEKDAYS, *_RELATIVE}, key=len, reverse=True))
_DAY_WORD = re.compile(rf"(?<!\w)(?:(?:next|el proximo|este|el)\s+)?({_DAY_NAMES})(?!\w)")


@dataclass(frozen=True)
class DayMention:
    """One day named in a short text: the resolved date and the words that named it."""

    day: date
    start: int
    end: int
    text: str


def _slash_day(match: re.Match[str], call: date, day_first: bool) -> date | None:
    first, second = int(match.group(1)), int(match.group(2))
    month, day = (second, first) if day_first or first > 12 else (first, second)
    year = match.group(3)
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(call.year, month, day)
    except ValueError:
        return None
    # A next step is ahead of the call: "3/18" said in November is next March.
    return found if found >= call else found.replace(year=call.year + 1)


def _word_day(word: str, call: date) -> date:
    """Today, tomorrow, or the coming weekday ("next Friday" too: the nearest Friday ahead)."""
    if word in _RELATIVE:
        return call + timedelta(days=_RELATIVE[word])
    return call + timedelta(days=(_WEEKDAYS[word] - call.weekday()) % 7 or 7)


def find_days(text: str, call: date, *, day_first: bool = False) -> list[DayMention]:
    """Slash dates (month first unless `day_first` or the first number is over 12) and weekdays."""
    found: list[DayMention] = []
    for match in _SLASH.finditer(text):
        day = _slash_day(match, call, day_first)
        if day is not None:
            found.append(DayMention(day, match.start(), match.end(), match.group(0)))
    folded = fold(text)
    for match in _DAY_WORD.finditer(folded):
        day = _word_day(match.group(1), call)
        found.append(DayMention(day, match.start(), match.end(), text[match.start() : match.end()]))
    return sorted(found, key=lambda mention: mention.start)
