"""Size: the prospect company's headcount; a part of the staff is only a lower bound."""

from __future__ import annotations

import pytest

from assistant.knowledge.load import Knowledge
from tests.extract.support import statuses

SIZES = [
    # the company's own headcount, however it is written
    ("Corlane Insurance, ~1,100 employees.", "met"),
    ("They're ~450 ppl across two sites.", "met"),
    ("So I'm the ops lead at Copperline, about 300 of us.", "met"),
    ("Employees: 1,250 | Industry: Retail", "met"),
    ("Tenemos unas 600 personas entre tres sedes.", "met"),
    ("we're like nine guys and a couple trucks", "unfit"),
    ("Pellucid Marketing (digital agency, 60 staff).", "partial"),
    ("Headcount roughly 170.", "partial"),
    # a team or a role count is a lower bound only
    ("Her team is 12 people; they plan territories in spreadsheets.", "missing"),
    ("He runs a 40-person team in the finance org.", "missing"),
    ("Eighteen people in finance; no company size given.", "missing"),
    ("They have 120 field technicians on the road.", "partial"),
    ("About 450 nurses work the night shift.", "met"),
    ("30 sales reps fight over accounts.", "missing"),
    ("Eighteen people in finance; the credit union is about 420 staff in total.", "met"),
    # the seller's size is not the prospect's
    (
        "Mia (Sales): Northwind is a 40-person startup.\nRob Haines: We're a wholesaler, 230 employees.\nMia: Thanks.",
        "met",
    ),
    ("Mia (Sales): We're 40 people ourselves.\nRob Haines: Hi, I'm the owner.\nMia: Great.", "missing"),
    # sites, stores, revenue and headcount plans are not headcount
    ("14 clinics, 2,000 retailers and $40M in revenue.", "missing"),
    ("Operates 85 stores across the region.", "missing"),
    ("700 employees, planning to double headcount by 2028.", "met"),
    ("They plan to grow to 250 employees by 2028.", "missing"),
]


@pytest.mark.parametrize(("notes", "expected"), SIZES)
def test_size_status(notes: str, expected: str, knowledge: Knowledge) -> None:
    assert statuses(notes, knowledge)["size"].status == expected


def test_lower_bound_is_flagged_for_review(knowledge: Knowledge) -> None:
    result = statuses("They have 120 field technicians on the road.", knowledge)["size"]
    assert result.needs_review
    assert result.evidence == ["They have 120 field technicians on the road."]
