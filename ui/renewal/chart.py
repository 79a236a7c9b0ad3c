"""The renewal timeline as a chart: milestones on a date axis, the plan date and the renewal marked.

A moved milestone (compressed into the time left, or overdue) shows a grey line from where its
T-offset would have put it to the date it now has, so the squeeze is visible at a glance.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from assistant.renewal.render import ROLE_LABELS
from assistant.renewal.schemas import RenewalPlan

STATUS_WORDS = {
    "done": "done",
    "on_schedule": "on schedule",
    "compressed": "compressed",
    "overdue": "overdue",
}
STATUS_COLOURS = {"done": "#2e7d32", "on schedule": "#1565c0", "compressed": "#ef6c00", "overdue": "#c62828"}


def timeline_frame(plan: RenewalPlan) -> pd.DataFrame:
    """One row per milestone: its label, date, planned date, status in words and owners."""
    return pd.DataFrame(
        [
            {
                "Milestone": entry.label,
                "Date": entry.date.isoformat(),
                "Planned": entry.nominal_date.isoformat(),
                "Offset": f"T-{entry.days_before}",
                "Status": STATUS_WORDS[entry.status],
                "Owners": ", ".join(
                    ROLE_LABELS.get(owner, owner.replace("_", " ")) for owner in entry.owners
                ),
                "Note": entry.note,
            }
            for entry in plan.timeline
        ]
    )


def _markers(plan: RenewalPlan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Date": plan.as_of.isoformat(), "Marker": f"as of {plan.as_of.isoformat()}"},
            {"Date": plan.renewal_date.isoformat(), "Marker": f"renewal {plan.renewal_date.isoformat()}"},
        ]
    )


def timeline_chart(plan: RenewalPlan) -> alt.LayerChart | alt.FacetChart:
    """Milestones as dots coloured by status, moves as grey lines, and two dated rules."""
    frame = timeline_frame(plan)
    order = list(frame["Milestone"])
    y = alt.Y("Milestone:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [
        "Milestone",
        "Offset",
        alt.Tooltip("Date:T", format="%Y-%m-%d"),
        alt.Tooltip("Planned:T", format="%Y-%m-%d"),
        "Status",
        "Owners",
        "Note",
    ]
    base = alt.Chart(frame)
    moves = (
        base.transform_filter("datum.Date != datum.Planned")
        .mark_rule(color="#9e9e9e", strokeDash=[4, 3])
        .encode(x="Planned:T", x2="Date:T", y=y)
    )
    planned = (
        base.transform_filter("datum.Date != datum.Planned")
        .mark_point(color="#9e9e9e", size=60)
        .encode(x="Planned:T", y=y, tooltip=tooltip)
    )
    status_scale = alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))
    dots = base.mark_point(filled=True, size=160, opacity=1).encode(
        x=alt.X("Date:T", title=None, axis=alt.Axis(format="%Y-%m-%d", labelAngle=0)),
        y=y,
        color=alt.Color("Status:N", scale=status_scale, legend=alt.Legend(orient="bottom", title=None)),
        tooltip=tooltip,
    )
    markers = alt.Chart(_markers(plan))
    rules = markers.mark_rule(strokeWidth=2, color="#424242").encode(
        x="Date:T", strokeDash=alt.StrokeDash("Marker:N", legend=None), tooltip=["Marker"]
    )
    labels = markers.mark_text(align="left", dx=4, dy=-4, baseline="bottom", color="#424242").encode(
        x="Date:T", y=alt.value(0), text="Marker"
    )
    return alt.layer(moves, planned, dots, rules, labels)


def chart_height(plan: RenewalPlan) -> int:
    """Pixels for the chart element: about 40 a milestone, plus the axis, labels and legend."""
    return 130 + 40 * len(plan.timeline)
