"""Commercial terms of the deal read by code: discounts given, payment terms, and whether a
sentence is about the deal at all (so terse notes such as "$84k ARR, 2-yr, Platform + Analytics"
are read for products and term without a "Products:" label).

Discounts and payment terms go to the snapshot and "What was sold", never to success criteria or
the customer's agenda.
"""

from __future__ import annotations

from assistant.extract.cues import has
from assistant.extract.numbers import find_money
from assistant.handoff import fact_cues
from assistant.handoff.statements import Statement
from assistant.text.fold import fold


def about_the_deal(statement: Statement) -> bool:
    """A deal-notes sentence that states the deal's terms: a price, seats, a term or a close."""
    if statement.source.kind != "deal_notes":
        return False
    quote = statement.quote
    priced = has(fact_cues.PRICE, quote) and bool(find_money(quote)) and not has(fact_cues.NOT_PRICE, quote)
    folded = fold(quote)
    termed = bool(fact_cues.TERM_YEARS.search(folded) or fact_cues.TERM_MONTHS.search(folded))
    return priced or (termed and has(fact_cues.TERM_CUE, quote)) or bool(fact_cues.SEATS.search(folded))


def discount_of(statement: Statement) -> str | None:
    """The discount a deal-notes sentence says was given ("20% off"); a conditional one is a promise."""
    if statement.source.kind != "deal_notes" or has(fact_cues.CONDITIONAL, statement.quote):
        return None
    match = fact_cues.DISCOUNT.search(statement.quote)
    return match.group(0) if match else None


def payment_terms_of(statement: Statement) -> str | None:
    """Payment terms as written ("invoiced annually", "net 30")."""
    if statement.source.kind != "deal_notes":
        return None
    match = fact_cues.PAYMENT.search(statement.quote)
    return match.group(0) if match else None
