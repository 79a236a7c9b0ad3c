"""A qualification report as Markdown to paste into an email, a CRM note or a ticket.

Everything that came from the notes or a document is escaped (see `markdown_text`), so the
pasted report shows what the prospect said and cannot pull images or inject links.
"""

from __future__ import annotations

from assistant.domain import CriterionName, Money, Role, Status, Verdict
from assistant.qualify.criteria import criteria
from assistant.qualify.schemas import CriterionResult, Override, QualificationReport
from assistant.text.markdown import escape_inline, fenced

VERDICT_TITLE: dict[Verdict, str] = {
    "sales_qualified": "Sales qualified",
    "nurture": "Nurture",
    "disqualified": "Disqualified",
}
CRITERION_TITLE: dict[CriterionName, str] = {criterion.name: criterion.label for criterion in criteria()}
STATUS_TITLE: dict[Status, str] = {"met": "met", "partial": "partial", "missing": "missing", "unfit": "unfit"}
ROLE_TITLE: dict[Role, str] = {
    "specialist_ae": "Specialist AE",
    "sales_engineer": "Sales engineer",
    "industry_expert": "Industry expert",
    "channel_ae": "Channel AE",
    "csm": "Customer success manager",
    "renewal_rep": "Renewal rep",
}


def format_value(result: CriterionResult) -> str:
    """A value as a person reads it: 200,000 USD, 1,500, 2027-03-31."""
    value = result.value
    if value is None:
        return "—"
    if isinstance(value, Money):
        amount = f"{value.amount:,.0f}"
        if value.amount_max:
            amount += f"–{value.amount_max:,.0f}"
        return f"{'~' if value.approximate else ''}{amount} {value.currency or ''}".strip()
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _value_note(override: Override) -> str:
    """ " (value 450 employees)" for an override that set a value (escaped: a person typed it)."""
    return f" (value {escape_inline(override.value)})" if override.value else ""


def report_to_markdown(
    report: QualificationReport, notes: str | None = None, account: str | None = None
) -> str:
    """The whole report: verdict, summary, criteria with evidence, overrides, gaps and questions,
    action items, people, sources, notes."""
    parts = [
        _heading(report, account),
        _review(report),
        _warnings(report),
        _summary(report),
        _criteria(report),
        _overrides(report),
        _gaps(report),
        _action_items(report),
        _recommendations(report),
        _citations(report),
        _notes(notes),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _heading(report: QualificationReport, account: str | None) -> str:
    title = f"# Qualification: {escape_inline(account)}" if account and account.strip() else "# Qualification"
    facts = [
        f"**{VERDICT_TITLE[report.verdict]}**",
        f"score {report.score:g}/100",
        f"engine {escape_inline(report.engine)}",
    ]
    if report.metadata:
        facts.append(f"call date {report.metadata.call_date.isoformat()}")
        if report.metadata.rubric_version:
            facts.append(f"rubric {escape_inline(report.metadata.rubric_version)}")
    if report.overrides:
        facts.append(f"{len(report.overrides)} override(s)")
    return f"{title}\n\n" + " · ".join(facts)


def _warnings(report: QualificationReport) -> str:
    return "\n".join(f"> **Warning:** {escape_inline(w)}" for w in report.warnings)


def _review(report: QualificationReport) -> str:
    """Right under the verdict: what a person must check before acting on it."""
    if not report.needs_review:
        return ""
    lines = [f"- {escape_inline(line)}" for line in report.review] or ["- a reading is unsure"]
    return "**Needs review before acting on this verdict:**\n\n" + "\n".join(lines)


def _summary(report: QualificationReport) -> str:
    """The notes' own sentences on the prospect's situation (escaped: they are the prospect's words)."""
    if not report.summary:
        return ""
    return f"## Summary\n\n{escape_inline(report.summary)}"


def _criteria(report: QualificationReport) -> str:
    rows = [
        "## Criteria",
        "",
        "| Criterion | Status | Value | Confidence | Evidence |",
        "|---|---|---|---|---|",
    ]
    overridden = {o.criterion for o in report.overrides}
    for name, result in report.criteria.items():
        status = STATUS_TITLE[result.status] + (" (overridden)" if name in overridden else "")
        status += " (needs review)" if result.needs_review else ""
        evidence = " · ".join(f"“{escape_inline(q)}”" for q in result.evidence) or "—"
        rows.append(
            f"| {CRITERION_TITLE[name]} | {status} | {escape_inline(format_value(result))} "
            f"| {result.confidence:.0%} | {evidence} |"
        )
    return "\n".join(rows)


def _overrides(report: QualificationReport) -> str:
    if not report.overrides:
        return ""
    lines = ["## Overrides"]
    for o in report.overrides:
        who = f" by {escape_inline(o.by)}" if o.by else ""
        was = f"{o.previous} → " if o.previous else ""
        lines.append(
            f"- **{CRITERION_TITLE[o.criterion]}**: {was}{report.criteria[o.criterion].status}"
            f"{_value_note(o)}{who}, {o.at:%Y-%m-%d %H:%M} UTC: {escape_inline(o.reason)}"
        )
    return "\n".join(lines)


def _gaps(report: QualificationReport) -> str:
    gaps = ", ".join(CRITERION_TITLE[g] for g in report.gaps) or "none"
    lines = ["## Gaps and next questions", "", f"Gaps: {gaps}"]
    if report.next_questions:
        lines += ["", "**Next questions:**", ""]
        lines.extend(f"- {escape_inline(q)}" for q in report.next_questions)
    return "\n".join(lines)


def _action_items(report: QualificationReport) -> str:
    if not report.action_items:
        return ""
    lines = ["## Action items", ""]
    for item in report.action_items:
        facts = [f"who: {escape_inline(item.who)}"] if item.who else []
        if item.when:
            due = f" (due {item.due.isoformat()})" if item.due else ""
            facts.append(f"when: {escape_inline(item.when)}{due}")
        detail = f" ({'; '.join(facts)})" if facts else ""
        lines.append(f"- {escape_inline(item.what)}{detail}: from the notes “{escape_inline(item.evidence)}”")
    return "\n".join(lines)


def _recommendations(report: QualificationReport) -> str:
    lines = ["## Specialists to bring in", ""]
    if not report.recommendations:
        lines.append("Nobody for now.")
    for rec in report.recommendations:
        quotes = "; ".join(f"“{escape_inline(e)}”" for e in rec.evidence)
        lines.append(
            f"- **{ROLE_TITLE[rec.role]}: {escape_inline(rec.name)}**: {escape_inline(rec.reason)} "
            f"(from the notes: {quotes})"
        )
    return "\n".join(lines)


def _citations(report: QualificationReport) -> str:
    if not report.citations:
        return ""
    lines = ["## Playbook passages used", ""]
    for c in report.citations:
        lines.append(f"- {escape_inline(c.source)} § {escape_inline(c.section)}: {escape_inline(c.text)}")
    return "\n".join(lines)


def _notes(notes: str | None) -> str:
    if not notes or not notes.strip():
        return ""
    return "## Call notes\n\n" + fenced(notes.strip("\n"))
