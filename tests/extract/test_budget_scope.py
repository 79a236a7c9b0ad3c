"""Budget: money for this purchase from the prospect; never the seller's price or someone else's budget."""

from __future__ import annotations

import pytest

from assistant.knowledge.load import Knowledge
from tests.extract.support import statuses

BUDGETS = [
    # approved money for this purchase
    ("Budget: $150k approved for the WMS upgrade.", "met"),
    ("The CEO approved $70,000 for it last month.", "met"),
    (
        "Anything over 100k goes to the CTO. I can approve up to that, and I have about 80k this year for field tooling.",
        "met",
    ),
    (
        "Pablo: ¿Tienen presupuesto asignado?\nLucía: Sí, la dirección aprobó 45.000 euros.\nPablo: Perfecto.",
        "met",
    ),
    (
        "Mia: Have you set aside any budget?\nRob: I can spend up to $50k without the board.\nMia: Great.",
        "met",
    ),
    # hedged, pending or path-only money is partial
    ("She thinks 50-75k, needs CFO sign-off.", "partial"),
    ("Budget request submitted, waiting on approval.", "partial"),
    ("About £2,500 a month has been approved in principle.", "partial"),
    ("She'd hold the budget but nothing is set aside.", "partial"),
    ("He has no tooling budget set; would pay monthly if ROI is clear.", "partial"),
    (
        "Chris: Is there budget allocated?\nElena: Not yet. It goes into the next capital plan.\nChris: OK.",
        "partial",
    ),
    # not this purchase: a company-wide budget, the customers' budgets, the seller's price
    ("Company-wide IT budget is around $4M, but nothing is earmarked for this.", "partial"),
    ("Their clients' ad budgets run $50k-$200k a month.", "missing"),
    ("Spoke to the owner. I mentioned our usual package starts at $30k.", "missing"),
    ("Lena (AE): Most customers invest around $60k a year.\nMarco: OK, I'll think.\nLena: Sure.", "missing"),
    ("Our list price is $45k; she didn't say what they have.", "missing"),
    # explicit none
    ("Sin presupuesto.", "unfit"),
    ("Carla (Ventas): ¿Hay presupuesto?\nMartín: No, ninguno.", "unfit"),
    ("No budget for this and no plans for one.", "unfit"),
    ("No budget discussed.", "missing"),
]


@pytest.mark.parametrize(("notes", "expected"), BUDGETS)
def test_budget_status(notes: str, expected: str, knowledge: Knowledge) -> None:
    assert statuses(notes, knowledge)["budget"].status == expected


def test_leading_question_is_not_approved_money(knowledge: Knowledge) -> None:
    result = statuses("Alex (SDR): Do you have 200k approved?\nJordan: Yes.\nAlex: Great.", knowledge)[
        "budget"
    ]
    assert result.status != "met"
    assert result.needs_review
    assert result.evidence == ["Yes."]


def test_short_answer_is_the_evidence(knowledge: Knowledge) -> None:
    result = statuses(
        "Pablo: ¿Hay presupuesto?\nLucía: Sí, 45.000 euros aprobados.\nPablo: Gracias.", knowledge
    )["budget"]
    assert result.status == "met"
    assert result.evidence == ["Sí, 45.000 euros aprobados."]
