"""The Renewal plan page's session state: named keys, reading the facts, planning and filing the plan.

Facts come from an uploaded YAML/JSON file, from the form, or from facts saved earlier; all go
through `parse_facts`/`RenewalFacts`, so a bad field reads the same way whichever path it took.
"""

from __future__ import annotations

import streamlit as st

from assistant.account_jobs import AccountJobs
from assistant.history import SavedRecord
from assistant.renewal.facts import FactsError, RenewalFacts, parse_facts
from assistant.renewal.schemas import RenewalPlan
from assistant.text.decoding import InputError, decode_bytes
from assistant.text.markdown import escape_streamlit
from ui.common import error_message, get_assistant, get_history
from ui.renewal.form import facts_from_form, load_into_form

ACCOUNT_PAGE = "renewal"  # typed_renewal_account_pick / typed_renewal_account_new
FACTS_FROM = "typed_renewal_facts_from"
FROM_FILE, FROM_FORM = "Upload a facts file", "Fill in the form"
UPLOAD = "renewal_upload"
PLAN = "renewal_plan"
RECORD_ID = "renewal_record_id"
FACTS_TEXT = "renewal_facts_text"  # the facts the plan was made from, as YAML or JSON
FACTS_NAME = "renewal_facts_name"
MESSAGE = "renewal_message"
PENDING = "renewal_pending"  # (account, facts) of a plan not saved yet


def uploaded_facts() -> tuple[RenewalFacts, str, str]:
    """The uploaded file's facts, its text and its name; FactsError/InputError say what is wrong."""
    file = st.session_state.get(UPLOAD)
    if file is None:
        raise InputError(
            "upload a facts file (YAML or JSON, like examples/halvorsen-renewal-facts.yaml) "
            "or choose Fill in the form"
        )
    text = decode_bytes(file.getvalue(), file.name).text
    return parse_facts(text, file.name), text, file.name


def chosen_facts() -> tuple[RenewalFacts, str, str]:
    """The facts from the path chosen on the page, with their text and a file name for downloads."""
    if st.session_state.get(FACTS_FROM) == FROM_FORM:
        facts, text = facts_from_form()
        return facts, text, "renewal-facts.yaml"
    return uploaded_facts()


def plan(account: str) -> RenewalPlan:
    """Plan from the chosen facts; nothing is filed until the Save button."""
    facts, text, name = chosen_facts()
    account = account or (facts.account or "")
    if not account:
        raise InputError("pick a saved account or type a new account's name at the top of the page")
    jobs = AccountJobs(get_assistant(), get_history())
    account = jobs.display_name(account)
    saved = jobs.plan_renewal(account, facts, save=False)
    st.session_state[PLAN] = saved.result
    st.session_state[RECORD_ID] = None
    st.session_state[PENDING] = (account, facts)
    st.session_state[FACTS_TEXT], st.session_state[FACTS_NAME] = text, name
    return saved.result


def save_plan() -> None:
    """The Save button: file the facts and the plan under the account (once per plan)."""
    pending: tuple[str, RenewalFacts] | None = st.session_state.get(PENDING)
    plan_shown: RenewalPlan | None = st.session_state.get(PLAN)
    if pending is None or plan_shown is None:
        return
    try:
        record = AccountJobs(get_assistant(), get_history()).save_plan(pending[0], pending[1], plan_shown)
    except Exception as exc:
        st.session_state[MESSAGE] = (
            "error",
            error_message("Saving the plan", exc) + " The plan is kept below.",
        )
        return
    st.session_state[RECORD_ID] = record.id
    st.session_state.pop(PENDING, None)
    st.session_state[MESSAGE] = (
        "success",
        f"Saved the facts and the plan to the history of {record.account_name} as record #{record.id}.",
    )


def facts_problems(exc: FactsError) -> str:
    """Every problem of the facts on its own line, field first, escaped for Streamlit Markdown."""
    lines = "\n".join(f"- {escape_streamlit(problem)}" for problem in exc.problems)
    return f"**{escape_streamlit(exc.source)}** cannot be planned from yet. Fix these fields:\n\n{lines}"


def latest_facts(account: str) -> SavedRecord | None:
    """The facts saved with the account's last plan, if any."""
    history = get_history()
    return history.latest(account, "renewal_facts") if account and history.find_account(account) else None


def copy_upload_into_form() -> None:
    """Load the uploaded facts into the form to change them (a button callback)."""
    try:
        facts, _, name = uploaded_facts()
        _fill_form(facts, f"Copied the facts of {name} into the form.")
    except FactsError as exc:
        st.session_state[MESSAGE] = ("error_markdown", facts_problems(exc))
    except Exception as exc:
        st.session_state[MESSAGE] = ("error", error_message("Copying the facts into the form", exc))


def copy_saved_into_form(record: SavedRecord) -> None:
    """Load facts saved earlier into the form (a button callback)."""
    try:
        _fill_form(
            RenewalFacts.model_validate(record.payload),
            f"Filled the form with the facts saved on {record.created_at:%Y-%m-%d}.",
        )
    except Exception as exc:
        st.session_state[MESSAGE] = (
            "error",
            error_message(f"Reading the facts saved as record #{record.id}", exc),
        )


def _fill_form(facts: RenewalFacts, done: str) -> None:
    load_into_form(facts, get_assistant().knowledge)
    st.session_state[FACTS_FROM] = FROM_FORM
    st.session_state[MESSAGE] = ("info", done)
