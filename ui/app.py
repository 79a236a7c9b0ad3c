"""The Streamlit app: page config, navigation, sidebar. Run `sales-assistant ui`."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts only ui/ on the path
    sys.path.insert(0, str(ROOT))

from ui.auth import password_gate  # noqa: E402
from ui.common import current_settings, readable_errors, render_sidebar  # noqa: E402

PAGES = Path(__file__).resolve().parent / "views"  # not "pages/", which turns on Streamlit's folder mode

st.set_page_config(page_title="Sales assistant", page_icon=":material/fact_check:", layout="wide")

unlocked = password_gate()  # with ASSISTANT_UI_PASSWORD set, no page runs until it is typed
navigation = st.navigation(
    [
        st.Page(PAGES / "qualify.py", title="Qualify", icon=":material/fact_check:", default=True),
        st.Page(PAGES / "handoff_brief.py", title="Handoff brief", icon=":material/handshake:"),
        st.Page(PAGES / "renewal_plan.py", title="Renewal plan", icon=":material/event_repeat:"),
        st.Page(PAGES / "playbook_library.py", title="Playbook library", icon=":material/menu_book:"),
        st.Page(PAGES / "rubric_and_roster.py", title="Rubric and roster", icon=":material/tune:"),
        st.Page(PAGES / "insights.py", title="Insights", icon=":material/insights:"),
    ],
    position="sidebar" if unlocked else "hidden",
)
if not unlocked:
    st.stop()
with readable_errors("Reading the settings"):
    render_sidebar(current_settings())
navigation.run()
