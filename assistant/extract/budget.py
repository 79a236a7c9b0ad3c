"""The budget criterion: an amount and whether it is approved, or why there is none yet."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain import CriterionFinding, Money, Status
from assistant.extract.cues import clauses_labelled, has, terms
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.numbers import MoneyMention, find_money, find_quantities
from assistant.text.fold import fold

BUDGET_CUE = terms(
    "budget(ed|s)?",
    "presupuest(o|os|ado|ada)",
    "allocated",
    "earmarked",
    "set aside",
    "funding",
    "funded",
    "willing to (pay|spend|invest)",
    "can spend",
    "could spend",
    "spend (up to|about|around)",
    "price range",
    "ceiling",
    "cap of",
    "afford",
    "investment of",
    "invest(ir)? (up to|about|around)?",
    "inversi[oó]n",
    "partida",
    "asignad[oa]s?",
    "aprobad[oa]s?",
    "approved",
    "fondos",
    "aprob[oó]",
    "(i|we|they|she|he) (have|has|got) (about |around |roughly |~)?[$€£]? ?[0-9][0-9.,]*k?",
    "signed off",
    "sign-?off",
    "(thinks|guess(es)?|estimates?|figures|reckons) (it'?s |around |about |maybe )?[$€£]? ?[0-9]",
)
APPROVED = terms(
    "approved",
    "allocated",
    "signed off",
    "secured",
    "earmarked",
    "set aside",
    "committed",
    "in the budget",
    "funded",
    "budgeted",
    "aprobad[oa]s?",
    "asignad[oa]s?",
    "autorizad[oa]s?",
)
UNAPPROVED = terms(
    "in principle",
    "pending",
    "not (yet )?(been )?approved",
    "unapproved",
    "needs? (to get )?[a-z ]{0,20}approval",
    "approval (needed|required|pending)",
    "awaiting",
    "waiting (on|for)",
    "hoping",
    "hope to",
    "might",
    "may",
    "could",
    "maybe",
    "estimate",
    "ballpark",
    "would need",
    "next (planning|budget|fiscal) (cycle|year|round)",
    "vote",
    "board (has|needs|must)",
    "subject to",
    "tentative",
    "proposal",
    "request(ed|ing)?",
    "pendiente",
    "por aprobar",
    "en principio",
    "thinks?",
    "guess(es|ed)?",
    "probably",
    "likely",
    "expects?",
    "sign-?off (needed|required|pending)",
    "needs? [a-z ]{0,20}sign-?off",
    "if (the )?roi",
    "would pay",
    "creo que",
    "calcula",
    "sin aprobar",
    "tendr[ií]a que",
    "podr[ií]a",
    "quiz[aá]s?",
    "tal vez",
    "estimad[oa]",
    "votaci[oó]n",
)
NO_BUDGET = terms(
    "no budget",
    "no (money|funds|funding)",
    "zero budget",
    "without (a )?budget",
    "budget is (zero|0)",
    "(don't|do not|doesn't|does not) have (a |any )?budget",
    "can'?t spend",
    "cannot spend",
    "free tools? only",
    "only free",
    "no budget line",
    "sin presupuesto",
    "no (hay|tienen) presupuesto",
    "no tienen fondos",
    "no hay dinero",
    "none (allocated|approved|set aside|budgeted)",
    "no funds? (allocated|available)",
    "no [a-z]+ budget",
)
BUDGET_PATH = terms(
    "yet",
    "until",
    "after",
    "once",
    "next (year|quarter|cycle|fiscal year|budget)",
    "planning",
    "proposal",
    "request",
    "pending",
    "approval",
    "would need to",
    "need to (ask|find|get|request)",
    "a[uú]n",
    "todav[ií]a",
    "hasta",
    "despu[eé]s",
    "el (a[nñ]o|trimestre) que viene",
    "pr[oó]ximo",
    "propuesta",
    "solicitar",
    "hold(s)? the budget",
    "owns? the budget",
    "budget holder",
    "would pay",
    "if (the )?roi",
    "make a case",
    "business case",
    "capital plan",
    "would (come|have to come) from",
    "not yet",
    "todav[ií]a no",
    "a[uú]n no",
)
UNKNOWN = terms(
    "budget (tbd|unknown|unclear|not (yet )?defined)",
    "(not sure|unsure|no idea) (about|of|what) (the )?budget",
    "(don't|do not|doesn't|does not) know (the |their |its |his |her )?budget",
    "didn't (discuss|ask about|get to) budget",
    "presupuesto (por definir|sin definir|desconocido)",
    "no budget (discussed|mentioned|talk)",
    "budget (was )?not (discussed|mentioned|covered)",
    "(didn't|did not|haven't|have not) (talked|talk|discussed?) (about )?(money|budget|pricing)",
    "no hablamos de presupuesto",
)
_MONTHLY = re.compile(r"^\s*(?:/\s*(?:mo|month)|per month|a month|monthly|al mes|mensuales?|por mes)\b")
# Money that is not for this purchase: the company's whole IT budget, the customers' budgets, our price.
_NOT_THIS_PURCHASE = re.compile(
    r"(?:company[- ]wide|overall|entire|whole|corporate|\bit|tech(?:nology)?|marketing|operating|"
    r"opex|capex)\s+(?:it\s+)?budgets?\b"
    r"|\b(?:clients?|customers?|members?|clientes)'?s?'?\s+(?:[a-z]+\s+){0,2}(?:budgets?|presupuestos?|spend)\b"
    r"|\bquoted\b|\bour (?:price|pricing|package|quote|offer|list price)|\blist price\b|\bstarts at\b"
    r"|\b(?:revenue|sales|turnover|facturaci[oó]n|ingresos) (?:of|is|are|de|around|about)?"
)
ANSWER_LEAD = re.compile(
    r"^(?:yes|yeah|yep|yup|sure|correct|right|absolutely|s[ií]|claro|no|nope|not yet|not really|none|nothing|"
    r"todav[ií]a|a[uú]n|ninguno|ninguna|nada|we do|we have|there is)\b"
)
NEGATIVE_ANSWER = re.compile(
    r"^(?:no|nope|not yet|not really|none|nothing|not at the moment|zero|ninguno|ninguna|nada|"
    r"todav[ií]a no|a[uú]n no)\b"
)


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
    before = re.split(r"[;]|\bbut\b|\bpero\b", folded[:start])[-1][-70:]
    return not _NOT_THIS_PURCHASE.search(before)


def _amount(clause: Clause) -> MoneyMention | None:
    """The first money amount for this purchase in a budget clause, annualised when quoted per month."""
    folded = fold(clause.text)
    money = [m for m in find_money(clause.text) if m.kind == "number"]
    if not money:
        money = [
            MoneyMention(q.value, q.value_max, q.approximate, q.start, q.end, q.text, q.kind)
            for q in find_quantities(clause.text)
            if q.kind == "number" and q.value >= 1000
        ]
    money = [m for m in money if _for_this_purchase(folded, m.start)]
    if not money:
        return None
    first = money[0]
    if _MONTHLY.match(folded[first.end :]):
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


# Money exists somewhere but none is set aside for this yet: partial, not "no budget".
NOT_ALLOCATED = terms(
    "nothing (is |has been )?(allocated|budgeted|set aside|earmarked|available|approved)( yet)?",
    "not (yet )?(allocated|earmarked|set aside|budgeted)",
    "nada (asignado|aprobado)",
)


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
        if _NOT_THIS_PURCHASE.search(fold(clause.text)):
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
