"""The model's numbers checked against its own quotes, read again by the offline readers.

A verbatim quote proves only that its words are in the notes, not that they say what the model
claims. For size, budget and timeline the model's employees, amount, approval and decision date
must be readable from its quotes by the same readers the offline engine uses; a status given
without a number must match what those readers make of the quote. Anything else is
`Unsupported`, and the caller keeps the offline reading for that criterion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant.domain import CriterionFinding, Money
from assistant.extract.budget import read_budget
from assistant.extract.budget_lexicon import APPROVED, NO_BUDGET
from assistant.extract.cues import find_hits, has, is_negated
from assistant.extract.dates import find_timeframes, months_between
from assistant.extract.document import NoteDocument, read_notes
from assistant.extract.numbers import Quantity, find_money, find_quantities
from assistant.extract.size import read_size
from assistant.extract.timeline import read_timeline
from assistant.text.fold import fold

AMOUNT_TOLERANCE = 0.01  # "150k" against 150000.0, or 149,999 rounded by the model
DATE_SLACK = dt.timedelta(days=15)  # a model's "end of March" may land a few days either side
BUDGET_LABEL = "Budget:"
_NUMBER_FIELDS = ("employees", "budget", "budget_approved", "months")


@dataclass(frozen=True)
class Unsupported:
    """The model's reading of a criterion that its own quotes do not bear out."""

    reading: str


def check_size(
    finding: CriterionFinding, quotes: list[str], employees: int | None
) -> CriterionFinding | Unsupported:
    """Keep the model's headcount only when a quote states that headcount."""
    if employees is None:
        return _status_only(finding, read_size(read_notes("\n".join(quotes))))
    stated = [span for quote in quotes for span in _headcounts(quote)]
    if not any(_within(employees, span, 0.0) for span in stated):
        return Unsupported(f"{employees:,} employees")
    return finding.model_copy(update={"employees": employees, "value": employees})


def check_budget(
    finding: CriterionFinding,
    quotes: list[str],
    amount: float | None,
    currency: str | None,
    approved: bool | None,
) -> CriterionFinding | Unsupported:
    """Keep the model's amount only when a quote states it, and its approval only when a quote
    says approved with no negation ("no budget", "not approved" never make a met budget)."""
    if amount is None:
        return _status_only(finding, _budget_reading(read_notes("\n".join(quotes))))
    claim = f"budget {amount:,.0f}" + (" approved" if approved else "")
    matched = next(
        (m for quote in quotes for m in _amounts(quote) if _within(amount, m, AMOUNT_TOLERANCE)), None
    )
    if matched is None:
        return Unsupported(claim)
    if approved and not any(_budget_reading(read_notes(quote)).budget_approved for quote in quotes):
        return Unsupported(claim)
    money = Money(amount=amount, currency=matched.currency or currency)
    return finding.model_copy(update={"budget": money, "budget_approved": bool(approved), "value": money})


def check_timeline(
    finding: CriterionFinding, quotes: list[str], decision_date: str | None, call_date: dt.date
) -> CriterionFinding | Unsupported:
    """Keep the model's decision date only when it falls in a timeframe a quote names."""
    if not decision_date:
        return _status_only(finding, read_timeline(read_notes("\n".join(quotes)), call_date))
    try:
        decided = dt.date.fromisoformat(decision_date[:10])
    except ValueError:
        return Unsupported(f"decision date {decision_date!r}")
    named = [m for quote in quotes for m in find_timeframes(quote, call_date) if m.latest >= call_date]
    if not any(m.earliest - DATE_SLACK <= decided <= m.latest + DATE_SLACK for m in named):
        return Unsupported(f"decision date {decided.isoformat()}")
    months = round(months_between(call_date, decided), 1)
    return finding.model_copy(update={"months": months, "value": decided.isoformat()})


def _status_only(finding: CriterionFinding, quoted: CriterionFinding) -> CriterionFinding | Unsupported:
    """No number from the model: the quote's own numbers go to the rubric; without any, the
    model's status stands only where the offline reader reads the quote the same way."""
    numbers = {name: getattr(quoted, name) for name in _NUMBER_FIELDS if getattr(quoted, name) is not None}
    if numbers:
        return finding.model_copy(update={**numbers, "value": quoted.value})
    if finding.proposed != quoted.proposed:
        return Unsupported(f"{finding.proposed} with no number")
    return finding


def _headcounts(quote: str) -> list[Quantity]:
    """The numbers in a quote that the size reader takes for the company's headcount."""
    headcount = read_size(read_notes(quote)).employees
    if headcount is None:
        return []
    return [q for q in find_quantities(quote) if q.kind == "number" and round(q.value) == headcount]


def _amounts(quote: str) -> list[Money]:
    """Each amount a quote writes, as the budget reader takes it: "$3k a month" is 36,000 a year.

    The reader is given the quote from each amount on, under a "Budget:" label, so it reads
    that amount even when the quote leaves out the word "budget" or names an earlier one first.
    """
    written = [m.start for m in find_money(quote) if m.kind == "number"]
    written += [q.start for q in find_quantities(quote) if q.kind == "number" and q.value >= 1000]
    readings = (read_budget(read_notes(f"{BUDGET_LABEL} {quote[start:]}")).budget for start in written)
    return [money for money in readings if money is not None]


def _within(value: float, stated: Quantity | Money, tolerance: float) -> bool:
    """Whether a value is the stated number, or inside the stated range."""
    low = stated.amount if isinstance(stated, Money) else stated.value
    high = (stated.amount_max if isinstance(stated, Money) else stated.value_max) or low
    return low * (1 - tolerance) <= value <= high * (1 + tolerance)


def _budget_reading(doc: NoteDocument) -> CriterionFinding:
    """The budget reader's finding, not approved where the approval word itself is negated."""
    reading = read_budget(doc)
    if not reading.budget_approved:
        return reading
    clauses = doc.prospect_clauses
    negated = any(is_negated(fold(hit.clause.text), hit.start) for hit in find_hits(APPROVED, clauses))
    without = any(has(NO_BUDGET, clause.text) for clause in clauses)
    return reading.model_copy(update={"budget_approved": False}) if negated or without else reading
