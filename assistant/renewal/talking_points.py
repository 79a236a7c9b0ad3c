"""Renewal talking points taken from the retrieved playbook passages, each cited to its passage.

Queries follow the account's situation (risk, expansion, services, procurement); the offline
selection prefers the playbook's own quoted talking points and the sentences whose words match
what the facts show, so every point is a verbatim span of a playbook the team curates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.library.citations import Citation
from assistant.library.passages import PlaybookPassage
from assistant.renewal.schemas import ExpansionPlay, HealthAssessment, TalkingPoint

_QUOTED = re.compile(r'^\s*[-*•]\s+["“](.{15,300}?)["”]\s*$', re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
QUOTE_BONUS, MAX_CUES, MIN_SENTENCE, MAX_SENTENCE = 2.0, 3, 40, 260


@dataclass(frozen=True)
class RetrievalQuery:
    """One library search: the text and the playbook kind it is limited to."""

    text: str
    kind: str | None


RENEWAL_QUERIES: dict[str, RetrievalQuery] = {
    "talking_points": RetrievalQuery(
        "renewal talking points to open and steer the renewal conversation", "renewal"
    ),
    "negotiation": RetrievalQuery(
        "renewal negotiation guidance: options, trade never give, price increases", "renewal"
    ),
    "grow": RetrievalQuery("maximise size and duration of the second agreement, multi-year term", "renewal"),
    "save": RetrievalQuery("churn signals and what to do: lost sponsor, low adoption, escalation", "renewal"),
    "expand": RetrievalQuery(
        "expansion at renewal: more seats, new departments, add-on product lines", "renewal"
    ),
    "services": RetrievalQuery(
        "premium services at renewal: rollout, training, certification packages", None
    ),
}


def renewal_queries(health: HealthAssessment, plays: list[ExpansionPlay]) -> list[RetrievalQuery]:
    """What to look up for this account: talking points, risk or growth, negotiation, services."""
    wanted = ["talking_points", "negotiation", "grow" if health.churn_risk == "low" else "save"]
    if any(p.kind in ("seats", "add_on") for p in plays):
        wanted.append("expand")
    if any(p.kind == "premium_services" for p in plays):
        wanted.append("services")
    return [RENEWAL_QUERIES[name] for name in wanted]


def templated_queries() -> list[str]:
    """Every query a renewal plan can ask: their vectors can be made ahead."""
    return [query.text for query in RENEWAL_QUERIES.values()]


def situation_cues(health: HealthAssessment, plays: list[ExpansionPlay], admins_changed: bool) -> list[str]:
    """Words a fitting talking point would use, from what the facts show."""
    cues = ["results", "leadership", "renew", "decision"]
    cues += (
        ["multi-year", "price", "achieved", "longer term"]
        if health.churn_risk == "low"
        else ["hesitate", "fix", "sponsor", "escalat", "risk"]
    )
    if any(p.kind in ("seats", "add_on") for p in plays):
        cues += ["teams", "access", "seats", "departments", "add-on"]
    if any(p.kind == "premium_services" for p in plays):
        cues += ["training", "rollout", "package", "adoption"]
    if admins_changed:
        cues += ["administrators have changed", "certification"]
    return cues


def _candidates(passage: PlaybookPassage) -> list[tuple[str, bool]]:
    """(text, is the playbook's own quoted talking point) pairs, verbatim from the passage."""
    quoted = [m.group(1).strip() for m in _QUOTED.finditer(passage.text)]
    body = _QUOTED.sub(" ", passage.text)
    prose = [
        line for line in body.splitlines() if not _BULLET.match(line)
    ]  # lists are steps, not lines to say
    sentences = [s.strip() for line in prose for s in _SENTENCE.split(line)]
    plain = [s for s in sentences if MIN_SENTENCE <= len(s) <= MAX_SENTENCE and s.endswith((".", "?"))]
    return [(q, True) for q in quoted] + [(s, False) for s in plain]


def _score(text: str, quoted: bool, cues: list[str]) -> float:
    lowered = text.lower()
    matched = min(MAX_CUES, sum(1 for cue in cues if cue in lowered))
    return matched + (QUOTE_BONUS if quoted and matched else 0.0)


def select_talking_points(
    passages: list[PlaybookPassage], cues: list[str], limit: int = 6
) -> list[TalkingPoint]:
    """The best-matching verbatim points, at most two per passage, each cited to its sentence."""
    scored = []
    for order, passage in enumerate(passages):
        for position, (text, quoted) in enumerate(_candidates(passage)):
            scored.append((-_score(text, quoted, cues), order, position, text, passage))
    scored.sort(key=lambda item: item[:3])
    chosen: list[TalkingPoint] = []
    per_passage: dict[tuple[str, str], int] = {}
    for negative, _, _, text, passage in scored:
        key = (passage.source, passage.section)
        if negative >= 0 or per_passage.get(key, 0) >= 2 or any(p.text == text for p in chosen):
            continue
        per_passage[key] = per_passage.get(key, 0) + 1
        chosen.append(
            TalkingPoint(
                text=text, citation=Citation(source=passage.source, section=passage.section, text=text)
            )
        )
        if len(chosen) == limit:
            break
    return chosen
