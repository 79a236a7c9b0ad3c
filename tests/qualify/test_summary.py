"""The report's summary (verbatim sentences of the notes) and action items (the notes' next steps)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.extract.document import read_notes
from assistant.qualify.render import report_to_markdown
from assistant.qualify.schemas import QualificationReport
from assistant.qualify.summary import action_items, join_sentences, summary_spans
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings

CALL = dt.date(2026, 11, 10)  # a Tuesday
HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
EVAL_DIR = PROJECT_ROOT.parent / "shared" / "eval"
SELLER_PITCH = (
    "Lena Fischer: Hi Marco, Lena from Tallyworks here. Most customers invest around $60k a year.\n"
    "Marco Bianchi: I'm the dispatch manager at Rovelli Trasporti, we're about 350 people.\n"
    "Marco Bianchi: We lose two hours per driver each week reconciling timesheets.\n"
    "Lena Fischer: Do you have 200k approved?\n"
    "Marco Bianchi: Not yet.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))


def eval_notes() -> list[tuple[str, str, dt.date]]:
    """Every labelled case's notes, when the shared evaluation folder is there."""
    cases: list[tuple[str, str, dt.date]] = []
    for name in ("dev.yaml", "dev-formats.yaml"):
        path = EVAL_DIR / name
        if path.exists():
            data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
            cases += [(str(c["id"]), c["notes"], c["call_date"]) for c in data["cases"]]
    return cases


SAMPLES = [("halvorsen", HALVORSEN, CALL), ("seller pitch", SELLER_PITCH, CALL), *eval_notes()]


@pytest.mark.parametrize(("case", "notes", "call_date"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_every_summary_sentence_is_the_notes_own_words(
    assistant: Assistant, case: str, notes: str, call_date: dt.date
) -> None:
    report = assistant.qualify(notes, call_date)
    spans = summary_spans(read_notes(notes), report.criteria, call_date)
    assert len(spans) <= 3
    assert all(span in notes for span in spans), spans
    assert [notes.index(span) for span in spans] == sorted(notes.index(span) for span in spans)
    assert report.summary == join_sentences(spans)


def test_the_summary_tells_who_the_problem_and_the_money_in_note_order(assistant: Assistant) -> None:
    report = assistant.qualify(HALVORSEN, CALL)
    assert report.summary == (
        "Call with Ingrid Halvorsen, SVP Operations at Halvorsen Regional Bank (community banking, about "
        "1,200 employees across 40 branches). Problem: loan document checks are done by hand across three "
        "systems; onboarding a commercial client takes 19 days and they lost two large accounts to faster "
        "competitors this year. Budget: $180k approved for FY27 operations automation."
    )


def test_the_summary_never_quotes_the_seller(assistant: Assistant) -> None:
    report = assistant.qualify(SELLER_PITCH, CALL)
    assert "Tallyworks" not in report.summary and "$60k" not in report.summary
    assert "200k" not in report.summary
    assert report.summary.startswith("I'm the dispatch manager at Rovelli Trasporti")


def test_notes_with_nothing_about_the_prospect_have_no_summary(assistant: Assistant) -> None:
    report = assistant.qualify("Voicemail, no name, no number. Will try again.", CALL)
    assert report.summary == ""


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (
            "Call with Ann Lee, CFO at Foo Bank.\n\nNext steps:\n- Send pricing to Ann by Friday\n"
            "- Demo with the CFO on 3/18\n- f/u next week\n",
            [
                ("Send pricing to Ann by Friday", "", "by Friday", dt.date(2026, 11, 13)),
                ("Demo with the CFO on 3/18", "", "on 3/18", dt.date(2027, 3, 18)),
                ("f/u next week", "", "next week", dt.date(2026, 11, 22)),
            ],
        ),
        (
            "Call with Ann Lee, CFO at Foo Bank (2,000 employees).\nnxt: demo w/ CFO 3/18\n- send pricing\n",
            [("demo w/ CFO 3/18", "", "3/18", dt.date(2027, 3, 18)), ("send pricing", "", "", None)],
        ),
        (
            "Call with Ann Lee.\nAction items: Tom to send the SOC 2 report; Ann to loop in procurement by "
            "end of month.\n",
            [
                ("send the SOC 2 report", "Tom", "", None),
                ("loop in procurement by end of month", "Ann", "by end of month", dt.date(2026, 11, 30)),
            ],
        ),
        (
            "Ann Lee: We need this fixed before the audit.\nSDR: Great, next steps: I'll send pricing tomorrow.\n",
            [("send pricing tomorrow", "SDR", "tomorrow", dt.date(2026, 11, 11))],
        ),
        (
            "Llamada con Ana Ruiz, directora de TI.\nPróximos pasos: enviar la propuesta el 4/12\n"
            "- Volver a llamar en 2027\n",
            [
                ("enviar la propuesta el 4/12", "", "el 4/12", dt.date(2026, 12, 4)),
                ("Volver a llamar en 2027", "", "2027", None),
            ],
        ),
        ("Call with Ann Lee, CFO at Foo Bank. Budget approved. Wants to decide by March.", []),
    ],
    ids=["next steps header", "shorthand", "action items with owners", "said in a call", "spanish", "none"],
)
def test_action_items_come_from_the_notes_next_steps(
    notes: str, expected: list[tuple[str, str, str, dt.date | None]]
) -> None:
    items = action_items(read_notes(notes), CALL)
    assert [(i.what, i.who, i.when, i.due) for i in items] == expected
    assert all(item.evidence in notes and item.what in item.evidence for item in items)


def test_summary_and_action_items_reach_json_and_markdown(assistant: Assistant) -> None:
    notes = HALVORSEN + "\nNext steps: Ingrid to send the audit findings by Nov 20.\n"
    report = assistant.qualify(notes, CALL)
    [item] = report.action_items
    assert (item.who, item.when, item.due) == ("Ingrid", "by Nov 20", dt.date(2026, 11, 20))
    payload = report.model_dump(mode="json")
    assert payload["summary"] == report.summary
    assert payload["action_items"][0]["due"] == "2026-11-20"
    text = report_to_markdown(report, notes)
    assert "## Summary\n\nCall with Ingrid Halvorsen" in text
    assert (
        "## Action items\n\n- send the audit findings by Nov 20 (who: Ingrid; when: by Nov 20 (due 2026-11-20))"
        in text
    )


def test_reports_saved_before_these_fields_still_load(assistant: Assistant, tmp_path: Path) -> None:
    payload = assistant.qualify(HALVORSEN, CALL).model_dump(mode="json")
    del payload["summary"], payload["action_items"]
    old = QualificationReport.model_validate(payload)
    assert old.summary == "" and old.action_items == []
