"""What the sources do not say becomes a question for the AE, never a guess in the brief.

The playbook lists what must pass over at the transition (outcomes, people, commitments,
technical and commercial context, risks); each gap here is one question to settle before the
customer intro call.
"""

from __future__ import annotations

from assistant.extract.cues import has, terms
from assistant.handoff.reading import DealReading
from assistant.handoff.schemas import Assignment, Section, StakeholderRole

MAX_UNDATED = 4
_COMMERCIAL_TERM = terms(
    "discount(ed|s)?",
    "price",
    "pricing",
    "uplift",
    "capped",
    "cap",
    "descuento",
    "precio",
    "tope",
)

_ROLE_QUESTIONS: tuple[tuple[tuple[StakeholderRole, ...], str], ...] = (
    (("decision_maker", "economic_buyer"), "Who signed the order, and who holds the budget for the renewal?"),
    (
        ("champion", "sponsor"),
        "Who championed the deal inside the customer, and who is the executive sponsor?",
    ),
    (("technical",), "Who is the customer's technical contact (IT, security, integrations)?"),
    (("detractor",), "Were there sceptics or detractors in the evaluation, and what are their objections?"),
)


def _fact_questions(reading: DealReading) -> list[str]:
    facts = reading.facts
    checks = [
        (facts.bought, "Which products and premium services were bought?"),
        (facts.price, "What is the contract price (annual and total), and any discounts given?"),
        (facts.term, "What is the contract term?"),
        (facts.seats, "How many seats or users were bought?"),
        (facts.contract_dates, "When does the contract start, and when is it up for renewal?"),
        (facts.employees, "How many employees does the customer have?"),
    ]
    return [question for value, question in checks if not value]


def _section_questions(reading: DealReading) -> list[str]:
    checks: list[tuple[Section, str]] = [
        (
            "why_they_bought",
            "Why did they buy: what problem, what does it cost them, and by when must it be fixed?",
        ),
        (
            "commitments",
            "Was anything promised during the sale (integrations, dates, services, discounts)? "
            "List every commitment in writing.",
        ),
        ("success_criteria", "Which metrics will the customer use to judge success, and by when?"),
        ("first_90_days", "What must happen in the first 90 days (kickoff date, go-live, first milestones)?"),
        (
            "technical_context",
            "Which systems must be integrated, is single sign-on needed, and what did the "
            "security review conclude?",
        ),
        (
            "risks",
            "Which risks or unresolved objections did the AE see (competitors, lukewarm teams, tight dates)?",
        ),
    ]
    return [question for section, question in checks if not reading.section(section)]


def _stakeholder_questions(reading: DealReading) -> list[str]:
    roles = {role for person in reading.stakeholders for role in person.roles}
    if not reading.stakeholders:
        return ["Who are the customer's contacts, with their titles and their part in the deal?"]
    return [question for wanted, question in _ROLE_QUESTIONS if not roles.intersection(wanted)]


def _undated_commitments(reading: DealReading) -> list[str]:
    """Deliverables promised without a date (price terms and discounts need no delivery date)."""
    undated = [
        line.text
        for line in reading.section("commitments")
        if line.due is None and not has(_COMMERCIAL_TERM, line.text)
    ]
    return [f"Who owns this commitment, and by when is it due: “{text}”?" for text in undated[:MAX_UNDATED]]


def open_questions(reading: DealReading, assignments: list[Assignment]) -> list[str]:
    """Every gap as a question, most basic first, model questions last, without repeats."""
    questions = _fact_questions(reading) + _stakeholder_questions(reading) + _section_questions(reading)
    if not any(assignment.role == "account_executive" for assignment in assignments):
        questions.append(
            "Which account executive owns the account and stays reachable for the first 90 days?"
        )
    questions += _undated_commitments(reading) + reading.questions
    return list(dict.fromkeys(questions))
