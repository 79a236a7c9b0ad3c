"""The Handoff brief page through its real widgets with AppTest (real graph, Chroma and SQLite history)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assistant.account_jobs import AccountJobs
from assistant.handoff import TransitionBrief
from assistant.history import AccountHistory, RecordKind
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, load_settings
from ui.account_picker import NEW_ACCOUNT

APP = str(PROJECT_ROOT / "ui" / "app.py")
EXAMPLES = PROJECT_ROOT / "examples"
CALL = (EXAMPLES / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
WON = (EXAMPLES / "halvorsen-won-deal-notes.md").read_text(encoding="utf-8")
BANK = "Halvorsen Regional Bank"
BRIEF_DATE = dt.date(2026, 11, 20)
PICK, NEW, NOTES, AS_OF, EDIT = (
    "typed_handoff_account_pick",
    "typed_handoff_account_new",
    "typed_handoff_notes",
    "typed_handoff_as_of",
    "typed_handoff_edit",
)


@pytest.fixture(autouse=True)
def _fast_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/handoff_brief.py").run()
    assert not at.exception
    return at


def save_qualified_call() -> None:
    """What the SDR left behind: the discovery call, qualified and saved under the bank."""
    settings = load_settings()
    assistant = Assistant(settings)
    with AccountHistory.from_settings(settings) as history:
        AccountJobs(assistant, history).save_qualification(
            BANK, assistant.qualify(CALL, dt.date(2026, 11, 10)), CALL
        )


def choose_account(at: AppTest, name: str, new: bool = False) -> AppTest:
    at.selectbox(key=PICK).set_value(NEW_ACCOUNT if new else name).run()
    if new:
        at.text_input(key=NEW).input(name)
    return at


def generate(at: AppTest, notes: str) -> AppTest:
    at.text_area(key=NOTES).input(notes)
    at.date_input(key=AS_OF).set_value(BRIEF_DATE)
    at.button(key="handoff_run").click().run()
    assert not at.exception
    return at


def save(at: AppTest) -> AppTest:
    at.button(key="handoff_save").click().run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [element.value for element in (*at.markdown, *at.caption)]


def errors(at: AppTest) -> list[str]:
    return [element.value for element in at.error]


def saved(kind: RecordKind, account: str = BANK) -> list[dict[str, object]]:
    with AccountHistory.from_settings(load_settings()) as history:
        return [record.model_dump() for record in history.records(account, kind)]


def test_the_page_offers_saved_accounts_notes_date_upload_and_generate() -> None:
    save_qualified_call()
    at = open_page()
    assert at.title[0].value == "Handoff brief"
    assert at.selectbox(key=PICK).options == [NEW_ACCOUNT, BANK]
    assert at.text_area(key=NOTES).label == "Deal notes"
    assert at.date_input(key=AS_OF).value == dt.date.today()
    uploader = at.file_uploader(key="handoff_upload")
    assert {"txt", "md", "docx", "pdf"} <= {kind.lstrip(".") for kind in uploader.allowed_type}
    assert at.button(key="handoff_run").label == "Generate the brief"
    choose_account(at, BANK)
    assert any("On file for Halvorsen Regional Bank: 1 qualification" in text for text in texts(at))


def test_a_brief_for_a_saved_account_cites_the_saved_call_and_the_new_notes() -> None:
    save_qualified_call()
    at = generate(choose_account(open_page(), BANK), WON)
    shown = texts(at)
    assert "Gathered the saved calls, deal notes and qualification" in shown and "Wrote the brief" in shown
    assert "#### Commitments made in the sale" in shown
    commitments = shown[shown.index("#### Commitments made in the sale") + 1]
    assert commitments.startswith(
        "- We committed to a Jack Henry SilverLake integration live by 31 March 2027. (due 2027-03-31)  \n"
        "  :small[:gray[↳ \\[deal notes 2026-11-20\\] word for word]]"
    )
    snapshot = shown[shown.index("#### Account snapshot") + 1]
    assert "Company size\\: 1,200 employees  \n  :small[:gray[↳ \\[call notes 2026-11-10\\] “" in snapshot
    assert saved("brief") == [] and saved("deal_notes") == [], "generating saves nothing"
    assert any("not saved yet" in box.value for box in at.info)
    assert at.button(key="handoff_save").label == "Save to the account"
    save(at)
    assert any(
        "Saved to the history of Halvorsen Regional Bank as record #" in box.value for box in at.success
    )
    assert at.button(key="handoff_save").label == "Save edits"
    stakeholders, team, _sources = (frame.value for frame in at.dataframe)
    assert {"Ingrid Halvorsen", "Tom Becker"} <= set(stakeholders["Name"])
    assert "Hannah Whitfield" in set(team["Name"])
    assert len(at.checkbox) >= 1 and at.checkbox[0].value is False
    assert [button.proto.label for button in at.get("download_button")] == [
        "Download Markdown",
        "Download JSON",
        "Download e-mail copy",
    ]
    [brief] = saved("brief")
    assert TransitionBrief.model_validate(brief["payload"]).commitments
    assert [notes["source_text"] for notes in saved("deal_notes")] == [WON]


def test_edits_in_place_are_kept_saved_to_the_record_and_reopened() -> None:
    save_qualified_call()
    at = save(generate(choose_account(open_page(), BANK), WON))
    edited = f"{at.text_area(key=EDIT).value}\n- Olivia to confirm the kickoff date with Tom.\n"
    at.text_area(key=EDIT).input(edited).run()
    assert any("Unsaved edits" in caption.value for caption in at.caption)
    at.button(key="handoff_save").click().run()
    assert any("Saved your edits to record #" in box.value for box in at.success)
    [record] = saved("brief")
    assert TransitionBrief.model_validate(record["payload"]).edited_markdown == edited

    at.button(key="handoff_reset").click().run()
    assert "Olivia to confirm" not in str(at.text_area(key=EDIT).value)
    at.button(key="handoff_restore").click().run()
    assert at.text_area(key=EDIT).value == edited

    later = choose_account(open_page(), BANK)
    later.button(key="handoff_open_latest").click().run()
    assert later.text_area(key=EDIT).value == edited
    assert any("Opened the brief saved as record" in box.value for box in later.info)


def test_a_new_account_starts_from_the_notes_alone() -> None:
    at = generate(
        choose_account(open_page(), "Fjord Credit Union", new=True),
        "Closed-won on 2026-11-18. Price: $60,000 per year, 2-year term.\n"
        "Contacts: Maria Berg, CFO - economic buyer.\nRisks: the IT team is short-staffed.",
    )
    save(at)
    assert any("Saved to the history of Fjord Credit Union" in box.value for box in at.success)
    assert any("Transition brief: Fjord Credit Union" in header.value for header in at.subheader)
    assert len(saved("brief", "Fjord Credit Union")) == 1


def test_no_notes_for_an_unknown_account_is_a_readable_error_and_what_was_typed_stays() -> None:
    save_qualified_call()
    at = generate(choose_account(open_page(), "Halvorsen Regional", new=True), "   \n ")
    assert any(
        "no account named 'Halvorsen Regional'" in text and "did you mean" in text for text in errors(at)
    )
    assert not any("Traceback" in text for text in errors(at))
    assert at.text_input(key=NEW).value == "Halvorsen Regional"
    assert at.date_input(key=AS_OF).value == BRIEF_DATE
    assert saved("brief") == []


def test_a_saved_account_can_be_briefed_from_its_saved_call_alone() -> None:
    save_qualified_call()
    at = generate(choose_account(open_page(), BANK), "")
    assert any("Transition brief: Halvorsen Regional Bank" in header.value for header in at.subheader)
    assert any("\\[call notes 2026-11-10\\]" in text for text in texts(at))
    assert saved("deal_notes") == []


def test_a_saved_account_with_nothing_to_read_and_no_notes_says_what_to_add() -> None:
    with AccountHistory.from_settings(load_settings()) as history:
        history.save("Kite Logistics", "deal_notes", {"label": "empty"}, source_text="")
    at = generate(choose_account(open_page(), "Kite Logistics"), "  ")
    assert any("nothing to build the brief from" in text for text in errors(at))
    assert not any("unexpected problem" in text for text in errors(at))


def test_notes_without_an_account_ask_for_one_and_stay_typed() -> None:
    at = generate(open_page(), WON)
    assert any("pick a saved account or type a new account" in text for text in errors(at))
    assert at.text_area(key=NOTES).value == WON


def test_an_uploaded_file_is_cited_by_its_name_and_a_bad_one_is_refused() -> None:
    at = choose_account(open_page(), BANK, new=True)
    at.file_uploader(key="handoff_upload").set_value(("won-deal.md", WON.encode(), "text/markdown"))
    generate(at, "")
    assert any("\\[deal notes won-deal.md\\]" in text for text in texts(at))

    bad = choose_account(open_page(), "Kite Logistics", new=True)
    bad.file_uploader(key="handoff_upload").set_value(("notes.pdf", b"\x00\x01 not a pdf", "application/pdf"))
    generate(bad, "my own draft notes")
    assert any("notes.pdf" in text for text in errors(bad))
    assert bad.text_area(key=NOTES).value == "my own draft notes"


def test_markdown_and_html_in_the_notes_show_literally() -> None:
    notes = (
        "Price: $50,000 per year ![pixel](http://127.0.0.1:9/p.png) <img src=x> :red[loud]\n"
        "Contacts: Dana Ruiz, CFO - economic buyer."
    )
    at = generate(choose_account(open_page(), "Acme Logistics", new=True), notes)
    for text in texts(at):
        assert "![" not in text.replace("\\!\\[", "")
        assert "<img" not in text.replace("\\<img", "")
        assert ":red[" not in text


def test_the_notes_and_the_brief_survive_a_visit_to_another_page() -> None:
    save_qualified_call()
    at = generate(choose_account(open_page(), BANK), WON)
    at.text_area(key=NOTES).input("more notes, half written").run()
    at.switch_page("views/insights.py").run()
    at.switch_page("views/handoff_brief.py").run()
    assert not at.exception
    assert at.selectbox(key=PICK).value == BANK
    assert at.text_area(key=NOTES).value == "more notes, half written"
    assert any("Transition brief: Halvorsen Regional Bank" in header.value for header in at.subheader)


def test_tldr_and_email_copy_are_shown_and_edits_are_saved_with_a_new_brief() -> None:
    notes = (PROJECT_ROOT / "tests" / "handoff" / "deal_notes" / "slack-one-liner.txt").read_text(
        encoding="utf-8"
    )
    at = generate(choose_account(open_page(), "Acme", new=True), notes)
    shown = texts(at)
    tldr = shown[shown.index("#### TL;DR") + 1]
    assert tldr.startswith(
        "- Deal\\: Core Platform, Analytics Add-on; \\$84k ARR; 2-yr; signed by Dana Ruiz, CFO"
    )
    assert "Promised\\: 1 commitment, the first due 2027-03-31" in tldr
    assert any("not saved yet" in caption.value for caption in at.caption)
    [email] = [block.value for block in at.code]
    assert email.startswith("Subject: Handoff: Acme\n\nTL;DR\n") and "[deal notes" not in email
    intro = shown[shown.index("#### Customer intro call (customer, AE, CSM, renewal rep)") + 1]
    said = " ".join(line for line in intro.split("\n") if not line.strip().startswith(":small["))
    assert "Karen Lund (IT)" in said and "detractor" not in said.lower(), "sources may quote; items never"

    edited = f"{at.text_area(key=EDIT).value}\n- Olivia to send the SSO plan.\n"
    at.text_area(key=EDIT).input(edited).run()
    save(at)
    [record] = saved("brief", "Acme")
    brief = TransitionBrief.model_validate(record["payload"])
    assert brief.edited_markdown == edited and len(brief.tldr) == 5
    assert [n["source_text"] for n in saved("deal_notes", "Acme")] == [notes]
    save(at)
    assert len(saved("brief", "Acme")) == 1, "saving again updates the record, never files a second brief"
