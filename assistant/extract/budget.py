"""The budget criterion: an amount and whether it is approved, or why there is none yet."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain import CriterionFinding, Money, Status
from assistant.extract.cues import clauses_labelled, has, terms
from assistant.extract.document import Clause, NoteDocument, fold
from assistant.extract.numbers import MoneyMention, find_money, find_quantities

BUDGET_CUE = terms(
    "budget(ed|s)?", "presupuest(o|os|ado|ada)", "allocated", "earmarked", "set aside", "funding",
    "funded", "willing to (pay|spend|invest)", "can spend", "could spend", "spend (up to|about|around)",
    "price range", "ceiling", "cap of", "afford", "investment of", "invest(ir)? (up to|about|around)?",
    "inversi[oó]n", "partida", "asignad[oa]s?", "aprobad[oa]s?", "approved", "fondos",
)
APPROVED = terms(
    "approved", "allocated", "signed off", "secured", "earmarked", "set aside", "committed",
    "in the budget", "funded", "budgeted", "aprobad[oa]s?", "asignad[oa]s?", "autorizad[oa]s?",
)
UNAPPROVED = terms(
    "in principle", "pending", "not (yet )?(been )?approved", "unapproved", "needs? (to get )?[a-z ]{0,20}approval", "approval (needed|required|pending)",
    "awaiting", "waiting (on|for)", "hoping", "hope to", "might", "may", "could", "maybe", "estimate",
    "ballpark", "would need", "next (planning|budget|fiscal) (cycle|year|round)", "vote", "board (has|needs|must)",
    "subject to", "tentative", "proposal", "request(ed|ing)?", "pendiente", "por aprobar", "en principio",
    "sin aprobar", "tendr[ií]a que", "podr[ií]a", "quiz[aá]s?", "tal vez", "estimad[oa]", "votaci[oó]n",
)
NO_BUDGET = terms(
    "no budget", "no (money|funds|funding)", "zero budget", "without (a )?budget", "budget is (zero|0)",
    "(don't|do not|doesn't|does not) have (a |any )?budget", "can'?t spend", "cannot spend",
    "free tools? only", "only free", "no budget line", "sin presupuesto", "no (hay|tienen) presupuesto",
    "no tienen fondos", "no hay dinero", "none (allocated|approved|set aside|budgeted)",
    "nothing (allocated|budgeted|set aside)", "no funds? (allocated|available)",
)
BUDGET_PATH = terms(
    "yet", "until", "after", "once", "next (year|quarter|cycle|fiscal year|budget)", "planning",
    "proposal", "request", "pending", "approval", "would need to", "need to (ask|find|get|request)",
    "a[uú]n", "todav[ií]a", "hasta", "despu[eé]s", "el (a[nñ]o|trimestre) que viene", "pr[oó]ximo",
    "propuesta", "solicitar",
)
UNKNOWN = terms(
    "budget (tbd|unknown|unclear|not (yet )?defined)", "(not sure|unsure|no idea) (about|of|what) (the )?budget",
    "(don't|do not|doesn't|does not) know (the |their |its |his |her )?budget", "didn't (discuss|ask about|get to) budget",
    "presupuesto (por definir|sin definir|desconocido)", "no budget (discussed|mentioned|talk)",
    "budget (was )?not (discussed|mentioned|covered)", "(didn't|did not|haven't|have not) (talked|talk|discussed?) (about )?(money|budget|pricing)",
    "no hablamos de presupuesto",
)
_MONTHLY = re.compile(r"^\s*(?:/\s*(?:mo|month)|per month|a month|monthly|al mes|mensuales?|por mes)\b")


def _budget_clauses(doc: NoteDocument) -> list[Clause]:
    labelled = clauses_labelled(doc, "budget", "presupuesto", "funding", "pricing")
    taken = set(labelled)  # a set: a list made this quadratic, seconds on a 1 MB note
    cued = [c for c in doc.prospect_clauses if c not in taken and has(BUDGET_CUE, c.text)]
    return labelled + cued


def _amount(clause: Clause) -> MoneyMention | None:
    """The first money amount in a budget clause, annualised when quoted per month."""
    money = [m for m in find_money(clause.text) if m.kind == "number"]
    if not money:
        money = [
            MoneyMention(q.value, q.value_max, q.approximate, q.start, q.end, q.text, q.kind)
            for q in find_quantities(clause.text)
            if q.kind == "number" and q.value >= 1000
        ]
    if not money:
        return None
    first = money[0]
    if _MONTHLY.match(fold(clause.text)[first.end :]):
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
            amount=amount.value, currency=amount.currency, amount_max=amount.value_max,
            approximate=amount.approximate,
        )
        return CriterionFinding(
            criterion="budget", value=money, budget=money, budget_approved=approved,
            evidence=[clause.text], confidence=0.85 if approved else 0.75,
            reason="budget stated" + (" and approved" if approved else ", not yet approved"),
        )
    return _without_amount(doc, clauses)


def _without_amount(doc: NoteDocument, clauses: list[Clause]) -> CriterionFinding:
    for clause in doc.prospect_clauses:
        text = fold(clause.text)
        if has(UNKNOWN, text):
            return _status("missing", clause, "budget not discussed or not known yet", 0.6)
        if has(NO_BUDGET, text):
            if has(BUDGET_PATH, text) or has(BUDGET_PATH, fold(doc.raw[clause.end : clause.end + 80])):
                return _status("partial", clause, "no budget yet, but a path to one", 0.7)
            return _status("unfit", clause, "explicitly no budget and no path to one", 0.75)
    for clause in clauses:
        if has(UNKNOWN, fold(clause.text)):
            return _status("missing", clause, "the prospect does not know the budget yet", 0.6)
        return _status("partial", clause, "budget discussed, amount or approval unknown", 0.6)
    return CriterionFinding(
        criterion="budget", proposed="missing", confidence=0.6, reason="budget not discussed"
    )


def _status(status: Status, clause: Clause, reason: str, confidence: float) -> CriterionFinding:
    return CriterionFinding(
        criterion="budget", proposed=status, evidence=[clause.text],
        confidence=confidence, reason=reason,
    )
