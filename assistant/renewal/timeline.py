"""The renewal timeline, counted back from the renewal date in calendar days.

Offsets are whole days (T-180 is 180 days before, leap days included), so no month arithmetic
can land on 30 February. Milestones whose T-date has already passed are compressed, in order,
into the time left before the next milestone that can still happen on schedule; none is ever
dated before today. A renewal date already passed gets a recovery plan that starts today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from assistant.knowledge.renewal_policy import Milestone, RenewalPolicy
from assistant.renewal.schemas import MilestoneStatus, TimelineEntry
from assistant.text.wording import counted


def days_between(start: dt.date, end: dt.date) -> int:
    """Whole days from `start` to `end` (negative when `end` is earlier)."""
    return (end - start).days


def procurement_shift(policy: RenewalPolicy, procurement_days: int | None) -> int:
    """Days every milestone moves earlier because the customer's procurement is slow."""
    if procurement_days is None:
        return 0
    return max(0, procurement_days - policy.standard_procurement_days)


def _entry(
    milestone: Milestone,
    nominal: dt.date,
    date: dt.date,
    status: MilestoneStatus,
    note: str = "",
    shift: int = 0,
) -> TimelineEntry:
    return TimelineEntry(
        key=milestone.key,
        label=milestone.label,
        days_before=milestone.days_before + shift,
        nominal_date=nominal,
        date=date,
        status=status,
        owners=milestone.owners,
        purpose=milestone.purpose,
        note=note,
    )


def _spread(start: dt.date, span_days: int, count: int, index: int) -> dt.date:
    """The index-th of `count` dates spread evenly from `start` over `span_days` (first on `start`)."""
    return start + dt.timedelta(days=(max(0, span_days) * index) // max(1, count))


def plan_timeline(
    renewal: dt.date,
    as_of: dt.date,
    policy: RenewalPolicy,
    *,
    procurement_days: int | None = None,
    completed: Collection[str] = (),
) -> tuple[list[TimelineEntry], list[str]]:
    """Dated milestones for a renewal on or after `as_of`, plus warnings about what was compressed."""
    shift = procurement_shift(policy, procurement_days)
    nominal = {m.key: renewal - dt.timedelta(days=m.days_before + shift) for m in policy.milestones}
    done = [m for m in policy.milestones if m.key in completed]
    todo = [m for m in policy.milestones if m.key not in completed]
    missed = [m for m in todo if nominal[m.key] < as_of]
    on_time = [m for m in todo if nominal[m.key] >= as_of]
    window_end = min((nominal[m.key] for m in on_time), default=renewal)
    span = days_between(as_of, window_end)
    entries = [
        _entry(m, nominal[m.key], min(nominal[m.key], as_of), "done", "completed", shift) for m in done
    ]
    for index, milestone in enumerate(missed):
        date = _spread(as_of, span, len(missed), index)
        late = days_between(nominal[milestone.key], date)
        note = f"T-{milestone.days_before + shift} fell on {nominal[milestone.key]}; moved {late} days later"
        entries.append(_entry(milestone, nominal[milestone.key], date, "compressed", note, shift))
    entries += [_entry(m, nominal[m.key], nominal[m.key], "on_schedule", shift=shift) for m in on_time]
    entries.sort(key=lambda e: (e.date, -e.days_before))
    warnings = _warnings(renewal, as_of, missed, span, shift, procurement_days)
    short = procurement_shortfall(renewal, entries, procurement_days)
    return entries, [*warnings, short] if short else warnings


PROPOSAL = "proposal"


def _proposal(entries: list[TimelineEntry]) -> TimelineEntry | None:
    return next((e for e in entries if e.key == PROPOSAL), None)


def procurement_shortfall(
    renewal: dt.date, entries: list[TimelineEntry], procurement_days: int | None
) -> str:
    """What to do when the proposal cannot go out the procurement lead time before the renewal date ('' if it can)."""
    proposal = _proposal(entries)
    if not procurement_days or proposal is None or proposal.status == "done":
        return ""
    ahead = days_between(proposal.date, renewal)
    if ahead >= procurement_days:
        return ""
    return (
        f"procurement needs {counted(procurement_days, 'day')}, but the proposal goes out on {proposal.date}, "
        f"only {counted(ahead, 'day')} before the renewal date: ask their procurement for a fast track now, "
        "or agree a short extension of the current contract"
    )


def procurement_line(renewal: dt.date, entries: list[TimelineEntry], procurement_days: int | None) -> str:
    """The plan's word on the customer's procurement lead time, true to the dates it shows."""
    proposal = _proposal(entries)
    if not procurement_days or proposal is None:
        return ""
    short = procurement_shortfall(renewal, entries, procurement_days)
    if short:
        return short[0].upper() + short[1:] + "."
    return (
        f"Procurement needs {counted(procurement_days, 'day')}: the proposal goes out on {proposal.date}, "
        f"{counted(days_between(proposal.date, renewal), 'day')} before the renewal date."
    )


def _warnings(
    renewal: dt.date, as_of: dt.date, missed: list[Milestone], span: int, shift: int, procurement: int | None
) -> list[str]:
    warnings = []
    if shift:
        warnings.append(f"procurement takes {procurement} days: every milestone moved {shift} days earlier")
    if missed:
        left = days_between(as_of, renewal)
        names = ", ".join(f"T-{m.days_before + shift} {m.label.lower()}" for m in missed)
        warnings.append(
            f"the renewal is {counted(left, 'day')} away: {names} compressed into the {counted(span, 'day')} before the next "
            "milestone on schedule"
            if span < left
            else f"the renewal is {counted(left, 'day')} away: {names} compressed into the {counted(left, 'day')} left"
        )
    return warnings


def plan_overdue(
    renewal: dt.date, as_of: dt.date, policy: RenewalPolicy, *, completed: Collection[str] = ()
) -> tuple[list[TimelineEntry], list[str]]:
    """A recovery plan for a renewal date already passed: every open milestone from today on."""
    late = days_between(renewal, as_of)
    todo = [m for m in policy.milestones if m.key not in completed]
    window = policy.overdue_window_days
    entries = [
        _entry(m, due, due, "done", "completed")
        for m in policy.milestones
        if m.key in completed
        for due in [renewal - dt.timedelta(days=m.days_before)]
    ]
    for index, milestone in enumerate(todo):
        date = _spread(as_of, window, max(1, len(todo) - 1), index) if len(todo) > 1 else as_of
        nominal = renewal - dt.timedelta(days=milestone.days_before)
        entries.append(_entry(milestone, nominal, date, "overdue", f"was due {nominal}"))
    warning = (
        f"overdue: renewal date passed {late} days ago ({renewal}); confirm whether the contract lapsed "
        f"or auto-renewed, and run this recovery plan over the next {window} days"
    )
    return entries, [warning]
