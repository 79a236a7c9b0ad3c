"""Words that say whether money is set aside, approved, on its way, or absent (EN/ES).

Kept apart from the budget reader so adding a phrase touches a list, not the reading logic.
"""

from __future__ import annotations

import re

from assistant.extract.cues import terms

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
# Money exists somewhere but none is set aside for this yet: partial, not "no budget".
NOT_ALLOCATED = terms(
    "nothing (is |has been )?(allocated|budgeted|set aside|earmarked|available|approved)( yet)?",
    "not (yet )?(allocated|earmarked|set aside|budgeted)",
    "nada (asignado|aprobado)",
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
MONTHLY = re.compile(r"^\s*(?:/\s*(?:mo|month)|per month|a month|monthly|al mes|mensuales?|por mes)\b")
# Money that is not for this purchase: the company's whole IT budget, the customers' budgets, our price.
NOT_THIS_PURCHASE = re.compile(
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
