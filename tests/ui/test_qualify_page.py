"""The Qualify page driven through its real widgets with Streamlit's AppTest (real graph, Chroma, SQLite)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assistant.history import AccountHistory
from assistant.settings import PROJECT_ROOT, load_settings
from tests.document_samples import make_docx, make_pdf

APP = str(PROJECT_ROOT / "ui" / "app.py")
HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
CALL_DATE = dt.date(2026, 11, 10)
NOTES, ACCOUNT, DATE = "typed_qualify_notes", "typed_qualify_account", "typed_qualify_call_date"
EVIL_NOTES = (
    "Call with Dana Ruiz, VP Finance at Acme Logistics (~2k employees). <b>bold</b> "
    '<img src="http://127.0.0.1:9/leak.png">\n'
    "![pixel](http://127.0.0.1:9/pixel.png) :red[red] $x^2$ **strong**\n"
    "# heading\n- Budget: $120k approved for next year"
)


@pytest.fixture(autouse=True)
def _fast_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


def qualify(at: AppTest, notes: str, account: str = "") -> AppTest:
    at.text_area(key=NOTES).input(notes)
    at.date_input(key=DATE).set_value(CALL_DATE)
    at.text_input(key=ACCOUNT).input(account)
    at.button(key="qualify_run").click().run()
    assert not at.exception
    return at


def banner(at: AppTest) -> str:
    """The verdict banner's text (success, warning or error box with the score)."""
    boxes = [*at.success, *at.warning, *at.error]
    return next(str(box.value) for box in boxes if "· score" in box.value)


def markdown(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def errors(at: AppTest) -> list[str]:
    return [element.value for element in at.error]


def override(at: AppTest, criterion: str, status: str, reason: str, by: str = "", value: str = "") -> AppTest:
    at.selectbox(key="override_criterion").set_value(criterion)
    at.selectbox(key="override_status").set_value(status)
    at.text_input(key="typed_override_value").input(value)
    at.text_input(key="typed_override_reason").input(reason)
    at.text_input(key="typed_override_by").input(by)
    at.button(key="override_apply").click().run()
    assert not at.exception
    return at


def test_home_page_has_the_inputs_and_the_sidebar_names_engine_and_folders(app: AppTest) -> None:
    assert app.title[0].value == "Qualify a lead"
    assert app.text_area(key=NOTES).label == "Call notes"
    assert app.text_input(key=ACCOUNT).label == "Account name"
    assert app.date_input(key=DATE).value == dt.date.today()
    uploader = app.file_uploader(key="qualify_upload")
    assert {"txt", "md", "vtt", "docx", "pdf"} <= {t.lstrip(".") for t in uploader.allowed_type}
    assert app.button(key="qualify_run").label == "Qualify"
    sidebar = app.sidebar.markdown[0].value
    assert "offline" in sidebar and "**Model:** none" in sidebar
    assert str(load_settings().data_dir) in sidebar and "history.sqlite3" in sidebar


def test_a_run_shows_progress_verdict_cards_evidence_people_and_sources(app: AppTest) -> None:
    qualify(app, HALVORSEN)
    assert banner(app) == "**Sales qualified** · score 100/100"
    shown = markdown(app)
    assert "Read the six criteria from the notes" in shown and "Wrote the report" in shown
    for title in (
        "Title (authority)",
        "Problem (pain)",
        "Industry",
        "Size (employees)",
        "Budget",
        "Timeline",
    ):
        assert f"**{title}** :green-badge[met]" in shown
    notes_view = next(text for text in shown if text.startswith(":green-background[Discovery call"))
    assert ":green-background[\\$180k approved for FY27 operations automation.]" in notes_view
    assert "**Sales engineer:** Kenji Watanabe" in shown
    assert any("Jack Henry" in text for text in shown)
    assert any("playbooks/" in expander.label for expander in app.expander)


def test_an_override_rescores_at_once_and_can_be_withdrawn(app: AppTest) -> None:
    qualify(app, HALVORSEN)
    override(app, "title", "unfit", "Ingrid left the bank last week", by="Sam")
    assert banner(app) == "**Disqualified** · score 80/100"
    assert "**Title (authority)** :red-badge[unfit] :violet-badge[overridden]" in markdown(app)
    assert any("specialists listed were recommended before the override" in w.value for w in app.warning)
    assert any("met → unfit by Sam: Ingrid left the bank last week" in text for text in markdown(app))
    assert app.text_input(key="typed_override_reason").value == ""

    app.button(key="override_remove_title").click().run()
    assert banner(app) == "**Sales qualified** · score 100/100"
    assert not any("Override" in w.value for w in app.warning)


def test_an_override_can_qualify_a_nurture_lead(app: AppTest) -> None:
    qualify(
        app,
        "Spoke with Dana Ruiz, VP Finance at a regional credit union with 120 employees. "
        "Manual reconciliation costs them two days every month-end close.",
    )
    assert banner(app) == "**Nurture** · score 62.5/100"
    override(app, "budget", "met", "CFO confirmed $90k approved by email")
    assert banner(app) == "**Sales qualified** · score 77.5/100"
    assert "**Budget** :green-badge[met] :violet-badge[overridden]" in markdown(app)


def test_an_override_value_is_judged_by_the_rubric_and_asks_again(app: AppTest) -> None:
    qualify(app, HALVORSEN)
    assert app.text_input(key="typed_override_value").label == "New value"
    override(app, "budget", "from the value", "Finance cut it", by="Sam", value="120000 USD")
    assert banner(app) == "**Sales qualified** · score 92.5/100"
    shown = markdown(app)
    assert "**Budget** :orange-badge[partial] :violet-badge[overridden]" in shown
    assert "**Value:** 120,000 USD" in shown
    assert any("met → partial (value 120000 USD) by Sam: Finance cut it" in text for text in shown)
    assert any("Has that budget been approved" in text for text in shown), "questions follow the new gap"
    assert app.text_input(key="typed_override_value").value == ""

    override(app, "size", "from the value", "Only the 45-person subsidiary buys", value="45 employees")
    assert banner(app).startswith("**Disqualified**")
    override(app, "size", "met", "Group headcount counts", value="45 employees")
    assert "**Size (employees)** :green-badge[met] :violet-badge[overridden]" in markdown(app)


@pytest.mark.parametrize(
    ("criterion", "status", "value", "message"),
    [
        ("size", "from the value", "lots", "no number of employees"),
        ("size", "from the value", "", "give a status, a value, or both"),
        ("title", "from the value", "CFO", "give a status too"),
    ],
)
def test_an_override_value_that_cannot_be_read_is_refused_readably(
    app: AppTest, criterion: str, status: str, value: str, message: str
) -> None:
    qualify(app, HALVORSEN)
    override(app, criterion, status, "checked by phone", value=value)
    assert any(message in text for text in errors(app))
    assert banner(app) == "**Sales qualified** · score 100/100"


def test_the_page_shows_the_summary_and_the_notes_next_steps(app: AppTest) -> None:
    qualify(app, HALVORSEN + "\nNext steps: Ingrid to send the audit findings by Nov 20.\n")
    shown = markdown(app)
    assert "**Summary** (from the notes)" in shown
    assert any(text.startswith("Call with Ingrid Halvorsen, SVP Operations") for text in shown)
    assert "**send the audit findings by Nov 20**" in shown
    captions = [caption.value for caption in app.caption]
    assert "who: Ingrid · when: by Nov 20 (due 2026-11-20)" in captions
    assert "“Next steps\\: Ingrid to send the audit findings by Nov 20.”" in shown, "the clause, escaped"


def test_an_override_without_a_reason_is_refused_readably(app: AppTest) -> None:
    qualify(app, HALVORSEN)
    override(app, "budget", "missing", "   ")
    assert any("give a reason for the override" in text for text in errors(app))
    assert banner(app) == "**Sales qualified** · score 100/100"


def test_empty_notes_give_a_readable_error_and_keep_what_was_typed(app: AppTest) -> None:
    qualify(app, "   \n  ", account="Halvorsen Regional Bank")
    assert any("the notes are empty" in text for text in errors(app))
    assert not any("Traceback" in text for text in errors(app))
    assert app.text_input(key=ACCOUNT).value == "Halvorsen Regional Bank"
    assert app.date_input(key=DATE).value == CALL_DATE


def test_a_failed_run_keeps_the_previous_report_and_its_overrides(app: AppTest) -> None:
    qualify(app, HALVORSEN)
    override(app, "budget", "partial", "Budget is for a different project")
    app.text_area(key=NOTES).input("")
    app.button(key="qualify_run").click().run()
    assert any("the notes are empty" in text for text in errors(app))
    assert "**Budget** :orange-badge[partial] :violet-badge[overridden]" in markdown(app)


def test_html_and_markdown_in_notes_show_literally(app: AppTest) -> None:
    qualify(app, EVIL_NOTES)
    shown = "\n".join([*markdown(app), *(caption.value for caption in app.caption)])
    assert "\\<img src=" in shown and "\\!\\[pixel\\]" in shown
    assert "\\:red\\[red\\]" in shown and "\\$x^2\\$" in shown and "\\*\\*strong\\*\\*" in shown
    assert "\\# heading" in shown
    for text in markdown(app):
        assert "![" not in text.replace("\\!\\[", "")
        assert "<img" not in text.replace("\\<img", "")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("halvorsen.txt", HALVORSEN.encode("utf-8")),
        ("halvorsen.docx", make_docx([("Discovery call", HALVORSEN.splitlines()[1:])])),
        ("halvorsen.pdf", make_pdf([[line for line in HALVORSEN.splitlines() if line.strip()][1:]])),
    ],
)
def test_an_uploaded_file_fills_the_notes_and_qualifies(app: AppTest, name: str, data: bytes) -> None:
    app.text_area(key=NOTES).input("my own draft notes")
    app.file_uploader(key="qualify_upload").set_value((name, data, "application/octet-stream"))
    app.run()
    assert not app.exception
    assert "SVP Operations at Halvorsen Regional Bank" in str(app.text_area(key=NOTES).value)
    app.date_input(key=DATE).set_value(CALL_DATE)
    app.button(key="qualify_run").click().run()
    assert banner(app) == "**Sales qualified** · score 100/100"

    app.button(key="qualify_restore").click().run()
    assert app.text_area(key=NOTES).value == "my own draft notes"


def test_an_unreadable_upload_is_refused_and_the_notes_stay(app: AppTest) -> None:
    app.text_area(key=NOTES).input("my own draft notes")
    app.file_uploader(key="qualify_upload").set_value(
        ("notes.pdf", b"\x00\x01 not a pdf at all", "application/pdf")
    )
    app.run()
    assert not app.exception
    assert any("notes.pdf" in text for text in errors(app))
    assert app.text_area(key=NOTES).value == "my own draft notes"


def test_saving_files_the_report_under_the_account_and_overrides_update_it(app: AppTest) -> None:
    qualify(app, HALVORSEN, account="Halvorsen Regional Bank")
    app.button(key="qualify_save").click().run()
    assert any("record #" in box.value for box in app.success)
    override(app, "timeline", "unfit", "Legal review pushes signature to 2028", by="Sam")
    assert any("updated" in box.value for box in app.success)

    with AccountHistory.from_settings(load_settings()) as history:
        [record] = history.records("Halvorsen Regional Bank", "qualification")
    assert record.source_text == HALVORSEN
    assert record.payload["overrides"][0]["reason"] == "Legal review pushes signature to 2028"
    assert record.payload["criteria"]["timeline"]["status"] == "unfit"
    assert record.payload["verdict"] == "nurture"


def test_saving_needs_an_account_name(app: AppTest) -> None:
    qualify(app, HALVORSEN)
    app.button(key="qualify_save").click().run()
    assert any("Type the account name" in text for text in errors(app))
    with AccountHistory.from_settings(load_settings()) as history:
        assert history.accounts() == []


def test_downloads_offer_markdown_and_json(app: AppTest) -> None:
    qualify(app, HALVORSEN, account="Halvorsen Regional Bank")
    labels = [button.label for button in app.download_button]
    assert labels == ["Download Markdown", "Download JSON"]


def test_notes_and_the_report_survive_a_visit_to_another_page(app: AppTest) -> None:
    qualify(app, HALVORSEN, account="Acme")
    override(app, "budget", "partial", "Approval slipped")
    app.text_area(key=NOTES).input("half-written notes").run()
    app.switch_page("views/playbook_library.py").run()
    assert not app.exception
    app.switch_page("views/qualify.py").run()
    assert app.text_area(key=NOTES).value == "half-written notes"
    assert app.text_input(key=ACCOUNT).value == "Acme"
    assert app.date_input(key=DATE).value == CALL_DATE
    assert banner(app) == "**Sales qualified** · score 92.5/100"


def test_what_reading_a_file_noticed_reaches_the_report(app: AppTest) -> None:
    latin = HALVORSEN.replace("Discovery call", "Llamada de descubrimiento: año fiscal").encode(
        "cp1252", "replace"
    )
    app.file_uploader(key="qualify_upload").set_value(("notes.txt", latin, "text/plain"))
    app.run()
    app.date_input(key=DATE).set_value(CALL_DATE)
    app.button(key="qualify_run").click().run()
    assert any("notes.txt is not UTF-8" in w.value for w in app.warning)
