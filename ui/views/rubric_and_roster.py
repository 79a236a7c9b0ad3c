"""Rubric and roster (enablement): edit thresholds, weights, industries and the team; preview, then save."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.domain import CRITERIA
from assistant.knowledge.edit import (
    ROSTER_FILE,
    RUBRIC_FILE,
    load_tree,
    plain,
    preview_roster,
    preview_rubric,
    save_roster,
    save_rubric,
)
from assistant.qualify.rescore import preview_rescore
from assistant.text.markdown import escape_streamlit
from ui.common import current_settings, get_assistant, get_history, readable_errors
from ui.enablement import rubric_actions as form
from ui.enablement.shared import bump_version, flash, show_flashes

st.title("Rubric and roster")
st.caption(
    "Edit what the assistant judges leads by and who it recommends. Every edit is validated by the "
    "same rules as loading; preview which saved reports would change verdict before you save."
)
show_flashes(form.PAGE)

settings = current_settings()
folder = settings.knowledge_dir
loaded = False
with readable_errors("Reading the knowledge files"):
    rubric_tree = plain(load_tree(folder, RUBRIC_FILE))
    roster_tree = plain(load_tree(folder, ROSTER_FILE))
    current = get_assistant().knowledge.rubric
    loaded = True
if not loaded:
    st.stop()

rubric_tab, roster_tab = st.tabs(["Rubric", "Roster"])

with rubric_tab, st.form("rubric_form"):
    st.markdown("**Weights** (any scale: the score is scaled to 0–100)")
    for column, name in zip(st.columns(len(CRITERIA)), CRITERIA, strict=True):
        column.number_input(
            name.title(),
            min_value=0.0,
            value=float(current.weights[name]),
            step=1.0,
            key=form.rubric_key(f"weight_{name}"),
        )
    size_column, budget_column, timeline_column, verdict_column = st.columns(4)
    size_column.markdown("**Size** (employees)")
    size_column.number_input(
        "Met from", min_value=1, value=current.size.met_min, step=10, key=form.rubric_key("size_met_min")
    )
    size_column.number_input(
        "Unfit below",
        min_value=1,
        value=current.size.partial_min,
        step=10,
        key=form.rubric_key("size_partial_min"),
    )
    budget_column.markdown("**Budget** (year one, any currency)")
    budget_column.number_input(
        "Met from",
        min_value=0.0,
        value=float(current.budget.met_min),
        step=1000.0,
        key=form.rubric_key("budget_met_min"),
    )
    budget_column.number_input(
        "Unfit below",
        min_value=0.0,
        value=float(current.budget.unfit_below),
        step=1000.0,
        key=form.rubric_key("budget_unfit_below"),
    )
    timeline_column.markdown("**Timeline** (months to decision)")
    timeline_column.number_input(
        "Met within",
        min_value=0.5,
        value=float(current.timeline.met_within_months),
        step=1.0,
        key=form.rubric_key("timeline_met_within_months"),
    )
    timeline_column.number_input(
        "Partial within",
        min_value=0.5,
        value=float(current.timeline.partial_within_months),
        step=1.0,
        key=form.rubric_key("timeline_partial_within_months"),
    )
    verdict_column.markdown("**Verdict**")
    verdict_column.number_input(
        "Sales-qualified from score",
        min_value=0.0,
        max_value=100.0,
        value=float(current.verdict.qualified_min_score),
        step=1.0,
        key=form.rubric_key("qualified_min_score"),
    )
    st.markdown(
        "**Industries**: target industries meet the criterion, other ones are partial, excluded ones disqualify."
    )
    industries = st.data_editor(
        form.industries_frame(rubric_tree),
        key=form.rubric_key("industries"),
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "key": st.column_config.TextColumn("Key", required=True, help="lower_case_with_underscores"),
            "label": st.column_config.TextColumn("Label", required=True),
            "tier": st.column_config.SelectboxColumn("Tier", options=form.TIERS, required=True),
            "keywords": st.column_config.ListColumn(
                "Keywords", help="Regular expressions, case-insensitive."
            ),
        },
    )
    preview_clicked = st.form_submit_button(
        "Preview verdict changes", key="rubric_preview", icon=":material/preview:"
    )
    save_clicked = st.form_submit_button(
        "Save rubric", key="rubric_save", type="primary", icon=":material/save:"
    )

with rubric_tab:
    if preview_clicked or save_clicked:
        st.session_state.pop(form.PREVIEW_KEY, None)
        with readable_errors("Checking the edited rubric"):
            edits = form.rubric_edits(industries, rubric_tree)
            edited = preview_rubric(folder, edits)
            records = get_history(settings).all_records("qualification")
            st.session_state[form.PREVIEW_KEY] = preview_rescore(
                records, current, edited, max_note_chars=settings.max_note_chars
            )
            if save_clicked:
                save_rubric(folder, edits)
                flash(form.PAGE, "success", f"Saved {RUBRIC_FILE}; new qualifications use it from now on.")
                bump_version(form.RUBRIC_VERSION)
                st.rerun()
    preview = st.session_state.get(form.PREVIEW_KEY)
    if preview is not None:
        st.subheader("Preview: saved reports under the edited rubric")
        if not preview.reports:
            st.info(
                "No saved qualification reports yet: save reports from the Qualify page to see an edit's effect."
            )
        else:
            st.caption(
                f"{len(preview.changed)} of {len(preview.reports)} saved reports would change verdict."
            )
            st.dataframe(
                pd.DataFrame(form.preview_rows(preview)), hide_index=True, key="rubric_preview_table"
            )
        for skipped in preview.skipped:
            st.warning(f"Skipped: {escape_streamlit(skipped)}", icon=":material/warning:")

with roster_tab, st.form("roster_form"):
    st.markdown(
        "**Team members**: industries, product lines and specialties are keys from the knowledge files."
    )
    people = st.data_editor(
        form.people_frame(roster_tree),
        key=form.roster_key(),
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "name": st.column_config.TextColumn("Name", required=True),
            "role": st.column_config.SelectboxColumn("Role", options=form.ROLES, required=True),
            **{
                name: st.column_config.ListColumn(name.replace("_", " ").capitalize())
                for name in ("regions", "industries", "product_lines", "specialties", "languages")
            },
        },
    )
    check_clicked = st.form_submit_button("Check roster", key="roster_check", icon=":material/rule:")
    roster_save_clicked = st.form_submit_button(
        "Save roster", key="roster_save", type="primary", icon=":material/save:"
    )

with roster_tab:
    if check_clicked or roster_save_clicked:
        with readable_errors("Checking the roster"):
            roster_edits = form.people_edits(people, roster_tree)
            roster = preview_roster(folder, roster_edits)
            if roster_save_clicked:
                save_roster(folder, roster_edits)
                flash(form.PAGE, "success", f"Saved {ROSTER_FILE} with {len(roster.people)} people.")
                bump_version(form.ROSTER_VERSION)
                st.rerun()
            st.success(f"The roster is valid: {len(roster.people)} people.", icon=":material/check_circle:")
