"""The rubric and roster page's form plumbing: tables in and out, edits from widgets, preview rows.

Widget keys carry a version that a save bumps, so after saving the form starts again from the
file; until then every value typed stays in `st.session_state`, through errors and reruns.
"""

from __future__ import annotations

from typing import Any, get_args

import pandas as pd
import streamlit as st

from assistant.domain import CRITERIA
from assistant.knowledge.edit import (
    INDUSTRY_COLUMNS,
    PERSON_LIST_FIELDS,
    PERSON_TEXT_FIELDS,
    industries_from_table,
)
from assistant.knowledge.edit import people_from_table as people_from_rows
from assistant.knowledge.schemas import PersonRole
from assistant.qualify.rescore import RescorePreview
from ui.enablement.shared import table_rows

PAGE = "rubric"
RUBRIC_VERSION = "rubric_form_version"
ROSTER_VERSION = "roster_form_version"
PREVIEW_KEY = "rubric_preview_result"
TIERS = ["target", "other", "excluded"]
ROLES = list(get_args(PersonRole))
THRESHOLDS: dict[str, tuple[str, ...]] = {
    "size": ("met_min", "partial_min"),
    "budget": ("met_min", "unfit_below"),
    "timeline": ("met_within_months", "partial_within_months"),
}


def rubric_key(name: str) -> str:
    """A rubric widget's key, e.g. rubric_v0_size_met_min."""
    return f"rubric_v{st.session_state.get(RUBRIC_VERSION, 0)}_{name}"


def roster_key() -> str:
    """The roster table's key, e.g. roster_v0_people."""
    return f"roster_v{st.session_state.get(ROSTER_VERSION, 0)}_people"


def industries_frame(rubric_tree: dict[str, Any]) -> pd.DataFrame:
    """The industries as the table edits them (keywords as a list column)."""
    rows = [
        {column: item.get(column, [] if column == "keywords" else "") for column in INDUSTRY_COLUMNS}
        for item in rubric_tree.get("industries", [])
    ]
    return pd.DataFrame(rows, columns=list(INDUSTRY_COLUMNS))


def people_frame(roster_tree: dict[str, Any]) -> pd.DataFrame:
    """The roster's people as the table edits them (one list column per list field)."""
    columns = [*PERSON_TEXT_FIELDS, *PERSON_LIST_FIELDS]
    defaults: dict[str, Any] = {name: [] for name in PERSON_LIST_FIELDS} | {"languages": ["en"]}
    rows = [
        {name: person.get(name, defaults.get(name, "")) for name in columns}
        for person in roster_tree.get("people", [])
    ]
    return pd.DataFrame(rows, columns=columns)


def rubric_edits(industries: pd.DataFrame, rubric_tree: dict[str, Any]) -> dict[str, Any]:
    """The rubric form's values as edits to rubric.yaml (validated by the Rubric model on apply);
    verdict rules the form does not show are kept as the file has them."""
    state = st.session_state
    verdict = {
        **rubric_tree.get("verdict", {}),
        "qualified_min_score": state[rubric_key("qualified_min_score")],
    }
    edits: dict[str, Any] = {
        "weights": {name: state[rubric_key(f"weight_{name}")] for name in CRITERIA},
        "verdict": verdict,
        "industries": industries_from_table(table_rows(industries)),
    }
    for group, fields in THRESHOLDS.items():
        edits[group] = {field: state[rubric_key(f"{group}_{field}")] for field in fields}
    return edits


def people_edits(people: pd.DataFrame, roster_tree: dict[str, Any]) -> dict[str, Any]:
    """The roster table as an edit to roster.yaml's people."""
    return {"people": people_from_rows(table_rows(people), roster_tree.get("people", []))}


def preview_rows(preview: RescorePreview) -> list[dict[str, Any]]:
    """One row per saved report, those whose verdict changes first."""
    ordered = sorted(preview.reports, key=lambda r: (not r.changed, r.account.lower(), r.saved_at))
    return [
        {
            "Changes verdict": "yes" if report.changed else "",
            "Account": report.account,
            "Saved": report.saved_at.strftime("%Y-%m-%d %H:%M"),
            "Verdict now": report.old_verdict,
            "Verdict if saved": report.new_verdict,
            "Score now": report.old_score,
            "Score if saved": report.new_score,
            "Criteria that change": "; ".join(report.changes),
            "Overrides kept": report.overrides,
        }
        for report in ordered
    ]
