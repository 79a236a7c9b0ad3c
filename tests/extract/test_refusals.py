"""Refusals, shorthand, industries and specialist signals as people actually write them."""

from __future__ import annotations

import pytest

from assistant.extract.document import read_notes
from assistant.knowledge.load import Knowledge
from assistant.qualify.engine import OfflineEngine
from assistant.qualify.recommend import recommend_specialists
from tests.extract.support import CALL, statuses

PROBLEMS = [
    ('Owner picked up. He\'s "not interested, take us off your list."', "unfit"),
    ("Asked us to stop calling; they do not want any more emails.", "unfit"),
    ("Caller is between jobs and wanted to learn our tool to put it on his CV.", "unfit"),
    ("honestly i don't remember we're not really looking for anything right now", "unfit"),
    ("Current scheduling tool works fine and they're not looking to change anything.", "unfit"),
    ("Dice que no les interesa por ahora.", "unfit"),
    ('Pain: they want "something nicer" than their shared drive; nothing is broken', "partial"),
    ("Agents re-enter claim numbers in 3 systems, CSAT dropped 9 points this year.", "met"),
    ("They wrote off 1.4 million in bad invoices last year.", "met"),
    ("Reporting across Google/Meta/TikTok takes his analysts two days per client each month.", "met"),
    ("We miss SLA on roughly 8% of enterprise tickets.", "met"),
]


@pytest.mark.parametrize(("notes", "expected"), PROBLEMS)
def test_problem_status(notes: str, expected: str, knowledge: Knowledge) -> None:
    assert statuses(notes, knowledge)["problem"].status == expected


INDUSTRIES = [
    ("i run the front desk at a roofing company", "partial"),
    ("Lead: Pruitt Legal LLP — law firm, headcount roughly 170", "partial"),
    ("Gridline Energy — we're a utility, roughly 4,000 people.", "partial"),
    ("Industry: Pharmaceuticals | Employees: 1,250", "partial"),
    ("We're a plumbing supply wholesaler, 230 employees.", "partial"),
    ("Call with Greta, owner of a commercial printing company.", "partial"),
    ("Soy analista en Cooperativa Agraria del Sur.", "partial"),
    ("Textiles del Valle (fábrica textil, ~250 empleados)", "met"),
    ("I'm the dispatch manager at Rovelli Trasporti.", "met"),
    ("Their scheduling software keeps crashing at the clinic.", "met"),
    ("Their scheduling software keeps crashing and jobs are lost.", "missing"),
    ("Previously worked in retail. No company.", "missing"),
    (
        "Mia (Sales): We build analytics for banks.\nRob: We run a plumbing supply wholesaler.\nMia: OK.",
        "partial",
    ),
    (
        "From: Jo <jo@v.io>\nSubject: recap\n\nTalked to a hotel group GM.\n\nJo | Account Executive | Fintech Co",
        "partial",
    ),
    ("They lost accounts to a competitor that uses some fintech tool. They run 8 hotels.", "partial"),
]


@pytest.mark.parametrize(("notes", "expected"), INDUSTRIES)
def test_industry_status(notes: str, expected: str, knowledge: Knowledge) -> None:
    assert statuses(notes, knowledge)["industry"].status == expected


TITLES = [
    ("Spoke with the dir of IT at Marlow.", "met"),
    ("Contact: Jen Wu, IT mgr.", "partial"),
    (
        "Lena (Account Executive): I'm the account executive here.\nMarco: I'm the dispatch manager.\nLena: OK.",
        "partial",
    ),
    (
        "Marco: I'm the dispatch manager.\nLena (AE): Who else?\nMarco: Our operations director, Paola.",
        "partial",
    ),
    ("**A (Ravi Menon, CFO, Silverline):** Close takes 12 days.\n**Q (us):** Budget?", "met"),
]


@pytest.mark.parametrize(("notes", "expected"), TITLES)
def test_title_status(notes: str, expected: str, knowledge: Knowledge) -> None:
    assert statuses(notes, knowledge)["title"].status == expected


def _roles(notes: str, knowledge: Knowledge) -> set[str]:
    doc = read_notes(notes)
    findings = OfflineEngine().extract(doc, CALL, knowledge, []).findings
    industry = findings["industry"].industry_key
    return {rec.role for rec in recommend_specialists(doc, knowledge, "nurture", industry)}


ROLES = [
    ("They handle 200+ GDPR data-subject requests a month by hand.", "specialist_ae", True),
    ("Needs 21 CFR Part 11 audit trails for deviations.", "specialist_ae", True),
    ("SOX testing eats two weeks every quarter.", "specialist_ae", True),
    ("They buy everything thru CDW.", "channel_ae", True),
    ("They buy through the G-Cloud framework.", "channel_ae", True),
    ("Everything has to stay in US data centers.", "sales_engineer", True),
    ("They don't need SSO and integrations are out of scope.", "sales_engineer", False),
    ("SSO is not needed for this team.", "sales_engineer", False),
    (
        "Sam (AE): Our platform has SSO, a REST API and a 30-day pilot.\nPriya: OK, we have a scheduling mess.\nSam: Sure.",
        "sales_engineer",
        False,
    ),
    (
        "Sam (AE): Our platform has SSO, a REST API and a 30-day pilot.\nPriya: OK, we have a scheduling mess.\nSam: Sure.",
        "csm",
        False,
    ),
    (
        "Lena (AE): Our dashboards save 30% of reporting time.\nMarco: We lose hours on timesheets.\nLena: OK.",
        "specialist_ae",
        False,
    ),
]


@pytest.mark.parametrize(("notes", "role", "expected"), ROLES)
def test_specialist_signal(notes: str, role: str, expected: bool, knowledge: Knowledge) -> None:
    assert (role in _roles(notes, knowledge)) is expected


def test_unattributed_speech_never_qualifies(knowledge: Knowledge) -> None:
    notes = (
        "ok so yeah i'm the vp of operations at a big hospital we're about 3000 people um our scheduling is a "
        "mess we lose millions to no shows yeah we have 200k approved and want to decide next month ok great thanks bye"
    )
    result = statuses(notes, knowledge)
    assert result["title"].status != "met" or result["problem"].status != "met"
    assert result["title"].needs_review or result["problem"].needs_review
