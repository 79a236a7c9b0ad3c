"""Timeline: the prospect's decision or purchase window, never meeting dates, next steps or plans."""

from __future__ import annotations

import pytest

from assistant.knowledge.load import Knowledge
from tests.extract.support import statuses

# Call date for every case: 2026-11-10.
TIMELINES = [
    # headers, CRM front matter and notetaker dates are not a timeline
    ("Date: January 22, 2027\nSpoke with the COO; no decision date yet.", "missing"),
    ("Meeting: intro\nDate: Nov 10, 2026\nThey want faster invoicing.", "missing"),
    (
        "---\naccount: Fenwick\ncreated: 2026-09-14\nnext_step_date: 2026-11-20\n---\nCOO wants fewer manual steps.",
        "missing",
    ),
    ("Website chat, Nov 12\nVisitor: what does it cost?", "missing"),
    (
        "Meeting summary\nDate: Nov 4, 2026 · Duration: 30 min\nOverview:\n- Ops team re-keys orders.\n"
        "Action items:\n- Send case study by Nov 20\n- Follow-up call Dec 2",
        "missing",
    ),
    # follow-ups and next steps
    ("Spoke to the CFO. Follow up in 6 months maybe.", "missing"),
    ("Good call, f/u next week with pricing.", "missing"),
    ("Next step: demo 11/18. No timeline discussed.", "missing"),
    ("Volver a llamar en 2027.", "missing"),
    ("Let's circle back in January once she's back from leave.", "missing"),
    ("We'll send the proposal by Friday; she'll book a meeting for Dec 3.", "missing"),
    # headcount plans and the prospect's own sales cycle
    ("They're 300 people and plan to reach 120 engineers by end of 2027.", "missing"),
    ("Growing fast: hiring 80 people by Q3 next year.", "missing"),
    ("Their own sales cycle is about 9 months, mostly enterprise deals.", "missing"),
    # decision dates beat go-lives; go-lives bound the purchase only alone
    ("They want to pick a vendor by end of February; go-live targeted for October.", "met"),
    ("Go-live in September 2027, but the decision is in January.", "met"),
    ("Signature expected in March; rollout through 2028.", "met"),
    ("They need it live before their audit in March.", "met"),
    ("Go-live must be done by October 2027.", "partial"),
    ("Decision in Q3 2027.", "partial"),
    ("Decide by May 2028.", "unfit"),
    # "before X" is the start of X; "this quarter" is now
    ("Wants to decide before Q2.", "met"),
    ("They want to buy before spring.", "met"),
    ("Decision this quarter.", "met"),
    ("Want it running before our spring season, so decide by February.", "met"),
    # blockers
    ("Locked into their vendor until August 2027; decision likely in March so they can switch then.", "met"),
    ("Our contract with the incumbent runs to June 2028 and we can't switch before that.", "unfit"),
    ("Not looking until the contract ends in March 2028.", "unfit"),
    ("No change before their renewal in September 2027.", "partial"),
    # budget rounds are weak dates and an explicit 'no timeline' wins over them
    ("Nothing earmarked; she'd make a case in the spring planning cycle. No timeline yet.", "missing"),
    ("No budget this fiscal year; he'll raise it in the FY28 planning round next summer.", "partial"),
    # answers read against the question
    ("Rep: And timing?\nKim Wu: Q1.\nRep: Thanks.", "met"),
    ("Rep: When would you decide?\nKim Wu: Probably around February.\nRep: Great.", "met"),
    (
        "Pablo: ¿Y plazos?\nLucía: Queremos decidir antes de fin de año y arrancar en febrero.\nPablo: Gracias.",
        "met",
    ),
]


@pytest.mark.parametrize(("notes", "expected"), TIMELINES)
def test_timeline_status(notes: str, expected: str, knowledge: Knowledge) -> None:
    assert statuses(notes, knowledge)["timeline"].status == expected


def test_decision_date_is_the_evidence_not_the_go_live(knowledge: Knowledge) -> None:
    result = statuses(
        "They want to pick a vendor by end of February; go-live targeted for October.", knowledge
    )
    assert result["timeline"].value == "2027-02-28"
    assert result["timeline"].evidence == ["They want to pick a vendor by end of February;"]


def test_conflicting_decision_dates_need_review(knowledge: Knowledge) -> None:
    result = statuses("Decision in January per the CFO. The COO says the decision is in June.", knowledge)
    assert result["timeline"].needs_review
