"""The brief as Markdown to paste into an email or a CRM note: headings, bullets, short source refs.

Text from the notes is escaped (no raw HTML, no stray emphasis or links), every line ends with
its sources as [deal notes 2026-11-20]-style refs, and open questions are a checklist.
"""

from __future__ import annotations

from assistant.handoff.schemas import (
    SECTIONS,
    STAKEHOLDER_ROLE_LABELS,
    AgendaItem,
    BriefLine,
    Section,
    SourceRef,
    Stakeholder,
    TransitionBrief,
)
from assistant.text.markdown import escape_inline

SECTION_TITLES: dict[Section, str] = {
    "snapshot": "Account snapshot",
    "why_they_bought": "Why they bought",
    "sold": "What was sold",
    "commitments": "Commitments made in the sale",
    "success_criteria": "Success criteria",
    "first_90_days": "First 90 days",
    "technical_context": "Technical context",
    "risks": "Risks and churn signals",
    "open_items": "Open items",
}
_TEAM_NAMES = {
    "account_executive": "Account executive",
    "csm": "Customer success manager",
    "renewal_rep": "Renewal rep",
}


class _Refs:
    """Short reference labels per source id, made unique when two sources share a label."""

    def __init__(self, brief: TransitionBrief) -> None:
        seen: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        for source in brief.sources:
            count = seen[source.label] = seen.get(source.label, 0) + 1
            self.labels[source.id] = source.label if count == 1 else f"{source.label} #{count}"

    def __call__(self, refs: list[SourceRef]) -> str:
        names = list(dict.fromkeys(self.labels.get(ref.source_id, ref.source_id) for ref in refs))
        return " ".join(f"[{escape_inline(name)}]" for name in names)


def _line(line: BriefLine, refs: _Refs) -> str:
    due = f" (due {line.due.isoformat()})" if line.due else ""
    return f"- {escape_inline(line.text)}{due} {refs(line.sources)}"


def _stakeholder(person: Stakeholder, refs: _Refs) -> str:
    title = f", {escape_inline(person.title)}" if person.title else ""
    roles = ", ".join(STAKEHOLDER_ROLE_LABELS[role] for role in person.roles) or "contact"
    return f"- **{escape_inline(person.name)}**{title}: {roles} {refs(person.sources)}"


def _agenda(items: list[AgendaItem], refs: _Refs) -> list[str]:
    out = []
    for number, item in enumerate(items, 1):
        cited = f" {refs(item.sources)}" if item.sources else ""
        out.append(f"{number}. {escape_inline(item.text)}{cited}")
    return out


def _section(brief: TransitionBrief, name: Section, refs: _Refs) -> list[str]:
    lines = brief.section(name)
    body = [_line(line, refs) for line in lines] or ["- Not in the sources (see the open questions)."]
    return [f"## {SECTION_TITLES[name]}", "", *body, ""]


def _team(brief: TransitionBrief, refs: _Refs) -> list[str]:
    out = ["## Team after signature", ""]
    for assignment in brief.assignments:
        email = f" ({escape_inline(assignment.email)})" if assignment.email else ""
        cited = f" {refs(assignment.sources)}" if assignment.sources else ""
        out.append(
            f"- {_TEAM_NAMES[assignment.role]}: **{escape_inline(assignment.name)}**{email}: "
            f"{escape_inline(assignment.reason)}{cited}"
        )
    return [*out, ""] if brief.assignments else [*out, "- Nobody on the roster fits; assign by hand.", ""]


def _holdout(brief: TransitionBrief, refs: _Refs) -> list[str]:
    verdict = "Keep with the AE" if brief.holdout.keep else "Hand over fully"
    cited = f" {refs(brief.holdout.sources)}" if brief.holdout.sources else ""
    return [
        "## Land-and-expand holdout",
        "",
        f"**{verdict}.** {escape_inline(brief.holdout.reason)}{cited}",
        "",
    ]


def render_markdown(brief: TransitionBrief) -> str:
    """The whole brief, section by section, ready to paste."""
    refs = _Refs(brief)
    out = _heading(brief, refs) + _tldr(brief, refs)
    out += _section(brief, "snapshot", refs) + _section(brief, "why_they_bought", refs)
    out += _stakeholders(brief, refs)
    for name in SECTIONS[2:]:
        out += _section(brief, name, refs)
    out += _open_questions(brief) + _meetings(brief, refs)
    out += _team(brief, refs) + _holdout(brief, refs)
    out += _passages_and_warnings(brief)
    return "\n".join(out).rstrip() + "\n"


def _heading(brief: TransitionBrief, refs: _Refs) -> list[str]:
    """The title line and where the brief came from, so a pasted brief names its sources."""
    sources = "; ".join(
        f"[{escape_inline(refs.labels[s.id])}] {s.kind.replace('_', ' ')}" for s in brief.sources
    )
    return [
        f"# Transition brief: {escape_inline(brief.account)}",
        "",
        f"Generated {brief.generated_on.isoformat()} by the {escape_inline(brief.engine)} engine. Sources: {sources}.",
        "",
    ]


def _tldr(brief: TransitionBrief, refs: _Refs) -> list[str]:
    """The five-line TL;DR, each line citing the brief lines it summarises."""
    if not brief.tldr:  # a brief saved before the TL;DR existed
        return []
    lines = [
        f"- {escape_inline(line.text)}" + (f" {refs(line.sources)}" if line.sources else "")
        for line in brief.tldr
    ]
    return ["## TL;DR", "", *lines, ""]


def _stakeholders(brief: TransitionBrief, refs: _Refs) -> list[str]:
    """The stakeholder list, or a pointer to the open questions when the sources name nobody."""
    return [
        "## Stakeholders",
        "",
        *(
            [_stakeholder(p, refs) for p in brief.stakeholders]
            or ["- Not in the sources (see the open questions)."]
        ),
        "",
    ]


def _open_questions(brief: TransitionBrief) -> list[str]:
    """The questions for the AE as a checklist, so the CSM can tick them off."""
    return [
        "## Open questions for the AE",
        "",
        *(
            [f"- [ ] {escape_inline(q)}" for q in brief.open_questions]
            or ["- None: the sources cover every part of the handoff."]
        ),
        "",
    ]


def _meetings(brief: TransitionBrief, refs: _Refs) -> list[str]:
    """The two meeting agendas: the internal handover first, then the customer intro call."""
    return [
        "## Internal transition meeting (AE and CSM)",
        "",
        *_agenda(brief.internal_meeting_agenda, refs),
        "",
        "## Customer intro call (customer, AE, CSM, renewal rep)",
        "",
        *_agenda(brief.intro_call_agenda, refs),
        "",
    ]


def _passages_and_warnings(brief: TransitionBrief) -> list[str]:
    """The playbook passages used and the warnings, each only when there are any."""
    out: list[str] = []
    if brief.citations:
        out += [
            "## Playbook passages used",
            "",
            *(f"- {escape_inline(c.source)} § {escape_inline(c.section)}" for c in brief.citations),
            "",
        ]
    if brief.warnings:
        out += ["## Warnings", "", *(f"- {escape_inline(w)}" for w in brief.warnings), ""]
    return out
