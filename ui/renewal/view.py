"""How a renewal plan looks on screen: health and risk, the dated timeline, plays, people, the agreement.

Tables carry plain text (Streamlit shows cells literally); anything drawn with `st.markdown`
that came from the facts, a model or a playbook is escaped first.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.renewal.render import ARROWS, ROLE_LABELS, money
from assistant.renewal.schemas import ExpansionPlay, NegotiationGuidance, RenewalPlan
from assistant.text.markdown import escape_streamlit
from assistant.text.wording import days_left
from ui.renewal.chart import chart_height, timeline_chart, timeline_frame

RISK_ICONS = {
    "low": ":material/sentiment_satisfied:",
    "medium": ":material/sentiment_neutral:",
    "high": ":material/sentiment_dissatisfied:",
}


def role_words(role: str) -> str:
    """`renewal_rep` as "renewal rep", `csm` as "CSM"."""
    return ROLE_LABELS.get(role, role.replace("_", " "))


def render_summary(plan: RenewalPlan, record_id: int | None) -> None:
    """Health score, churn risk, days left and the renewal date, then why and what was degraded."""
    st.subheader(f"Renewal plan: {escape_streamlit(plan.account)}")
    health = plan.health
    score, risk, days, renewal = st.columns(4)
    score.metric("Health score", f"{health.score:g}/100")
    risk.metric("Churn risk", health.churn_risk)
    if plan.days_to_renewal >= 0:
        days.metric("Days to renewal", plan.days_to_renewal)
    else:  # never "-18": the date has passed
        days.metric("Renewal date passed", days_left(plan.days_to_renewal))
    renewal.metric("Renewal date", plan.renewal_date.isoformat())
    saved = f" · saved as record #{record_id}" if record_id is not None else " · not saved yet"
    st.caption(f"As of {plan.as_of.isoformat()} · engine {escape_streamlit(plan.engine)}{saved}")
    st.info(
        escape_streamlit(plan.risk_narrative or f"Churn risk {health.churn_risk}: {health.reason}."),
        icon=RISK_ICONS.get(health.churn_risk, ":material/info:"),
    )
    for warning in plan.warnings:
        st.warning(escape_streamlit(warning), icon=":material/warning:")


def render_timeline(plan: RenewalPlan) -> None:
    """The milestones drawn on a date axis, then the same as a table with owners and notes."""
    st.altair_chart(timeline_chart(plan), width="stretch", height=chart_height(plan))
    st.dataframe(timeline_frame(plan), hide_index=True, key="renewal_timeline_table")


def render_health(plan: RenewalPlan) -> None:
    """Each factor of the score: points earned of its weight, direction, and the fact behind it."""
    st.markdown(f"**Churn risk {plan.health.churn_risk}:** {escape_streamlit(plan.health.reason)}")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Factor": role_words(driver.factor),
                    "Points": driver.points,
                    "Of": driver.weight,
                    "Direction": f"{ARROWS[driver.direction]} {driver.direction}",
                    "Fact": driver.fact,
                }
                for driver in plan.health.drivers
            ]
        ),
        hide_index=True,
        key="renewal_drivers",
    )


def _play(play: ExpansionPlay) -> None:
    value = (
        f"{money(play.annual_amount)} a year"
        if play.annual_amount
        else f"{money(play.one_time_amount)} one-time"
        if play.one_time_amount
        else "to be priced"
    )
    with st.container(border=True):
        st.markdown(f"**{escape_streamlit(play.title)}** · {escape_streamlit(play.size)}")
        st.caption(f"{escape_streamlit(value)} · owner: {role_words(play.owner)}")
        if play.outcome:
            st.markdown(f"Outcome: {escape_streamlit(play.outcome)}")
        st.markdown("\n".join(f"- {escape_streamlit(reason)}" for reason in play.justification))


def render_plays(plan: RenewalPlan) -> None:
    """The ways to grow the second agreement, each sized and justified by the facts."""
    if not plan.expansion_plays:
        st.caption("No expansion play: the facts point to none.")
    for play in plan.expansion_plays:
        _play(play)


def render_agreement(nego: NegotiationGuidance) -> None:
    """Size and duration of the second agreement: the options side by side, guidance and trades."""
    st.markdown(
        f"Recommended term **{nego.recommended_term_months} months** · uplift {nego.uplift_min_pct:g}–"
        f"{nego.uplift_max_pct:g}% · current ARR {escape_streamlit(money(nego.current_arr))} · expansion "
        f"{escape_streamlit(money(nego.expansion_arr))} a year · services "
        f"{escape_streamlit(money(nego.one_time_services))} one-time · seat floor {nego.seat_floor:,}"
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Option": option.name,
                    "Term (months)": option.term_months,
                    "Per year": money(option.annual_amount),
                    "Total": money(option.total_contract_value),
                    "Price hold": "yes" if option.price_hold else "no",
                    "Includes": ", ".join(option.includes),
                }
                for option in nego.options
            ]
        ),
        hide_index=True,
        key="renewal_options",
    )
    if nego.guidance:
        st.markdown("\n".join(f"- {escape_streamlit(line)}" for line in nego.guidance))
    if nego.trades:
        st.markdown("**Trades**\n\n" + "\n".join(f"- {escape_streamlit(trade)}" for trade in nego.trades))


def render_people(plan: RenewalPlan) -> None:
    """Who to involve on both sides, when and why."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Side": "us" if person.side == "ours" else "customer",
                    "Role": role_words(person.role),
                    "Name": person.name or "to assign",
                    "Title": person.title,
                    "When": person.when,
                    "Why": person.why,
                }
                for person in plan.people
            ]
        ),
        hide_index=True,
        key="renewal_people",
    )


def render_talking_points(plan: RenewalPlan) -> None:
    """What to say, each point with the playbook passage it comes from."""
    if not plan.talking_points:
        st.caption("No talking points: the playbooks had none for this account.")
    for point in plan.talking_points:
        st.markdown(f"- {escape_streamlit(point.text)}")
        st.caption(
            f"↳ {escape_streamlit(point.citation.source)} § {escape_streamlit(point.citation.section)}"
        )


def render_plan(plan: RenewalPlan, record_id: int | None) -> None:
    """The whole plan: the summary and timeline first, the rest in tabs."""
    render_summary(plan, record_id)
    st.markdown("#### Timeline")
    render_timeline(plan)
    tabs = st.tabs(
        [
            "Health drivers",
            f"Expansion plays ({len(plan.expansion_plays)})",
            "Second agreement",
            "People",
            f"Talking points ({len(plan.talking_points)})",
        ]
    )
    with tabs[0]:
        render_health(plan)
    with tabs[1]:
        render_plays(plan)
    with tabs[2]:
        render_agreement(plan.negotiation)
    with tabs[3]:
        render_people(plan)
    with tabs[4]:
        render_talking_points(plan)
