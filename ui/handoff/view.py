"""How a transition brief looks on screen: sections line by line with their sources, people, meetings.

Every line shows where it came from (the source's label and the verbatim quote), so the CSM can
check it against the notes. Text from notes or a model is escaped before `st.markdown`.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from assistant.handoff import TransitionBrief
from assistant.handoff.render import SECTION_TITLES
from assistant.handoff.schemas import SECTIONS, AgendaItem, BriefLine, SourceRef
from assistant.text.markdown import escape_streamlit
from ui.account_picker import account_file_name
from ui.common import offer_download

NODE_LABELS = {
    "gather_sources": "Gathered the saved calls, deal notes and qualification",
    "read_deal": "Read the deal: what was sold, promised, and who is who",
    "verify_lines": "Checked every line's quote against its source",
    "assign_team": "Chose the CSM and renewal rep from the roster",
    "retrieve_playbooks": "Searched the transition playbook",
    "draft_agendas": "Drafted the open questions and both meetings' agendas",
    "compose_brief": "Wrote the brief",
}
TEAM_TITLES = {
    "account_executive": "Account executive",
    "csm": "Customer success manager",
    "renewal_rep": "Renewal rep",
}


def source_labels(brief: TransitionBrief) -> dict[str, str]:
    """A readable label per source id ("deal notes 2026-11-20"), as the Markdown refers to them."""
    return {source.id: source.label for source in brief.sources}


def sources_caption(refs: list[SourceRef], labels: dict[str, str], text: str = "") -> str:
    """`↳ [label] “quote”` for each reference ("word for word" when the line is the quote), escaped."""
    said = " ".join(text.split())
    parts = []
    for ref in refs:
        quote = " ".join(ref.quote.split())
        parts.append(
            f"[{labels.get(ref.source_id, ref.source_id)}] "
            + ("word for word" if quote == said else f"“{quote}”")
        )
    return "↳ " + escape_streamlit("; ".join(parts))


def cited_item(
    text: str, refs: list[SourceRef], labels: dict[str, str], *, marker: str = "-", after: str = ""
) -> str:
    """One list item: the line (then `after`, plain), and under it in small grey type its sources."""
    return (
        f"{marker} {escape_streamlit(text)}{after}  \n  :small[:gray[{sources_caption(refs, labels, text)}]]"
    )


def _line(line: BriefLine, labels: dict[str, str]) -> str:
    return cited_item(
        line.text, line.sources, labels, after=f" (due {line.due.isoformat()})" if line.due else ""
    )


def render_header(brief: TransitionBrief, record_id: int | None, read_warnings: list[str]) -> None:
    """Title, how it was made and whether it is filed, anything degraded, then the TL;DR."""
    st.subheader(f"Transition brief: {escape_streamlit(brief.account)}")
    filed = f"saved as record #{record_id}" if record_id is not None else "not saved yet"
    st.caption(
        f"Generated {brief.generated_on.isoformat()} by the {escape_streamlit(brief.engine)} engine from "
        f"{len(brief.sources)} source(s) · {filed}" + (" · edited" if brief.edited_markdown else "")
    )
    for warning in [*read_warnings, *brief.warnings]:
        st.warning(escape_streamlit(warning), icon=":material/warning:")
    render_tldr(brief)


def render_tldr(brief: TransitionBrief) -> None:
    """The five-line TL;DR, each fact line with its sources."""
    if not brief.tldr:  # a brief saved before the TL;DR existed
        return
    labels = source_labels(brief)
    st.markdown("#### TL;DR")
    st.markdown(
        "\n".join(
            cited_item(line.text, line.sources, labels)
            if line.sources
            else f"- {escape_streamlit(line.text)}"
            for line in brief.tldr
        )
    )


def render_downloads(brief: TransitionBrief, markdown: str, email: str) -> None:
    """The cited Markdown (as edited), the JSON record, and the e-mail copy without citations."""
    markdown_column, json_column, email_column = st.columns(3)
    name = partial(account_file_name, brief.account)
    offer_download(
        markdown_column,
        "Download Markdown",
        markdown,
        name("handoff-brief", "md"),
        "handoff_download_markdown",
    )
    offer_download(
        json_column,
        "Download JSON",
        brief.model_dump_json(indent=2),
        name("handoff-brief", "json"),
        "handoff_download_json",
    )
    offer_download(
        email_column, "Download e-mail copy", email, name("handoff-email", "txt"), "handoff_download_email"
    )
    with st.expander("E-mail copy (no citations; the cited brief stays the record)"):
        st.code(email, language=None, wrap_lines=True)


def render_sections(brief: TransitionBrief) -> None:
    """Each section of the brief, each line followed by its sources."""
    labels = source_labels(brief)
    for name in SECTIONS:
        st.markdown(f"#### {SECTION_TITLES[name]}")
        lines = brief.section(name)
        if lines:
            st.markdown("\n".join(_line(line, labels) for line in lines))
        else:
            st.caption("Not in the sources (see the open questions).")


def render_questions(brief: TransitionBrief, record_id: int | None) -> None:
    """The open questions for the AE as a checklist (ticks last for the session)."""
    if not brief.open_questions:
        st.caption("None: the sources cover every part of the handoff.")
    for number, question in enumerate(brief.open_questions):
        st.checkbox(escape_streamlit(question), key=f"typed_handoff_question_{record_id or 'new'}_{number}")


def render_people(brief: TransitionBrief) -> None:
    """Stakeholders and our team as tables, and whether the AE keeps the account."""
    labels = source_labels(brief)
    _render_stakeholders(brief, labels)
    _render_team(brief, labels)
    st.markdown("#### Land-and-expand holdout")
    verdict = "Keep with the AE" if brief.holdout.keep else "Hand over fully"
    st.markdown(f"**{verdict}.** {escape_streamlit(brief.holdout.reason)}")
    if brief.holdout.sources:
        st.caption(sources_caption(brief.holdout.sources, labels))


def _render_stakeholders(brief: TransitionBrief, labels: dict[str, str]) -> None:
    """The customer's people with their roles and the quote each was read from."""
    st.markdown("#### Stakeholders")
    if brief.stakeholders:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Name": person.name,
                        "Title": person.title,
                        "Roles": ", ".join(role.replace("_", " ") for role in person.roles) or "contact",
                        "Source": "; ".join(
                            f"[{labels.get(r.source_id, r.source_id)}] {r.quote}" for r in person.sources
                        ),
                    }
                    for person in brief.stakeholders
                ]
            ),
            hide_index=True,
            key="handoff_stakeholders",
        )
    else:
        st.caption("No stakeholders named in the sources (see the open questions).")


def _render_team(brief: TransitionBrief, labels: dict[str, str]) -> None:
    """Who takes the account after signature, and why each was picked."""
    st.markdown("#### Team after signature")
    if brief.assignments:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Role": TEAM_TITLES[a.role],
                        "Name": a.name,
                        "Email": a.email,
                        "Why": a.reason,
                        "Source": "; ".join(
                            f"[{labels.get(r.source_id, r.source_id)}] {r.quote}" for r in a.sources
                        ),
                    }
                    for a in brief.assignments
                ]
            ),
            hide_index=True,
            key="handoff_team",
        )
    else:
        st.caption("Nobody on the roster fits; assign by hand.")


def _agenda(items: list[AgendaItem], labels: dict[str, str]) -> None:
    lines = []
    for number, item in enumerate(items, start=1):
        if item.sources:
            lines.append(cited_item(item.text, item.sources, labels, marker=f"{number}."))
        else:
            playbook = (
                f"  \n  :small[:gray[↳ playbook: {escape_streamlit(item.guidance)}]]" if item.guidance else ""
            )
            lines.append(f"{number}. {escape_streamlit(item.text)}{playbook}")
    st.markdown("\n".join(lines) or "Nothing to add.")


def render_meetings(brief: TransitionBrief) -> None:
    """The internal transition meeting and the customer intro call, point by point."""
    labels = source_labels(brief)
    st.markdown("#### Internal transition meeting (AE and CSM)")
    _agenda(brief.internal_meeting_agenda, labels)
    st.markdown("#### Customer intro call (customer, AE, CSM, renewal rep)")
    _agenda(brief.intro_call_agenda, labels)


def render_sources(brief: TransitionBrief) -> None:
    """What the brief was built from, and the playbook passages its agendas follow."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Label": source.label,
                    "Kind": source.kind.replace("_", " "),
                    "Date": source.date.isoformat() if source.date else "",
                    "Id": source.id,
                }
                for source in brief.sources
            ]
        ),
        hide_index=True,
        key="handoff_sources",
    )
    for citation in brief.citations:
        with st.expander(escape_streamlit(f"{citation.source} § {citation.section}")):
            st.markdown("  \n".join(escape_streamlit(line) for line in citation.text.split("\n")))


def render_brief(brief: TransitionBrief, record_id: int | None) -> None:
    """The brief in tabs: sections, open questions, people, meetings, sources."""
    tabs = st.tabs(
        ["Brief", f"Open questions ({len(brief.open_questions)})", "People", "Meetings", "Sources"]
    )
    with tabs[0]:
        render_sections(brief)
    with tabs[1]:
        render_questions(brief, record_id)
    with tabs[2]:
        render_people(brief)
    with tabs[3]:
        render_meetings(brief)
    with tabs[4]:
        render_sources(brief)
