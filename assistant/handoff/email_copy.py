"""The brief as an e-mail to paste: plain text, no citations, no Markdown escapes.

The cited Markdown (render.py) stays the record; this copy is what a CSM or renewal rep reads in
their inbox. It is plain text (nothing in it is rendered), so notes' words appear as written; the
CLI prints it through the terminal escaper and the UI shows it in a code block.
"""

from __future__ import annotations

from assistant.handoff.render import SECTION_TITLES
from assistant.handoff.schemas import SECTIONS, STAKEHOLDER_ROLE_LABELS, AgendaItem, TransitionBrief

_TEAM = {"account_executive": "Account executive", "csm": "CSM", "renewal_rep": "Renewal rep"}


def _block(title: str, lines: list[str]) -> list[str]:
    return [title, *lines, ""] if lines else []


def _agenda(items: list[AgendaItem]) -> list[str]:
    return [f"{number}. {item.text}" for number, item in enumerate(items, 1)]


def _people(brief: TransitionBrief) -> list[str]:
    lines = []
    for person in brief.stakeholders:
        title = f", {person.title}" if person.title else ""
        roles = ", ".join(STAKEHOLDER_ROLE_LABELS[role] for role in person.roles) or "contact"
        lines.append(f"- {person.name}{title}: {roles}")
    return lines


def render_email(brief: TransitionBrief) -> str:
    """Subject, TL;DR, the sections that have lines, people, questions, both agendas and the team."""
    out = [f"Subject: Handoff: {brief.account}", "", "TL;DR"]
    out += [f"- {line.text}" for line in brief.tldr] + [""]
    for name in SECTIONS:
        lines = [
            f"- {line.text}" + (f" (due {line.due.isoformat()})" if line.due else "")
            for line in brief.section(name)
        ]
        out += _block(SECTION_TITLES[name], lines)
    out += _block("Stakeholders", _people(brief))
    out += _block("Open questions for the AE", [f"- {q}" for q in brief.open_questions])
    out += _block("Internal transition meeting (AE and CSM)", _agenda(brief.internal_meeting_agenda))
    out += _block("Customer intro call", _agenda(brief.intro_call_agenda))
    team = [f"- {_TEAM[a.role]}: {a.name}" + (f" ({a.email})" if a.email else "") for a in brief.assignments]
    out += _block("Team after signature", team)
    out += [f"Land-and-expand holdout: {brief.holdout.reason}", ""]
    out.append(
        f"The cited brief (every line with its source) is saved in the account's history ({brief.generated_on.isoformat()})."
    )
    return "\n".join(out).rstrip() + "\n"
