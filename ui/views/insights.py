"""Insights (team leads, enablement): what the saved qualifications say about discovery."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.qualify.insights import CountRow, cases_to_yaml, overrides_as_cases, summarise
from ui.common import get_history, readable_errors

st.title("Insights")
st.caption(
    "Charts over every qualification saved to the account history: how verdicts move, which "
    "criteria SDRs most often leave unasked, who gets called in, and where people disagree with "
    "the assistant."
)


def count_frame(rows: list[CountRow], label: str) -> pd.DataFrame:
    """Chart-ready counts, labels as the index so bars keep the order given."""
    frame = pd.DataFrame([{label: row.label, "reports": row.count} for row in rows])
    return frame.set_index(label)


records = []
with readable_errors("Reading the account history"):
    records = get_history().all_records(kind="qualification")

insights = summarise(records)
if insights.reports == 0:
    st.info(
        "No qualifications saved yet. Run one on the Qualify page and press Save to the account "
        "history; the charts fill in from there.",
        icon=":material/insights:",
    )
    st.stop()

st.metric("Saved qualifications", insights.reports)

st.subheader("Verdicts by week")
weeks = pd.DataFrame([row.model_dump() for row in insights.verdicts_by_week]).set_index("week")
weeks.columns = ["Sales qualified", "Nurture", "Disqualified"]
st.bar_chart(weeks, stack=True, color=["#2e7d32", "#f9a825", "#c62828"])

missing_column, roles_column = st.columns(2)
with missing_column:
    st.subheader("Criteria most often missing")
    st.caption("The questions SDRs forget to ask: a missing criterion had no evidence in the notes.")
    st.bar_chart(count_frame(insights.missing_criteria, "criterion"), horizontal=True)
with roles_column:
    st.subheader("Recommendations by role")
    st.bar_chart(count_frame(insights.recommendations_by_role, "role"), horizontal=True)

st.subheader("Overrides by criterion")
overridden = sum(row.count for row in insights.overrides_by_criterion)
if overridden:
    st.bar_chart(count_frame(insights.overrides_by_criterion, "criterion"), horizontal=True)
else:
    st.caption("Nobody has overridden a status yet.")

st.subheader("Grow the regression set")
cases = overrides_as_cases(records)
st.write(
    f"{len(cases['cases'])} corrected report(s) can become labelled cases in the evaluation "
    "set's format (the corrected statuses are the gold labels)."
)
st.download_button(
    "Download override cases (YAML)",
    cases_to_yaml(cases),
    file_name="override-cases.yaml",
    mime="application/x-yaml",
    disabled=not cases["cases"],
    key="insights_export",
    on_click="ignore",
)
