"""The Insights page over a real history: charts appear, override cases export in the eval format."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from assistant.history import AccountHistory
from assistant.qualify.overrides import apply_overrides
from assistant.qualify.schemas import Override
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, load_settings

APP = str(PROJECT_ROOT / "ui" / "app.py")
HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
THIN = "Spoke with Sam, an analyst at a logistics firm of about 300 people. Interested in dashboards."


@pytest.fixture(autouse=True)
def _fast_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


def open_insights() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/insights.py").run()
    assert not at.exception
    return at


def save_reports(with_override: bool) -> None:
    settings = load_settings()
    assistant = Assistant(settings)
    with AccountHistory.from_settings(settings) as history:
        strong = assistant.qualify(HALVORSEN, dt.date(2026, 11, 10))
        history.save("Halvorsen Regional Bank", "qualification", strong, source_text=HALVORSEN)
        thin = assistant.qualify(THIN, dt.date(2026, 11, 17))
        if with_override:
            fix = Override(criterion="budget", status="partial", reason="Sam said a budget is being drafted")
            thin = apply_overrides(thin, [fix], assistant.knowledge.rubric)
        history.save("Kite Logistics", "qualification", thin, source_text=THIN)


def test_an_empty_history_explains_how_to_fill_it() -> None:
    at = open_insights()
    assert any("No qualifications saved yet" in info.value for info in at.info)


def test_charts_and_counts_over_saved_reports() -> None:
    save_reports(with_override=False)
    at = open_insights()
    assert at.metric[0].value == "2"
    subheaders = [header.value for header in at.subheader]
    assert "Criteria most often missing" in subheaders and "Recommendations by role" in subheaders
    assert len(at.get("vega_lite_chart")) == 3  # verdicts, missing, roles (no overrides yet)
    assert any("0 corrected report" in md.value for md in at.markdown)


def test_overrides_export_as_cases_the_scorer_reads() -> None:
    save_reports(with_override=True)
    at = open_insights()
    assert any("1 corrected report" in md.value for md in at.markdown)
    settings = load_settings()
    with AccountHistory.from_settings(settings) as history:
        from assistant.qualify.insights import cases_to_yaml, overrides_as_cases

        exported = yaml.safe_load(cases_to_yaml(overrides_as_cases(history.all_records("qualification"))))
    (case,) = exported["cases"]
    assert case["notes"] == THIN and case["gold"]["budget"] == "partial"
    assert set(case["gold"]) >= {
        "title",
        "problem",
        "industry",
        "size",
        "budget",
        "timeline",
        "verdict",
        "roles",
    }
