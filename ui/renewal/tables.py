"""Editable tables (usage metrics, stakeholders) for the renewal form, kept across reruns and pages.

`st.data_editor` keeps its edits only while it is drawn, and its edits cannot be set through
session state. So each table keeps the last edited frame under its own key, and starts from it
whenever the editor is drawn afresh (first visit, back from another page, facts loaded).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import streamlit as st

from assistant.renewal.facts import Stakeholder, UsageMetric

TREND = ["up", "flat", "down"]
ROLES = ["executive_sponsor", "champion", "economic_buyer", "admin", "user", "procurement", "other"]
SENTIMENT = ["positive", "neutral", "negative"]
CHANGE = ["none", "joined", "left"]

USAGE_COLUMNS: dict[str, Any] = {
    "name": st.column_config.TextColumn("Metric", required=True, width="large"),
    "value": st.column_config.NumberColumn("Value", min_value=0),
    "unit": st.column_config.TextColumn("Unit"),
    "trend": st.column_config.SelectboxColumn("Trend", options=TREND, default="flat"),
    "limit": st.column_config.NumberColumn("Limit", min_value=0, help="Contracted or plan limit, if any."),
}
STAKEHOLDER_COLUMNS: dict[str, Any] = {
    "name": st.column_config.TextColumn("Name", required=True),
    "title": st.column_config.TextColumn("Title", width="medium"),
    "role": st.column_config.SelectboxColumn("Role", options=ROLES, default="other"),
    "sentiment": st.column_config.SelectboxColumn("Sentiment", options=SENTIMENT, default="neutral"),
    "change": st.column_config.SelectboxColumn("Change", options=CHANGE, default="none"),
    "date": st.column_config.DateColumn("Changed on", format="YYYY-MM-DD"),
}
TABLES = {"usage": USAGE_COLUMNS, "stakeholders": STAKEHOLDER_COLUMNS}


def _keys(name: str) -> tuple[str, str, str]:
    version = st.session_state.setdefault(f"renewal_{name}_version", 0)
    return f"renewal_{name}_base", f"renewal_{name}_latest", f"renewal_{name}_editor_{version}"


def empty_frame(name: str) -> pd.DataFrame:
    """A table with its columns and no rows (dates as datetimes, numbers as floats)."""
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in TABLES[name]})
    for column in ("value", "limit"):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


def kept_table(name: str) -> pd.DataFrame:
    """Draw the editable table and return its rows as edited so far."""
    base_key, latest_key, editor_key = _keys(name)
    if editor_key not in st.session_state:
        st.session_state[base_key] = st.session_state.get(latest_key, empty_frame(name))
    edited = st.data_editor(
        st.session_state[base_key],
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        column_config=TABLES[name],
        column_order=list(TABLES[name]),
        width="stretch",
    )
    st.session_state[latest_key] = edited
    return edited


def load_table(name: str, rows: list[dict[str, Any]]) -> None:
    """Replace a table's rows (from loaded facts); the editor is drawn afresh with them."""
    frame = pd.DataFrame(rows, columns=list(TABLES[name])) if rows else empty_frame(name)
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    st.session_state[f"renewal_{name}_latest"] = frame
    st.session_state[f"renewal_{name}_version"] = st.session_state.get(f"renewal_{name}_version", 0) + 1


def _plain(value: Any) -> Any:
    """A cell as plain data: blanks and NaN as None, timestamps as dates, whole floats as ints."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return value.strip() or None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


def table_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The filled-in rows as dicts without blank cells (so the facts' defaults apply)."""
    rows = []
    for record in frame.to_dict("records"):
        row = {str(key): _plain(value) for key, value in record.items()}
        row = {key: value for key, value in row.items() if value is not None}
        if row:
            rows.append(row)
    return rows


def usage_rows(metrics: list[UsageMetric]) -> list[dict[str, Any]]:
    """Usage metrics from facts as table rows."""
    return [metric.model_dump() for metric in metrics]


def stakeholder_rows(people: list[Stakeholder]) -> list[dict[str, Any]]:
    """Stakeholders from facts as table rows (dates kept as dates)."""
    rows = []
    for person in people:
        row = person.model_dump()
        row["date"] = dt.datetime.combine(person.date, dt.time()) if person.date else None
        rows.append(row)
    return rows
