"""The LLM advisor: one model call words the computed plan; code decides what survives.

Talking points must cite a passage number that was sent; lines carrying a number the plan does
not contain are dropped (numbers are never the model's); what the model loses is counted in a
warning and the offline wording fills the gap. Any failure returns the offline advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from assistant.knowledge.load import Knowledge
from assistant.library.citations import cite
from assistant.library.passages import PlaybookPassage
from assistant.llm.fence import fence, neutralise
from assistant.llm.gateway import LLMError, LLMGateway
from assistant.renewal.advisor import OfflineRenewalAdvisor, RenewalAdvice, RenewalDraft
from assistant.renewal.facts import RenewalFacts
from assistant.renewal.prompts import RENEWAL_SYSTEM, RENEWAL_USER
from assistant.renewal.schemas import ExpansionPlay, TalkingPoint
from assistant.text.wording import counted

PASSAGE_CHARS, MAX_PASSAGES, MAX_LINE = 700, 8, 400
SMALL_COUNT, MIN_WORDS = 10, 4
_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(%?)")


class ModelTalkingPoint(BaseModel):
    model_config = ConfigDict(extra="ignore")

    passage: int = Field(description="Number of the playbook passage this point draws on.")
    text: str


class ModelRenewalAdvice(BaseModel):
    """The structured answer the model must return (narrative first, then the lines)."""

    model_config = ConfigDict(extra="ignore")

    risk_narrative: str
    talking_points: list[ModelTalkingPoint] = Field(max_length=10)
    negotiation: list[str] = Field(max_length=8)


def _numbers(text: str) -> set[str]:
    """Numbers as written, without thousands separators ('186,000' -> '186000'; '4%' -> '4%')."""
    found = set()
    for match in _NUMBER.finditer(text):
        digits = match.group(0).rstrip("%").replace(",", "").rstrip(".")
        digits = digits[:-2] if digits.endswith(".0") else digits
        found.add(digits + match.group(1))
    return found


def numbers_supported(line: str, allowed: set[str]) -> bool:
    """Every number in the line appears in the plan (small counts without % are free)."""
    for number in _numbers(line):
        bare = number.rstrip("%")
        if number in allowed or bare in allowed:
            continue
        if not number.endswith("%") and bare.isdigit() and int(bare) <= SMALL_COUNT:
            continue
        return False
    return True


def readable(text: str) -> bool:
    """At least a short sentence of words: fragments and echoed field names are not advice."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def describe_plan(facts: RenewalFacts, draft: RenewalDraft) -> str:
    """The computed plan as short text: the only numbers the model may use."""
    health, nego = draft.health, draft.negotiation
    lines = [
        f"Account: {draft.account}; as of {draft.as_of}; renewal {facts.renewal} ({draft.days_to_renewal} days).",
        f"ARR {nego.current_arr.amount:,.0f} {nego.current_arr.currency}; {facts.seats_active} of "
        f"{facts.seats_purchased} seats active; products: {', '.join(facts.products) or 'none listed'}.",
        f"Health {health.score:g}/100, churn risk {health.churn_risk}: {health.reason}.",
        *[f"- driver {d.factor} ({d.direction}): {d.fact}" for d in health.drivers],
        "Timeline:",
        *[
            f"- {e.date} T-{e.days_before} {e.label} [{e.status}] owners: {', '.join(e.owners)}"
            for e in draft.timeline
        ],
        "Expansion plays:",
        *[f"- {p.title}: {p.size}; {_play_amount(p)}" for p in draft.plays],
        f"Negotiation: recommended term {nego.recommended_term_months} months; uplift "
        f"{nego.uplift_min_pct:g}-{nego.uplift_max_pct:g}%; seat floor {nego.seat_floor}.",
        *[
            f"- option {o.name}: {o.annual_amount.amount:,.0f} {o.annual_amount.currency} a year, total "
            f"{o.total_contract_value.amount:,.0f}"
            for o in nego.options
        ],
        *[f"- trade: {t}" for t in nego.trades],
        "People:",
        *[f"- {p.side} {p.role}: {p.name or 'to assign'}, {p.when}" for p in draft.people],
    ]
    return "\n".join(lines)


def _play_amount(play: ExpansionPlay) -> str:
    if play.annual_amount is not None:
        return f"{play.annual_amount.amount:,.0f} {play.annual_amount.currency} a year"
    if play.one_time_amount is not None:
        return f"{play.one_time_amount.amount:,.0f} {play.one_time_amount.currency} one-time"
    return "not priced"


def build_messages(
    facts: RenewalFacts, draft: RenewalDraft, passages: list[PlaybookPassage]
) -> list[dict[str, str]]:
    """System rules, the computed plan, numbered passages and the free text fenced as data."""
    numbered = "\n".join(
        f"[{i}] ({p.source} § {p.section}) {p.text[:PASSAGE_CHARS]}" for i, p in enumerate(passages, start=1)
    )
    free_text = "\n".join([facts.notes.strip(), *(f"Open issue: {issue}" for issue in facts.open_issues)])
    user = RENEWAL_USER.format(
        plan=neutralise(describe_plan(facts, draft)),
        passages=fence("passages", numbered or "(none)"),
        notes=fence("account_notes", free_text),
    )
    return [{"role": "system", "content": RENEWAL_SYSTEM}, {"role": "user", "content": user}]


class LLMRenewalAdvisor:
    """Model wording with verification, falling back to the offline advisor on any failure."""

    def __init__(self, gateway: LLMGateway, fallback: OfflineRenewalAdvisor | None = None) -> None:
        self.gateway = gateway
        self.fallback = fallback or OfflineRenewalAdvisor()
        self.name = f"litellm:{gateway.model}"

    def advise(
        self, facts: RenewalFacts, draft: RenewalDraft, passages: list[PlaybookPassage], knowledge: Knowledge
    ) -> RenewalAdvice:
        """One model call; verified lines; offline wording where the model's did not survive."""
        passages = passages[:MAX_PASSAGES]
        offline = self.fallback.advise(facts, draft, passages, knowledge)
        messages = build_messages(facts, draft, passages)
        try:
            answer, usage = self.gateway.structured(messages, ModelRenewalAdvice)
        except LLMError as exc:
            offline.warnings.append(f"LLM advisor failed ({exc.kind}: {exc}); the offline advisor answered")
            return offline
        advice = verify(answer, passages, _numbers(messages[1]["content"]), offline)
        advice.engine, advice.usage = self.name, usage
        return advice


@dataclass
class _Dropped:
    """What verification removed, by reason, for the warning a user reads."""

    uncited: int = 0
    numbers: int = 0
    fragments: int = 0

    def check(self, text: str, allowed: set[str]) -> bool:
        """A readable line whose numbers are all in the plan; count it otherwise."""
        if not readable(text):
            self.fragments += 1
            return False
        if not numbers_supported(text, allowed):
            self.numbers += 1
            return False
        return True

    def warnings(self) -> list[str]:
        """What was dropped, counted plainly ("1 talking point … was dropped", "2 lines … were dropped")."""
        found = (
            (self.uncited, "talking point", "cited no passage that was sent"),
            (self.numbers, "line", "carried numbers not in the plan"),
            (self.fragments, "line", "{was} only a fragment of a sentence"),
        )
        return [
            f"{counted(count, noun)} from the model {what.format(was='was' if count == 1 else 'were')} and "
            f"{'was' if count == 1 else 'were'} dropped"
            for count, noun, what in found
            if count
        ]


def _clean(text: str) -> str:
    return " ".join(text.split())[:MAX_LINE]


def verify(
    answer: ModelRenewalAdvice, passages: list[PlaybookPassage], allowed: set[str], offline: RenewalAdvice
) -> RenewalAdvice:
    """Keep cited, readable, number-safe lines; fill what the model lost with the offline wording."""
    dropped, points = _Dropped(), []
    for point in answer.talking_points:
        if not 1 <= point.passage <= len(passages):
            dropped.uncited += 1
        elif dropped.check(_clean(point.text), allowed):
            points.append(TalkingPoint(text=_clean(point.text), citation=cite(passages[point.passage - 1])))
    guidance = [_clean(line) for line in answer.negotiation if line.strip()]
    guidance = [line for line in guidance if dropped.check(line, allowed)]
    narrative = _clean(answer.risk_narrative) if answer.risk_narrative.strip() else ""
    narrative = narrative if narrative and dropped.check(narrative, allowed) else ""
    warnings = dropped.warnings()
    missing = [
        name
        for name, kept in (
            ("talking points", points),
            ("negotiation", guidance),
            ("risk narrative", narrative),
        )
        if not kept
    ]
    if missing:
        warnings.append(
            f"the offline advisor's wording fills what the model did not give: {', '.join(missing)}"
        )
    return RenewalAdvice(
        talking_points=points or offline.talking_points,
        guidance=guidance or offline.guidance,
        risk_narrative=narrative or offline.risk_narrative,
        engine="",
        warnings=warnings,
    )
