"""The budget criterion: an amount and whether it is approved, or why there is none yet."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain import CriterionFinding, Money, Status
from assistant.extract.budget_lexicon import (
    ANSWER_LEAD,
    APPROVED,
    BUDGET_CUE,
    BUDGET_PATH,
    MONTHLY,
    NEGATIVE_ANSWER,
    NO_BUDGET,
    NOT_ALLOCATED,
    NOT_THIS_PURCHASE,
    UNAPPROVED,
    UNKNOWN,
)
from assistant.extract.cues import MAX_MENTIONS, after, before, clauses_labelled, has
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.numbers import MoneyMention, find_money, find_quantities
from assistant.text.fold import fold


def _budget_clauses(doc: NoteDocument) -> list[Clause]:
    labelled = clauses_labelled(doc, "budget", "presupuesto", "funding", "pricing")
    taken = set(labelled)  # a set: a list made this quadratic, seconds on a 1 MB note
    cued = [
        c
        for c in doc.prospect_clauses
        if c not in taken and (has(BUDGET_CUE, c.text) or _answers_budget_question(c))
    ]
    return labelled + cued


def _answers_budget_question(clause: Clause) -> bool:
    """A reply to the seller's budget question that addresses it: yes/no, or an amount."""
    if clause.kind != "answer" or not has(BUDGET_CUE, clause.asked):
        return False
    return bool(ANSWER_LEAD.match(fold(clause.text)) or find_money(clause.text))


def _for_this_purchase(folded: str, start: int) -> bool:
    """An amount counts unless its own sub-clause says it is someone else's or a wider budget."""
    before_amount = re.split(r"[;]|\bbut\b|\bpero\b", before(folded, start))[-1][-70:]
    return not NOT_THIS_PURCHASE.search(before_amount)


def _amount(clause: Clause) -> MoneyMention | None:
    """The first money amount for this purchase in a budget clause, annualised when quoted per month."""
    folded = fold(clause.text)
    money = [m for m in find_money(clause.text)[:MAX_MENTIONS] if m.kind == "number"]
    if not money:
        money = [
            MoneyMention(q.value, q.value_max, q.approximate, q.start, q.end, q.text, q.kind)
            for q in find_quantities(clause.text)[:MAX_MENTIONS]
            if q.kind == "number" and q.value >= 1000
        ]
    money = [m for m in money if _for_this_purchase(folded, m.start)]
    if not money:
        return None
    first = money[0]
    if MONTHLY.match(after(folded, first.end)):
        maximum = first.value_max * 12 if first.value_max else None
        return replace(first, value=first.value * 12, value_max=maximum)
    return first


def read_budget(doc: NoteDocument) -> CriterionFinding:
    """Amount and approval where stated; otherwise none-with-a-path, none, or unknown."""
    clauses = _budget_clauses(doc)
    for clause in clauses:
        amount = _amount(clause)
        if amount is None:
            continue
        text = fold(clause.text)
        approved = not has(UNAPPROVED, text)
        if has(NO_BUDGET, text) and not has(APPROVED, text):
            continue
        money = Money(
            amount=amount.value,
            currency=amount.currency,
            amount_max=amount.value_max,
            approximate=amount.approximate,
        )
        return CriterionFinding(
            criterion="budget",
            value=money,
            budget=money,
            budget_approved=approved,
            evidence=[clause.text],
            confidence=0.85 if approved else 0.75,
            reason="budget stated" + (" and approved" if approved else ", not yet approved"),
        )
    return _without_amount(doc, clauses)


def _denied(clause: Clause) -> bool:
    """A short 'No, none.' to the seller's budget question."""
    return (
        bool(clause.asked)
        and has(BUDGET_CUE, clause.asked)
        and bool(NEGATIVE_ANSWER.match(fold(clause.text)))
    )


def _without_amount(doc: NoteDocument, clauses: list[Clause]) -> CriterionFinding:
    for clause in doc.prospect_clauses:
        text = fold(clause.text)
        if has(UNKNOWN, text):
            return _status("missing", clause, "budget not discussed or not known yet", 0.6)
        if has(NOT_ALLOCATED, text):
            return _status("partial", clause, "no money set aside for this yet", 0.65)
        if has(NO_BUDGET, text) or _denied(clause):
            if has(BUDGET_PATH, text) or has(BUDGET_PATH, fold(doc.raw[clause.end : clause.end + 80])):
                return _status("partial", clause, "no budget yet, but a path to one", 0.7)
            return _status("unfit", clause, "explicitly no budget and no path to one", 0.75)
    for clause in clauses:
        if NOT_THIS_PURCHASE.search(fold(clause.text)):
            continue  # "their clients' ad budgets" says nothing about this purchase
        if has(UNKNOWN, fold(clause.text)):
            return _status("missing", clause, "the prospect does not know the budget yet", 0.6)
        finding = _status("partial", clause, "budget discussed, amount or approval unknown", 0.6)
        if clause.kind == "answer" and not has(BUDGET_CUE, clause.text) and find_money(clause.asked):
            finding.needs_review = True
            finding.review_reason = "the amount is only in the seller's question, not the prospect's answer"
        return finding
    return CriterionFinding(
        criterion="budget", proposed="missing", confidence=0.6, reason="budget not discussed"
    )


def _status(status: Status, clause: Clause, reason: str, confidence: float) -> CriterionFinding:
    return CriterionFinding(
        criterion="budget",
        proposed=status,
        evidence=[clause.text],
        confidence=confidence,
        reason=reason,
    )
