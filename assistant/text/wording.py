"""Plain wording of counts and day offsets, one place for every job ("2 issues", "18 days overdue").

Readers should never meet "issue(s)" or "-18 days": counts take the right noun form and a date
in the past is said as how long ago it was.
"""

from __future__ import annotations

import re


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 issue', '2 issues' ('1 day', '3 days'); `plural` for irregular nouns."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def days_left(days: int) -> str:
    """Days until a date, said plainly: '160 days left', 'due today', '18 days overdue'."""
    if days > 0:
        return f"{counted(days, 'day')} left"
    return "due today" if days == 0 else f"{counted(-days, 'day')} overdue"


_HEDGED_PLURAL = re.compile(r"\b(\d[\d,]*) ([A-Za-z]+(?: [a-z]+)?)\(s\)")


def plain_counts(text: str) -> str:
    """Hedged plurals made plain: '4 open issue(s)' -> '4 open issues', '1 item(s)' -> '1 item'."""

    def one(match: re.Match[str]) -> str:
        return counted(int(match.group(1).replace(",", "")), match.group(2))

    return _HEDGED_PLURAL.sub(one, text)
