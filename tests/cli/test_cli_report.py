"""The terminal report: a table from 100 columns, one block per criterion below, labelled questions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console

from assistant.cli.report import render_report
from assistant.qualify.schemas import QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings

HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
NEXT_STEPS = HALVORSEN + "\nNext steps: Ingrid to send the audit findings by Nov 20.\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> QualificationReport:
    assistant = Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))
    return assistant.qualify(NEXT_STEPS, dt.date(2026, 11, 10))


def printed(report: QualificationReport, width: int) -> str:
    stream = io.StringIO()
    render_report(report, Console(file=stream, width=width, color_system=None))
    return stream.getvalue()


@pytest.mark.parametrize(
    ("width", "table"), [(60, False), (80, False), (99, False), (100, True), (140, True)]
)
def test_criteria_stack_below_100_columns_and_form_a_table_from_100(
    report: QualificationReport, width: int, table: bool
) -> None:
    text = printed(report, width)
    assert ("┏" in text) is table
    assert all(len(line) <= width for line in text.splitlines())
    if table:
        assert "Evidence (verbatim from the notes)\n" in text
    else:
        for label in ("Title (authority)  met", "Budget  met", "  value ", "  why ", "  evidence "):
            assert label in text
        assert "  value    180,000 USD" in text


def test_summary_and_action_items_are_printed(report: QualificationReport) -> None:
    text = printed(report, 120)
    assert "Summary (from the notes)" in text and "Call with Ingrid Halvorsen" in text
    assert "Action items (from the notes)" in text
    assert "send the audit findings by Nov 20" in text
    assert "who: Ingrid" in text and "when: by Nov 20 (due 2026-11-20)" in text


@pytest.mark.parametrize(
    ("gaps", "questions", "expected", "absent"),
    [
        ([], [], "Gaps: none\n", "Next questions"),
        ([], ["Who else signs?"], "Gaps: none\nNext questions\n  • Who else signs?", ""),
        (["budget"], ["Is there a budget?"], "Gaps: budget\nNext questions\n  • Is there a budget?", ""),
    ],
)
def test_questions_always_come_under_their_header(
    report: QualificationReport, gaps: list[str], questions: list[str], expected: str, absent: str
) -> None:
    shown = report.model_copy(update={"gaps": gaps, "next_questions": questions})
    text = printed(shown, 120)
    assert expected in text
    assert not absent or absent not in text
    assert "Gaps: none\n  •" not in text
