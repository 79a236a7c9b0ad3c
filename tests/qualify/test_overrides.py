"""Overrides: a person sets a status, the rubric rescores, the record of it travels with the report."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from assistant.knowledge.schemas import Rubric
from assistant.qualify.overrides import OVERRIDE_NOTE, apply_overrides, merge_override, statuses_from_notes
from assistant.qualify.schemas import Override, QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings

HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
TINY_TRUCKING = (
    "Call with Maria Lopez, CEO of Northwind Logistics, a trucking company with 30 employees. "
    "Budget of $60k approved; they want to decide by January."
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))


@pytest.fixture(scope="module")
def qualified(assistant: Assistant) -> QualificationReport:
    report = assistant.qualify(HALVORSEN, dt.date(2026, 11, 10))
    assert report.verdict == "sales_qualified" and report.score == 100
    return report


@pytest.fixture(scope="module")
def disqualified(assistant: Assistant) -> QualificationReport:
    report = assistant.qualify(TINY_TRUCKING, dt.date(2026, 11, 10))
    assert report.verdict == "disqualified" and report.criteria["size"].status == "unfit"
    return report


def test_an_override_sets_the_status_and_the_rubric_rescores(
    qualified: QualificationReport, rubric: Rubric
) -> None:
    report = apply_overrides(
        qualified, [Override(criterion="budget", status="missing", reason="Budget was for 2025")], rubric
    )
    assert report.criteria["budget"].status == "missing"
    assert report.score == 85.0
    assert report.verdict == "sales_qualified"
    assert report.gaps == ["budget"]
    assert report.criteria["budget"].evidence == qualified.criteria["budget"].evidence
    assert [(o.criterion, o.previous, o.status) for o in report.overrides] == [("budget", "met", "missing")]
    assert qualified.criteria["budget"].status == "met" and qualified.overrides == []


def test_withdrawing_every_override_gives_back_the_report_from_the_notes(
    qualified: QualificationReport, rubric: Rubric
) -> None:
    overridden = apply_overrides(
        qualified, [Override(criterion="title", status="unfit", reason="She left the bank")], rubric
    )
    assert overridden.verdict == "disqualified"
    assert apply_overrides(overridden, [], rubric) == qualified
    assert statuses_from_notes(overridden)["title"] == "met"


def test_the_last_override_per_criterion_wins_and_a_no_op_is_dropped(
    qualified: QualificationReport, rubric: Rubric
) -> None:
    overrides = [
        Override(criterion="size", status="partial", reason="only one division buys"),
        Override(criterion="size", status="unfit", reason="the division has 30 people"),
        Override(criterion="title", status="met", reason="confirmed"),
    ]
    report = apply_overrides(qualified, overrides, rubric)
    assert [(o.criterion, o.status) for o in report.overrides] == [("size", "unfit")]
    assert report.verdict == "disqualified"


def test_disqualified_to_nurture_keeps_the_empty_recommendations_and_says_so(
    disqualified: QualificationReport, rubric: Rubric
) -> None:
    report = apply_overrides(
        disqualified,
        [Override(criterion="size", status="partial", reason="200 drivers are contractors")],
        rubric,
    )
    assert report.verdict == "nurture"
    assert report.recommendations == []
    assert any("no specialists were recommended" in w for w in report.warnings)


def test_overriding_to_disqualified_flags_the_specialists_already_named(
    qualified: QualificationReport, rubric: Rubric
) -> None:
    report = apply_overrides(
        qualified, [Override(criterion="industry", status="unfit", reason="a casino")], rubric
    )
    assert report.recommendations == qualified.recommendations
    notice = [w for w in report.warnings if w.startswith(OVERRIDE_NOTE)]
    assert any("do not bring them in" in w for w in notice)
    assert not any(w.startswith(OVERRIDE_NOTE) for w in apply_overrides(report, [], rubric).warnings)


def test_the_questions_no_longer_match_the_gaps_and_a_warning_says_so(
    qualified: QualificationReport, rubric: Rubric
) -> None:
    report = apply_overrides(
        qualified, [Override(criterion="timeline", status="partial", reason="June")], rubric
    )
    assert report.gaps == ["timeline"]
    assert any("chosen for the gaps in the notes (none)" in w for w in report.warnings)


def test_merge_replaces_an_override_and_setting_it_back_withdraws_it(qualified: QualificationReport) -> None:
    first = merge_override([], Override(criterion="budget", status="partial", reason="not signed"), qualified)
    second = merge_override(
        first, Override(criterion="budget", status="missing", reason="no budget"), qualified
    )
    assert [o.status for o in second] == ["missing"]
    assert merge_override(second, Override(criterion="budget", status="met", reason="back"), qualified) == []


def test_an_override_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="give a reason for the override"):
        Override(criterion="budget", status="met", reason="  ")


def test_overrides_survive_json_and_a_plain_report_lists_none(
    qualified: QualificationReport, rubric: Rubric
) -> None:
    assert '"overrides":[]' in qualified.model_dump_json()
    report = apply_overrides(
        qualified, [Override(criterion="title", status="partial", reason="an evaluator", by="Sam")], rubric
    )
    copy = QualificationReport.model_validate_json(report.model_dump_json())
    assert copy == report
    assert copy.overrides[0].by == "Sam" and copy.overrides[0].at.tzinfo is not None


def test_the_rubric_passed_in_decides_the_verdict(qualified: QualificationReport, rubric: Rubric) -> None:
    stricter = rubric.model_copy(
        update={"verdict": rubric.verdict.model_copy(update={"qualified_min_score": 95})}
    )
    overrides = [Override(criterion="budget", status="partial", reason="pending the board")]
    assert apply_overrides(qualified, overrides, rubric).verdict == "sales_qualified"
    assert apply_overrides(qualified, overrides, stricter).verdict == "nurture"
