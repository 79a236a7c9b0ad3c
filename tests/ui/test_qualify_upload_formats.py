"""The Qualify page's upload of call-recorder and CRM exports, driven with AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assistant.extract.document import read_notes
from assistant.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "ui" / "app.py")
FIXTURES = PROJECT_ROOT / "tests" / "sources" / "fixtures"
NOTES, DATE, RECORD = "typed_qualify_notes", "typed_qualify_call_date", "qualify_upload_record"


@pytest.fixture(autouse=True)
def _fast_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str) -> AppTest:
    data = (FIXTURES / name).read_bytes()
    at.file_uploader(key="qualify_upload").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    return at


def test_a_gong_export_becomes_sided_transcript_lines_and_qualifies(app: AppTest) -> None:
    upload(app, "gong-call.json")
    notes = app.text_area(key=NOTES).value
    assert "Jordan Blake (seller): " in notes and app.date_input(key=DATE).value == dt.date(2026, 11, 10)
    sellers = {
        c.party for c in read_notes(notes).clauses if c.speaker == "Jordan Blake" and c.kind != "attendee"
    }
    assert sellers == {"seller"}
    app.button(key="qualify_run").click().run()
    assert not app.exception
    assert any("Sales qualified" in str(box.value) for box in app.success)


def test_a_crm_export_of_several_records_offers_them_to_pick(app: AppTest) -> None:
    upload(app, "salesforce-tasks.csv")
    picker = app.selectbox(key=RECORD)
    assert picker.options == ["00T5e00000AbCdEFGH", "00T5e00000AbCdEFGI"]
    assert "Kestrel Logistics" in app.text_area(key=NOTES).value
    picker.set_value("00T5e00000AbCdEFGI").run()
    assert not app.exception
    assert "Brightwater Foods" in app.text_area(key=NOTES).value
    assert app.date_input(key=DATE).value == dt.date(2026, 11, 12)


def test_a_broken_export_is_an_error_and_the_draft_stays(app: AppTest) -> None:
    app.text_area(key=NOTES).input("my draft").run()
    app.file_uploader(key="qualify_upload").set_value(
        ("calls.json", b'{"callTranscripts": [', "application/json")
    ).run()
    assert not app.exception
    assert any("cut short" in str(box.value) for box in app.error)
    assert app.text_area(key=NOTES).value == "my draft"
