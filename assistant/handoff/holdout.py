"""Whether the AE should keep the account as a land-and-expand holdout (playbook: keep them few).

Keep only when at least two kinds of expansion signal show, from at least two sentences:
an add-on declined or deferred, an add-on need the notes point to, planned expansion, a first
deal that covers part of the company, or seats far below the company's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.handoff.facts import DealFacts, Fact
from assistant.handoff.schemas import HoldoutAdvice, SourceRef

SEATS_FAR_BELOW = 1 / 3
"""Seats under this share of the company's employees count as a foothold."""


@dataclass(frozen=True)
class _Signal:
    kind: str
    text: str
    refs: tuple[SourceRef, ...]


def _names(facts: dict[str, Fact]) -> str:
    return ", ".join(fact.text for fact in facts.values())


def _refs(facts: list[Fact]) -> tuple[SourceRef, ...]:
    return tuple(dict.fromkeys(fact.ref for fact in facts))


def expansion_signals(facts: DealFacts) -> list[_Signal]:
    """Every expansion signal the facts hold, with the sentences behind it."""
    signals: list[_Signal] = []
    if facts.deferred:
        signals.append(
            _Signal(
                "deferred",
                f"{_names(facts.deferred)} declined or deferred",
                _refs(list(facts.deferred.values())),
            )
        )
    needs = {key: fact for key, fact in facts.addon_needs.items() if key not in facts.deferred}
    if needs:
        signals.append(
            _Signal("need", f"the notes point to a need for {_names(needs)}", _refs(list(needs.values())))
        )
    if facts.expansion:
        signals.append(_Signal("expansion", "expansion is planned or discussed", _refs(facts.expansion[:3])))
    if facts.foothold:
        signals.append(
            _Signal("foothold", "the first deal covers only part of the company", _refs(facts.foothold[:2]))
        )
    seats, employees = facts.seat_count, facts.employee_count
    if seats and employees and facts.seats and facts.employees and seats < employees * SEATS_FAR_BELOW:
        signals.append(
            _Signal(
                "seats",
                f"{seats:,} seats against about {employees:,} employees",
                (facts.seats.ref, facts.employees.ref),
            )
        )
    return signals


def advise_holdout(facts: DealFacts) -> HoldoutAdvice:
    """Keep with two kinds of signal from two sentences or more; otherwise hand over fully."""
    signals = expansion_signals(facts)
    refs = list(dict.fromkeys(ref for signal in signals for ref in signal.refs))
    found = "; ".join(signal.text for signal in signals)
    if len(signals) >= 2 and len(refs) >= 2:
        reason = (
            f"Keep as a land-and-expand holdout: {found}. The AE leads expansion; the CSM still owns "
            "onboarding and adoption and the renewal rep the renewal. Write an expansion plan (departments, "
            "products, dates) and review it each quarter; if nothing moves in two quarters, hand it over."
        )
        return HoldoutAdvice(keep=True, reason=reason, sources=refs)
    if signals:
        reason = (
            f"Hand over fully: one expansion signal only ({found}); the CSM flags the expansion to the AE "
            "when it matures."
        )
        return HoldoutAdvice(keep=False, reason=reason, sources=refs)
    return HoldoutAdvice(
        keep=False,
        reason="Hand over fully: the notes show no expansion signal (no deferred add-on, partial rollout or "
        "planned expansion).",
    )
