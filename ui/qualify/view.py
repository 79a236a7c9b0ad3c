"""How a qualification report looks on screen: banner, criterion cards, highlighted notes, people.

Everything from the notes or the playbooks is escaped before it reaches `st.markdown`, so a
note that contains Markdown, HTML or an image link shows as the text it is.
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from assistant.domain import CriterionName, Status
from assistant.qualify.evidence_spans import evidence_segments
from assistant.qualify.render import CRITERION_TITLE, ROLE_TITLE, VERDICT_TITLE, format_value
from assistant.qualify.schemas import CriterionResult, Override, QualificationReport
from assistant.runtime import Assistant
from assistant.text.markdown import escape_streamlit

STATUS_COLOR: dict[Status, str] = {"met": "green", "partial": "orange", "missing": "gray", "unfit": "red"}
NODE_LABELS = {
    "normalise_notes": "Read and cleaned the notes",
    "extract_criteria": "Read the six criteria from the notes",
    "score_criteria": "Scored them against the rubric",
    "recommend": "Chose the specialists to bring in",
    "retrieve_playbooks": "Searched the playbook library",
    "compose_report": "Wrote the report",
}
NBSP = "\u00a0"


def quoted(text: str) -> str:
    """A quote from the notes on one line, escaped, in curly quotes."""
    return f"“{escape_streamlit(' '.join(text.split()))}”"


def render_verdict(report: QualificationReport) -> None:
    """The verdict banner with the score, and how the report was made."""
    banner = f"**{VERDICT_TITLE[report.verdict]}** · score {report.score:g}/100"
    if report.verdict == "sales_qualified":
        st.success(banner, icon=":material/check_circle:")
    elif report.verdict == "nurture":
        st.warning(banner, icon=":material/hourglass_top:")
    else:
        st.error(banner, icon=":material/block:")
    facts = [f"engine {escape_streamlit(report.engine)}"]
    if report.metadata:
        facts.append(f"call date {report.metadata.call_date.isoformat()}")
        facts.append(f"rubric {escape_streamlit(report.metadata.rubric_version)}")
    if report.overrides:
        facts.append(f"{len(report.overrides)} override(s) applied")
    st.caption(" · ".join(facts))
    render_review(report)


def render_review(report: QualificationReport) -> None:
    """Under the verdict: what to check before trusting it (unsure readings, model disagreements)."""
    if not report.needs_review:
        return
    lines = "\n".join(f"- {escape_streamlit(line)}" for line in report.review) or "- a reading is unsure"
    st.warning(f"**Needs review before you act on this verdict**\n\n{lines}", icon=":material/rate_review:")


def render_warnings(report: QualificationReport) -> None:
    """Anything degraded or changed by an override, never silent."""
    for warning in report.warnings:
        st.warning(escape_streamlit(warning), icon=":material/warning:")


def render_criteria(report: QualificationReport) -> None:
    """One card per criterion, three to a row."""
    overrides = {o.criterion: o for o in report.overrides}
    names = list(report.criteria)
    for row in (names[:3], names[3:]):
        for column, name in zip(st.columns(3), row, strict=False):
            with column:
                _criterion_card(name, report.criteria[name], overrides.get(name))


def _criterion_card(name: CriterionName, result: CriterionResult, override: Override | None) -> None:
    with st.container(border=True, key=f"criterion_card_{name}"):
        badges = f":{STATUS_COLOR[result.status]}-badge[{result.status}]"
        if override:
            badges += " :violet-badge[overridden]"
        if result.needs_review:
            badges += " :orange-badge[needs review]"
        st.markdown(f"**{CRITERION_TITLE[name]}** {badges}")
        st.markdown(f"**Value:** {escape_streamlit(format_value(result))}")
        st.progress(result.confidence, text=f"Confidence {result.confidence:.0%}")
        if result.reason:
            st.caption(escape_streamlit(result.reason))
        if result.needs_review and result.review_reason:
            st.caption(f"Check: {escape_streamlit(result.review_reason)}")
        for quote in result.evidence:
            st.markdown(f":{STATUS_COLOR[result.status]}-background[{quoted(quote)}]")
        if override:
            who = f" by {escape_streamlit(override.by)}" if override.by else ""
            value = f" (value {escape_streamlit(override.value)})" if override.value else ""
            st.caption(
                f"Overridden from {override.previous or '?'}{value}{who}: {escape_streamlit(override.reason)}"
            )


def highlighted_notes(notes: str, report: QualificationReport) -> str:
    """The notes as Streamlit Markdown: escaped, line breaks kept, evidence in its status colour."""
    lines: list[str] = [""]
    for segment in evidence_segments(notes, report):
        color = STATUS_COLOR[report.criteria[segment.criteria[0]].status] if segment.criteria else None
        for index, piece in enumerate(segment.text.split("\n")):
            if index:
                lines.append("")
            lines[-1] += _marked(piece, color)
    return "  \n".join(lines)


def _marked(piece: str, color: str | None) -> str:
    stripped = piece.lstrip(" \t")
    lead = NBSP * (len(piece) - len(stripped))  # leading spaces would start a code block
    if not stripped.strip():
        return lead + stripped
    escaped = escape_streamlit(stripped)
    return lead + (f":{color}-background[{escaped}]" if color else escaped)


def render_notes(notes: str, report: QualificationReport) -> None:
    """The notes with each criterion's evidence highlighted where it was said."""
    st.caption(
        "Evidence is highlighted in its criterion's status colour: green met, orange partial, red unfit."
    )
    long_notes = notes.count("\n") > 24 or len(notes) > 3000
    with st.container(border=True, height=520 if long_notes else "content", key="qualify_notes_view"):
        st.markdown(highlighted_notes(notes, report))


def render_gaps(report: QualificationReport) -> None:
    """What is still unknown and what to ask next, under its own header."""
    gaps = ", ".join(CRITERION_TITLE[g] for g in report.gaps) or "none"
    st.markdown(f"**Gaps:** {gaps}")
    if report.next_questions:
        st.markdown("**Next questions**")
        st.markdown("\n".join(f"1. {escape_streamlit(q)}" for q in report.next_questions))
    elif report.gaps:
        st.caption("No next questions: the playbooks and the question bank had none for these gaps.")


def render_situation(report: QualificationReport) -> None:
    """The summary: the notes' own sentences on who the prospect is, the problem, money and time."""
    with st.container(border=True, key="qualify_summary"):
        st.markdown("**Summary** (from the notes)")
        if report.summary:
            st.markdown(escape_streamlit(report.summary))
        else:
            st.caption("The notes say too little about the prospect for a summary.")


def render_action_items(report: QualificationReport) -> None:
    """The notes' own next steps: what, who, when (and the date due), each with its clause."""
    if not report.action_items:
        st.caption("The notes give no next steps.")
    for index, item in enumerate(report.action_items):
        with st.container(border=True, key=f"action_item_{index}"):
            st.markdown(f"**{escape_streamlit(item.what)}**")
            facts = [f"who: {escape_streamlit(item.who)}"] if item.who else []
            if item.when:
                due = f" (due {item.due.isoformat()})" if item.due else ""
                facts.append(f"when: {escape_streamlit(item.when)}{due}")
            if facts:
                st.caption(" · ".join(facts))
            st.markdown(quoted(item.evidence))


def render_people(report: QualificationReport) -> None:
    """The specialists to bring in, each with the words in the notes that call for them."""
    if not report.recommendations:
        reason = (
            "a disqualified lead gets none"
            if report.verdict == "disqualified"
            else "nothing in the notes calls for one"
        )
        st.caption(f"No specialists to bring in: {reason}.")
    for rec in report.recommendations:
        with st.container(border=True):
            st.markdown(f"**{ROLE_TITLE[rec.role]}:** {escape_streamlit(rec.name)}")
            st.caption(escape_streamlit(rec.reason))
            st.markdown("  \n".join(quoted(e) for e in rec.evidence))


def render_sources(report: QualificationReport) -> None:
    """The playbook passages the questions and advice came from."""
    if not report.citations:
        st.caption("No playbook passages were used.")
    for citation in report.citations:
        with st.expander(escape_streamlit(f"{citation.source} § {citation.section}")):
            st.markdown("  \n".join(escape_streamlit(line) for line in citation.text.split("\n")))


def render_summary(report: QualificationReport) -> None:
    """Verdict, warnings, the summary and the six criterion cards: what a rep reads first."""
    render_verdict(report)
    render_warnings(report)
    render_situation(report)
    st.subheader("Criteria")
    render_criteria(report)


def render_details(report: QualificationReport, notes: str) -> None:
    """Evidence in context, gaps and questions, action items, people, and the playbook passages."""
    st.subheader("Evidence in the notes")
    render_notes(notes, report)
    left, right = st.columns(2)
    with left:
        st.subheader("Gaps and next questions")
        render_gaps(report)
    with right:
        st.subheader("Action items")
        render_action_items(report)
    st.subheader("People to bring in")
    render_people(report)
    st.subheader("Playbook passages used")
    render_sources(report)


def run_with_progress(assistant: Assistant, notes: str, call_date: dt.date) -> QualificationReport:
    """Qualify with a line of progress as each graph node finishes."""
    report: QualificationReport | None = None
    with st.status("Qualifying the notes…", expanded=True) as progress:
        for node, update in assistant.stream_qualify(notes, call_date):
            progress.write(NODE_LABELS.get(node, node))
            report = update.get("report", report)
        if report is None:
            raise RuntimeError("the qualify graph finished without a report")
        progress.update(label=f"Qualified: {VERDICT_TITLE[report.verdict]}", state="complete", expanded=False)
    return report


def download_name(account: str, suffix: str) -> str:
    """A file name from the account name: letters, digits and dashes only."""
    stem = re.sub(r"[^a-z0-9]+", "-", account.lower()).strip("-")[:60] or "lead"
    return f"{stem}-qualification.{suffix}"
