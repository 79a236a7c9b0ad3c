"""Readable terminal output of a qualification report (rich: colour, tables, evidence)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assistant.qualify.render import format_value
from assistant.qualify.schemas import QualificationReport
from assistant.text.terminal import markup_safe, plain

STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "dim", "unfit": "red"}
VERDICT_STYLE = {"sales_qualified": "bold green", "nurture": "bold yellow", "disqualified": "bold red"}
VERDICT_LABEL = {
    "sales_qualified": "SALES QUALIFIED",
    "nurture": "NURTURE",
    "disqualified": "DISQUALIFIED",
}


def _criteria_table(report: QualificationReport) -> Table:
    table = Table(title="Criteria", expand=True)
    table.add_column("criterion", style="bold", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("value", max_width=32, overflow="fold")
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("why", ratio=1, style="dim")
    for name, result in report.criteria.items():
        table.add_row(
            name,
            Text(result.status + (" ⚑" if result.needs_review else ""), style=STATUS_STYLE[result.status]),
            Text(plain(format_value(result))),
            f"{result.confidence:.2f}",
            Text(plain(result.reason)),
        )
    return table


def _evidence(report: QualificationReport) -> Text:
    text = Text("Evidence (verbatim from the notes)\n", style="bold")
    for name, result in report.criteria.items():
        for quote in result.evidence:
            text.append(f"  {name:<9} ", style=STATUS_STYLE[result.status])
            text.append(f"“{plain(quote)}”\n", style="italic")
    return text


def _recommendations(report: QualificationReport) -> Table | Text:
    if not report.recommendations:
        return Text("No specialists to bring in.", style="dim")
    table = Table(title="Bring in", expand=True)
    table.add_column("role", style="bold", no_wrap=True)
    table.add_column("who", no_wrap=True)
    table.add_column("why", ratio=2)
    table.add_column("evidence", ratio=2, style="italic")
    for rec in report.recommendations:
        evidence = "\n".join(f"“{e}”" for e in rec.evidence)
        table.add_row(rec.role, Text(plain(rec.name)), Text(plain(rec.reason)), Text(plain(evidence)))
    return table


def _questions(report: QualificationReport) -> Text:
    text = Text()
    gaps = ", ".join(report.gaps) or "none"
    text.append(f"Gaps: {gaps}\n", style="bold")
    for question in report.next_questions:
        text.append(f"  • {plain(question)}\n")
    if report.citations:
        text.append("Sources: ", style="bold")
        text.append(plain("; ".join(f"{c.source} § {c.section}" for c in report.citations)), style="dim")
    return text


def _review(report: QualificationReport) -> list[Text]:
    """What to check before trusting the verdict, right under it."""
    if not report.needs_review:
        return []
    text = Text("Needs review before acting on this verdict:\n", style="bold magenta")
    for line in report.review or ["a reading is unsure"]:
        text.append(f"  • {plain(line)}\n")
    return [text]


def render_report(report: QualificationReport, console: Console) -> None:
    """Print the verdict banner, the criteria table, gaps and questions, and specialists."""
    banner = Text(
        f"{VERDICT_LABEL[report.verdict]}  ·  score {report.score:g}/100", style=VERDICT_STYLE[report.verdict]
    )
    subtitle = f"engine: {markup_safe(report.engine)}"
    if report.metadata:
        subtitle += f" · call date {report.metadata.call_date.isoformat()}"
    if report.needs_review:
        banner.append("  ·  NEEDS REVIEW", style="bold magenta")
    parts: list[Panel | Table | Text] = [
        Panel(banner, subtitle=subtitle, expand=True),
        *_review(report),
        _criteria_table(report),
        _evidence(report),
        _questions(report),
        _recommendations(report),
    ]
    for warning in report.warnings:
        parts.append(Text(f"warning: {plain(warning)}", style="yellow"))
    console.print(Group(*parts))
