"""Timeline date arithmetic: leap years, compressed windows, a renewal already past, procurement."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.knowledge.load import Knowledge
from assistant.knowledge.renewal_policy import RenewalPolicy
from assistant.renewal.schemas import TimelineEntry
from assistant.renewal.timeline import plan_overdue, plan_timeline

D = dt.date


@pytest.fixture(scope="module")
def policy(knowledge: Knowledge) -> RenewalPolicy:
    return knowledge.renewal


def by_key(entries: list[TimelineEntry]) -> dict[str, TimelineEntry]:
    return {entry.key: entry for entry in entries}


def test_leap_day_renewal_counts_whole_days(policy: RenewalPolicy) -> None:
    entries, warnings = plan_timeline(D(2028, 2, 29), D(2027, 1, 4), policy)
    dates = {e.key: e.date for e in entries}
    assert dates == {
        "internal_review": D(2027, 9, 2),
        "renewal_rep_engaged": D(2027, 11, 1),
        "executive_business_review": D(2027, 12, 1),
        "proposal": D(2027, 12, 31),
        "signature": D(2028, 1, 30),
    }
    assert all(e.status == "on_schedule" for e in entries) and warnings == []


def test_t_minus_180_across_a_leap_year_differs_by_the_leap_day(policy: RenewalPolicy) -> None:
    leap, _ = plan_timeline(D(2028, 3, 1), D(2027, 1, 4), policy)
    common, _ = plan_timeline(D(2027, 3, 1), D(2026, 1, 4), policy)
    assert by_key(leap)["internal_review"].date == D(2027, 9, 3)
    assert by_key(common)["internal_review"].date == D(2026, 9, 2)
    assert by_key(leap)["signature"].date == D(2028, 1, 31)  # 29 days of February, then one of January
    assert by_key(common)["signature"].date == D(2027, 1, 30)


def test_exactly_180_days_out_is_on_schedule_from_today(policy: RenewalPolicy) -> None:
    as_of = D(2026, 11, 23)
    entries, warnings = plan_timeline(as_of + dt.timedelta(days=180), as_of, policy)
    assert entries[0].key == "internal_review" and entries[0].date == as_of
    assert {e.status for e in entries} == {"on_schedule"} and warnings == []


def test_renewal_in_20_days_compresses_every_milestone_in_order(policy: RenewalPolicy) -> None:
    as_of = D(2026, 11, 23)
    renewal = as_of + dt.timedelta(days=20)
    entries, warnings = plan_timeline(renewal, as_of, policy)
    assert [e.key for e in entries] == [m.key for m in policy.milestones]
    assert all(e.status == "compressed" for e in entries)
    dates = [e.date for e in entries]
    assert dates == sorted(dates) and dates[0] == as_of and dates[-1] < renewal
    assert len(set(dates)) == len(dates), "20 days leave room for a distinct day per milestone"
    signature = by_key(entries)["signature"]
    assert signature.nominal_date == renewal - dt.timedelta(days=30) and "moved" in signature.note
    assert any("20 days away" in w for w in warnings)


def test_missed_milestones_fit_before_the_next_on_schedule_one(policy: RenewalPolicy) -> None:
    as_of = D(2026, 11, 23)
    renewal = as_of + dt.timedelta(days=151)
    entries = by_key(plan_timeline(renewal, as_of, policy)[0])
    assert entries["internal_review"].status == "compressed"
    assert entries["internal_review"].date == as_of
    assert entries["renewal_rep_engaged"].status == "on_schedule"
    assert entries["renewal_rep_engaged"].date == renewal - dt.timedelta(days=120)
    assert all(e.date >= as_of for e in entries.values())


def test_renewal_today_puts_everything_on_today(policy: RenewalPolicy) -> None:
    as_of = D(2026, 11, 23)
    entries, _ = plan_timeline(as_of, as_of, policy)
    assert {e.date for e in entries} == {as_of}


def test_renewal_already_past_starts_a_recovery_plan_today(policy: RenewalPolicy) -> None:
    as_of, renewal = D(2026, 11, 23), D(2026, 11, 1)
    entries, warnings = plan_overdue(renewal, as_of, policy)
    assert warnings[0].startswith("overdue: renewal date passed 22 days ago")
    assert all(e.status == "overdue" and e.date >= as_of for e in entries)
    assert entries[0].date == as_of
    assert entries[-1].date == as_of + dt.timedelta(days=policy.overdue_window_days)
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def test_slow_procurement_moves_every_date_earlier(policy: RenewalPolicy) -> None:
    renewal, as_of = D(2027, 6, 30), D(2026, 1, 5)
    standard = by_key(plan_timeline(renewal, as_of, policy)[0])
    slow, warnings = plan_timeline(renewal, as_of, policy, procurement_days=90)
    for entry in slow:
        assert entry.date == standard[entry.key].date - dt.timedelta(days=30)
    assert by_key(slow)["proposal"].days_before == 90
    assert any("moved 30 days earlier" in w for w in warnings)


def test_completed_milestones_are_not_rescheduled(policy: RenewalPolicy) -> None:
    as_of = D(2026, 11, 23)
    renewal = as_of + dt.timedelta(days=100)
    entries = by_key(plan_timeline(renewal, as_of, policy, completed={"internal_review"})[0])
    assert entries["internal_review"].status == "done"
    assert entries["renewal_rep_engaged"].status == "compressed"
    assert entries["renewal_rep_engaged"].date == as_of
