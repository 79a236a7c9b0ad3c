"""The renewal plan as Markdown to paste into an email or a CRM note.

Plain Markdown only: tables, lists and bold, no raw HTML. Text that came from the facts or a
model is escaped so it cannot open a tag, a link or an image, or break a table row.
"""

from __future__ import annotations

from assistant.domain import Money
from assistant.renewal.schemas import (
    ExpansionPlay,
    HealthAssessment,
    InvolvedPerson,
    NegotiationGuidance,
    RenewalPlan,
    TimelineEntry,
)
from assistant.text.markdown import escape_inline
from assistant.text.wording import days_left

ROLE_LABELS = {
    "renewal_rep": "renewal rep",
    "csm": "CSM",
    "ae": "AE",
    "specialist_ae": "specialist AE",
    "sales_engineer": "sales engineer",
    "industry_expert": "industry expert",
    "executive_sponsor": "executive sponsor",
    "economic_buyer": "economic buyer",
}
ARROWS = {"positive": "▲", "neutral": "●", "negative": "▼"}


def md(text: object) -> str:
    """Untrusted text as one inert Markdown line (the one escaper in text/markdown.py)."""
    return escape_inline(str(text))


def cell(text: str) -> str:
    """Table cell text: escaped, with pipes that would split the row escaped too."""
    return md(text).replace("|", "\\|")


def money(value: Money | None) -> str:
    return f"{value.amount:,.0f} {value.currency or ''}".strip() if value else "—"


def _role(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " "))


def _header(plan: RenewalPlan) -> list[str]:
    days = plan.days_to_renewal
    when = f"{days_left(days)} on {plan.as_of}"
    health = plan.health
    return [
        f"# Renewal plan: {md(plan.account)}",
        "",
        f"Renewal **{plan.renewal_date}** ({when}) · health **{health.score:g}/100** · churn risk "
        f"**{health.churn_risk}** · engine {md(plan.engine)}",
        "",
        *([f"> {md(plan.risk_narrative)}", ""] if plan.risk_narrative else []),
    ]


def _health(health: HealthAssessment) -> list[str]:
    rows = [
        f"| {_role(d.factor)} | {f'{d.points:g} / {d.weight:g}' if d.weight else '—'} | "
        f"{ARROWS[d.direction]} {d.direction} | {cell(d.fact)} |"
        for d in health.drivers
    ]
    return [
        "## Health and churn risk",
        "",
        f"Churn risk **{health.churn_risk}**: {md(health.reason)}.",
        "",
        "| Factor | Points | Direction | Fact |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def _owners(entry: TimelineEntry, people: list[InvolvedPerson]) -> str:
    named = {p.role: p.name for p in people if p.side == "ours" and p.name}
    return ", ".join(f"{named[o]} ({_role(o)})" if o in named else _role(o) for o in entry.owners)


def _status(entry: TimelineEntry) -> str:
    return {
        "done": "done",
        "on_schedule": "on schedule",
        "compressed": f"compressed (was {entry.nominal_date})",
        "overdue": f"overdue (was {entry.nominal_date})",
    }[entry.status]


def _timeline(plan: RenewalPlan) -> list[str]:
    rows = [
        f"| {e.date} | T-{e.days_before} | {cell(e.label)} | {cell(_owners(e, plan.people))} | {_status(e)} |"
        for e in plan.timeline
    ]
    return [
        "## Timeline",
        "",
        "| Date | Offset | Milestone | Owners | Status |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]


def _play(index: int, play: ExpansionPlay) -> list[str]:
    value = (
        f"{money(play.annual_amount)} a year"
        if play.annual_amount
        else f"{money(play.one_time_amount)} one-time"
        if play.one_time_amount
        else "to be priced"
    )
    lines = [f"{index}. **{md(play.title)}**: {md(play.size)} · {value} · owner: {_role(play.owner)}"]
    if play.outcome:
        lines.append(f"   - Outcome: {md(play.outcome)}")
    lines += [f"   - {md(reason)}" for reason in play.justification]
    return lines


def _plays(plays: list[ExpansionPlay]) -> list[str]:
    if not plays:
        return ["## Expansion plays", "", "No expansion play: the facts point to none.", ""]
    body = [line for index, play in enumerate(plays, start=1) for line in _play(index, play)]
    return ["## Expansion plays", "", *body, ""]


def _negotiation(nego: NegotiationGuidance) -> list[str]:
    rows = [
        f"| {cell(o.name)} | {o.term_months} months | {money(o.annual_amount)} | {money(o.total_contract_value)} | "
        f"{'yes' if o.price_hold else 'no'} |"
        for o in nego.options
    ]
    return [
        "## Second agreement",
        "",
        f"Recommended term **{nego.recommended_term_months} months** · uplift {nego.uplift_min_pct:g}-"
        f"{nego.uplift_max_pct:g}% · current ARR {money(nego.current_arr)} · expansion "
        f"{money(nego.expansion_arr)} a year · services {money(nego.one_time_services)} one-time · seat floor "
        f"{nego.seat_floor:,}",
        "",
        "| Option | Term | Per year | Total | Price hold |",
        "|---|---|---|---|---|",
        *rows,
        "",
        *[f"- {md(line)}" for line in nego.guidance],
        "",
        "Trades:",
        *[f"- {md(trade)}" for trade in nego.trades],
        "",
    ]


def _people(people: list[InvolvedPerson]) -> list[str]:
    rows = [
        f"| {'us' if p.side == 'ours' else 'customer'} | {_role(p.role)} | {cell(p.name or 'to assign')} | "
        f"{cell(p.when)} | {cell(p.why)} |"
        for p in people
    ]
    return [
        "## Who to involve",
        "",
        "| Side | Role | Name | When | Why |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]


def _talking_points(plan: RenewalPlan) -> list[str]:
    if not plan.talking_points:
        return []
    sources = list(dict.fromkeys((p.citation.source, p.citation.section) for p in plan.talking_points))
    lines = [
        f"- {md(p.text)} [{sources.index((p.citation.source, p.citation.section)) + 1}]"
        for p in plan.talking_points
    ]
    refs = [
        f'{i}. {md(source)}, section "{md(section)}"' for i, (source, section) in enumerate(sources, start=1)
    ]
    return ["## Talking points", "", *lines, "", "Sources:", "", *refs, ""]


def render_markdown(plan: RenewalPlan) -> str:
    """The whole plan: header, health, timeline, plays, agreement, people, talking points, warnings."""
    lines = _header(plan) + _health(plan.health) + _timeline(plan) + _plays(plan.expansion_plays)
    lines += _negotiation(plan.negotiation) + _people(plan.people) + _talking_points(plan)
    if plan.warnings:
        lines += ["## Warnings", "", *[f"- {md(w)}" for w in plan.warnings], ""]
    return "\n".join(lines).rstrip() + "\n"
