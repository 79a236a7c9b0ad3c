"""Talking points from the account's own history, said before any playbook line.

A renewal conversation opens with what this customer achieved: wins the CSM wrote down ("the
commercial onboarding time, down from 19 days to 6"), adoption the facts show (usage rising,
seats in use), and the success criteria agreed at the handoff, which the wins are measured
against. Each point is the history's own words, cited to where it was read; numbers are never
made up here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assistant.extract.cues import has, terms
from assistant.library.citations import Citation
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.prior import success_criteria
from assistant.renewal.schemas import TalkingPoint

MAX_WINS, MAX_GOALS, MAX_POINTS = 2, 1, 4
NOTES, BRIEF, FACTS = "account notes", "transition brief", "account facts"
ACCOUNT_SOURCES = (NOTES, BRIEF, FACTS)
"""What the account's own talking points cite (every other point cites a playbook passage)."""
FULL_USE = 0.85
WIN = terms(
    "down from",
    "from [0-9][0-9,.]* [a-z ]{0,20}to [0-9]",
    "cut (from|to|by)",
    "reduced",
    "saved",
    "faster",
    "smoothest",
    "improv(ed|ement)",
    "resolved",
    "fixed",
    "went live",
    "(is|are|now) live",
    "praised",
    "quotes",
    "happy with",
    "bajo de",
    "redujo",
    "ahorr(o|aron)",
    "resuelt[oa]",
)
SETBACK = terms(
    "left",
    "slipped",
    "slipping",
    "worr(y|ied)",
    "concern(ed)?",
    "risk",
    "fails?",
    "escalat(ed|ion)",
    "churn",
    "complain(ed|ts)?",
    "unhappy",
    "wants",
    "asked",
    "needs",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.]*")


def _wins(facts: RenewalFacts) -> list[str]:
    """Sentences of the CSM's notes that record an outcome achieved, none that records a setback."""
    sentences = (s.strip() for s in _SENTENCE.split(facts.notes))
    return [s for s in sentences if s and has(WIN, s) and not has(SETBACK, s)]


def _adoption(facts: RenewalFacts) -> list[str]:
    """Adoption the facts show: seats in use near the purchase, usage rising."""
    found = []
    used = facts.seats_active / facts.seats_purchased
    if used >= FULL_USE:
        found.append(f"{facts.seats_active:,} of {facts.seats_purchased:,} seats in use ({used:.0%})")
    rising = [m for m in facts.usage if m.trend == "up"]
    found += [f"{m.name}: {m.value:,.0f} {m.unit}".rstrip() + " and rising" for m in rising[:2]]
    return found


def _goals(history: Mapping[str, Any] | None, wins: list[str]) -> list[str]:
    """Success criteria agreed at the handoff that a win speaks to (they share a figure)."""
    figures = {n.rstrip(".,") for win in wins for n in _NUMBER.findall(win)}
    return [g for g in success_criteria(history) if figures & {n.rstrip(".,") for n in _NUMBER.findall(g)}]


def account_points(facts: RenewalFacts, history: Mapping[str, Any] | None) -> list[TalkingPoint]:
    """Up to four points from this account's history: wins first, then the goal they meet, then adoption."""
    notes = f"renewal facts as of {facts.as_of.isoformat()}" if facts.as_of else "renewal facts"
    wins = _wins(facts)[:MAX_WINS]
    points = [_point(win, NOTES, notes) for win in wins]
    points += [
        _point(f"Agreed at onboarding: {goal}", BRIEF, "success criteria", goal)
        for goal in _goals(history, wins)[:MAX_GOALS]
    ]
    adoption = _adoption(facts)
    if adoption:
        said = f"Adoption: {'; '.join(adoption)}."
        points.append(_point(said, FACTS, "seats and usage"))
    return points[:MAX_POINTS]


def _point(text: str, source: str, section: str, quote: str | None = None) -> TalkingPoint:
    return TalkingPoint(text=text, citation=Citation(source=source, section=section, text=quote or text))
