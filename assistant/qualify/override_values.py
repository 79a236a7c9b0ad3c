"""A person's value for a criterion, judged by the rubric like a value read from the notes.

"450 employees", "120000 USD approved", "2027-03-31" or "end of Q1", "Hospitality": the same
number, money and date readers read the value, and `rubric.judge` applies the same thresholds,
so an override never brings its own arithmetic. Title and problem have no thresholds: their
value is kept as given and the person states the status.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain import CriterionFinding, CriterionName, Money, Status
from assistant.extract.budget_lexicon import APPROVED, UNAPPROVED
from assistant.extract.dates import find_timeframes, months_between
from assistant.extract.document import read_notes
from assistant.extract.industry import read_industry
from assistant.extract.numbers import MoneyMention, Quantity, find_money, find_quantities
from assistant.knowledge.schemas import Rubric
from assistant.qualify.rubric import judge
from assistant.qualify.schemas import CriterionResult
from assistant.text.fold import fold

_TIERS: dict[str, tuple[Status, str]] = {
    "target": ("met", "a target industry"),
    "other": ("partial", "a known industry outside the target list"),
    "excluded": ("unfit", "an excluded industry"),
}
"""An industry tier's status and words, as the industry reader gives them."""
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")


class OverrideValueError(ValueError):
    """The value cannot be read for its criterion; the message says what would be."""


def judge_value(criterion: CriterionName, text: str, rubric: Rubric, call_date: dt.date) -> CriterionResult:
    """The reading a value gives: its normalised value, the rubric's status and the reason."""
    if criterion == "size":
        return judge(_size(text), rubric)
    if criterion == "budget":
        return judge(_budget(text), rubric)
    if criterion == "timeline":
        return judge(_timeline(text, call_date), rubric)
    if criterion == "industry":
        return _industry(text, rubric)
    raise OverrideValueError(f"give a status too: a {criterion} value is not judged by the rubric")


def _size(text: str) -> CriterionFinding:
    counts = [q for q in find_quantities(text) if q.kind == "number" and q.value >= 1]
    if not counts:
        raise OverrideValueError(f"no number of employees in {text!r} (for example: 450 employees)")
    employees = int(counts[0].value)
    return CriterionFinding(criterion="size", value=employees, employees=employees, confidence=1.0)


def _budget(text: str) -> CriterionFinding:
    amounts: list[Quantity] = [*find_money(text)] or [q for q in find_quantities(text) if q.kind == "number"]
    if not amounts:
        raise OverrideValueError(f"no amount in {text!r} (for example: 120000 USD approved)")
    first = amounts[0]
    currency = first.currency if isinstance(first, MoneyMention) else None
    money = Money(
        amount=first.value, currency=currency, amount_max=first.value_max, approximate=first.approximate
    )
    folded = fold(text)
    approved = bool(APPROVED.search(folded)) and not UNAPPROVED.search(folded)
    return CriterionFinding(
        criterion="budget", value=money, budget=money, budget_approved=approved, confidence=1.0
    )


def _timeline(text: str, call_date: dt.date) -> CriterionFinding:
    iso = _ISO_DATE.match(text)
    if iso:
        target = dt.date.fromisoformat(iso.group(1))
    else:
        mentions = find_timeframes(text, call_date)
        if not mentions:
            raise OverrideValueError(f"no date in {text!r} (for example: 2027-03-31 or end of Q1 2027)")
        target = mentions[0].latest
    months = round(months_between(call_date, target), 1)
    reason = f"decision around {target.isoformat()} ({months:g} months after the call)"
    return CriterionFinding(
        criterion="timeline", value=target.isoformat(), months=months, reason=reason, confidence=1.0
    )


def _industry(text: str, rubric: Rubric) -> CriterionResult:
    """An industry by its label or key ("Hospitality", "gambling"), else as the industry reader
    reads the words ("a hotel chain"); its tier gives the status."""
    named = fold(text).strip()
    found = next((i for i in rubric.industries if named in (fold(i.label), i.key)), None)
    if found is None:
        key = read_industry(read_notes(text), rubric).industry_key
        found = rubric.industry(key) if key else None
    if found is None:
        labels = ", ".join(i.label for i in rubric.industries)
        raise OverrideValueError(f"{text!r} is no industry of the rubric (one of: {labels})")
    status, words = _TIERS[found.tier]
    return CriterionResult(status=status, value=found.label, confidence=1.0, reason=f"{found.label}: {words}")
