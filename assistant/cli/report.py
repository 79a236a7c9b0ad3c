"""Readable terminal output of a qualification report (rich: colour, tables, evidence).

A table of six criteria needs room: below `WIDE_COLUMNS` columns its "why" and "value" columns
wrap a word per line, so a narrow terminal gets one block per criterion instead, each with its
name, status, value, why and evidence on lines of their own.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assistant.domain import CriterionName
from assistant.qualify.render import CRITERION_TITLE, format_value
from assistant.qualify.schemas import ActionItem, CriterionResult, QualificationReport
from assistant.text.terminal import markup_safe, plain

STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "dim", "unfit": "red"}
VERDICT_STYLE = {"sales_qualified": "bold green", "nurture": "bold yellow", "disqualified": "bold red"}
VERDICT_LABEL = {
    "sales_qualified": "SALES QUALIFIED",
    "nurture": "NURTURE",
    "disqualified": "DISQUALIFIED",
}
WIDE_COLUMNS = 100
"""From this width on the criteria print as a table; below it, stacked."""
EVIDENCE_TITLE = "Evidence (verbatim from the notes)"


def _status_text(result: CriterionResult) -> Text:
    return Text(result.status + (" ⚑" if result.needs_review else ""), style=STATUS_STYLE[result.status])


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
            _status_text(result),
            Text(plain(format_value(result))),
            f"{result.confidence:.2f}",
            Text(plain(result.reason)),
        )
    return table


def _evidence(report: QualificationReport) -> Text:
    text = Text(f"{EVIDENCE_TITLE}\n", style="bold")
    for name, result in report.criteria.items():
        for quote in result.evidence:
            text.append(f"  {name:<9} ", style=STATUS_STYLE[result.status])
            text.append(f"“{plain(quote)}”\n", style="italic")
    return text


def _fields(rows: list[tuple[str, Text]]) -> Padding:
    """Labelled lines with a hanging indent: wrapped text stays under its own field."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for label, value in rows:
        grid.add_row(label, value)
    return Padding(grid, (0, 0, 0, 2))


def _criterion_block(name: CriterionName, result: CriterionResult) -> Group:
    title = Text(f"{CRITERION_TITLE[name]}  ", style="bold")
    title.append_text(_status_text(result))
    title.append(f"  (confidence {result.confidence:.2f})", style="dim")
    rows = [("value", Text(plain(format_value(result))))]
    if result.reason:
        rows.append(("why", Text(plain(result.reason), style="dim")))
    rows += [
        ("evidence" if index == 0 else "", Text(f"“{plain(quote)}”", style="italic"))
        for index, quote in enumerate(result.evidence)
    ]
    return Group(Text(), title, _fields(rows))


def _criteria_stack(report: QualificationReport) -> Group:
    """One block per criterion for a narrow terminal: every field on lines of its own."""
    head = Text("Criteria\n", style="bold underline")
    head.append(f"{EVIDENCE_TITLE} is quoted under each criterion.", style="dim")
    return Group(head, *(_criterion_block(name, result) for name, result in report.criteria.items()))


def _summary(report: QualificationReport) -> list[RenderableType]:
    """The notes' own words on the prospect's situation, right under the verdict."""
    if not report.summary:
        return []
    return [
        Text("Summary (from the notes)", style="bold"),
        Padding(Text(plain(report.summary)), (0, 0, 1, 2)),
    ]


def _action_rows(item: ActionItem) -> list[tuple[str, Text]]:
    rows = [("•", Text(plain(item.what)))]
    if item.who:
        rows.append(("", Text(f"who: {plain(item.who)}", style="cyan")))
    if item.when:
        due = f" (due {item.due.isoformat()})" if item.due else ""
        rows.append(("", Text(f"when: {plain(item.when)}{due}", style="cyan")))
    rows.append(("", Text(f"“{plain(item.evidence)}”", style="dim italic")))
    return rows


def _action_items(report: QualificationReport) -> list[RenderableType]:
    if not report.action_items:
        return []
    rows = [row for item in report.action_items for row in _action_rows(item)]
    return [Text("Action items (from the notes)", style="bold"), _fields(rows)]


def _recommendation_stack(report: QualificationReport) -> Group:
    """The specialists for a narrow terminal: role and person, then why and the evidence below."""
    blocks: list[RenderableType] = [Text("Bring in", style="bold underline")]
    for rec in report.recommendations:
        rows = [("why", Text(plain(rec.reason)))]
        rows += [
            ("evidence" if i == 0 else "", Text(f"“{plain(e)}”", style="italic"))
            for i, e in enumerate(rec.evidence)
        ]
        blocks += [Text(f"{rec.role}: {plain(rec.name)}", style="bold"), _fields(rows)]
    return Group(*blocks)


def _recommendations(report: QualificationReport, wide: bool) -> RenderableType:
    if not report.recommendations:
        return Text("No specialists to bring in.", style="dim")
    if not wide:
        return _recommendation_stack(report)
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
    """The gaps, then the questions under their own header, so no question stands unlabelled."""
    text = Text()
    gaps = ", ".join(report.gaps) or "none"
    text.append(f"Gaps: {gaps}\n", style="bold")
    if report.next_questions:
        text.append("Next questions\n", style="bold")
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


def _banner(report: QualificationReport) -> Panel:
    banner = Text(
        f"{VERDICT_LABEL[report.verdict]}  ·  score {report.score:g}/100", style=VERDICT_STYLE[report.verdict]
    )
    subtitle = f"engine: {markup_safe(report.engine)}"
    if report.metadata:
        subtitle += f" · call date {report.metadata.call_date.isoformat()}"
    if report.needs_review:
        banner.append("  ·  NEEDS REVIEW", style="bold magenta")
    return Panel(banner, subtitle=subtitle, expand=True)


def render_report(report: QualificationReport, console: Console) -> None:
    """Print the verdict, summary, criteria and specialists (tables from 100 columns, stacked
    below), questions and action items."""
    wide = console.width >= WIDE_COLUMNS
    criteria: list[RenderableType] = (
        [_criteria_table(report), _evidence(report)] if wide else [_criteria_stack(report)]
    )
    parts: list[RenderableType] = [
        _banner(report),
        *_review(report),
        *_summary(report),
        *criteria,
        _questions(report),
        *_action_items(report),
        _recommendations(report, wide),
    ]
    for warning in report.warnings:
        parts.append(Text(f"warning: {plain(warning)}", style="yellow"))
    console.print(Group(*parts))
