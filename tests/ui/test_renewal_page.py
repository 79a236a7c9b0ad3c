"""The Renewal plan page through its real widgets with AppTest (real graph, knowledge and SQLite history)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assistant.history import AccountHistory
from assistant.renewal.schemas import RenewalPlan
from assistant.settings import PROJECT_ROOT, load_settings
from ui.account_picker import NEW_ACCOUNT

APP = str(PROJECT_ROOT / "ui" / "app.py")
FACTS = (PROJECT_ROOT / "examples" / "halvorsen-renewal-facts.yaml").read_bytes()
BANK = "Halvorsen Regional Bank"
PICK, NEW, FROM = "typed_renewal_account_pick", "typed_renewal_account_new", "typed_renewal_facts_from"
F = "typed_renewal_"
BAD_FACTS = b"""contract_start: 2027-01-15
contract_end: 2026-01-14
arr: USD 172,000
seats_purchased: 350
seats_active: lots
stakeholders:
  - name: Tom Becker
    change: retired
"""


@pytest.fixture(autouse=True)
def _fast_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/renewal_plan.py").run()
    assert not at.exception
    return at


def new_account(at: AppTest, name: str) -> AppTest:
    at.selectbox(key=PICK).set_value(NEW_ACCOUNT).run()
    at.text_input(key=NEW).input(name)
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="renewal_upload").set_value((name, data, "application/x-yaml"))
    at.run()
    return at


def plan(at: AppTest) -> AppTest:
    at.button(key="renewal_run").click().run()
    assert not at.exception
    return at


def save(at: AppTest) -> AppTest:
    at.button(key="renewal_save").click().run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def errors(at: AppTest) -> str:
    return "\n".join(element.value for element in at.error)


def saved_plans(account: str = BANK) -> list[RenewalPlan]:
    with AccountHistory.from_settings(load_settings()) as history:
        return [RenewalPlan.model_validate(r.payload) for r in history.records(account, "renewal_plan")]


def fill_form(at: AppTest, **fields: object) -> AppTest:
    at.radio(key=FROM).set_value("Fill in the form").run()
    for name, value in fields.items():
        widget = next(w for w in (*at.date_input, *at.number_input) if w.key == F + name)
        widget.set_value(value)
    return at


def test_the_page_offers_an_upload_or_a_form_and_a_plan_button() -> None:
    at = open_page()
    assert at.title[0].value == "Renewal plan"
    assert at.radio(key=FROM).options == ["Upload a facts file", "Fill in the form"]
    assert {"yaml", "yml", "json"} <= {
        kind.lstrip(".") for kind in at.file_uploader(key="renewal_upload").allowed_type
    }
    at.radio(key=FROM).set_value("Fill in the form").run()
    labels = {widget.label for widget in (*at.date_input, *at.number_input, *at.multiselect, *at.text_area)}
    assert {
        "Contract start",
        "Contract end (renewal date)",
        "ARR (annual recurring revenue)",
        "Seats purchased",
        "Seats active",
        "Products owned",
        "NPS",
        "CSM health score",
        "Open issues (one a line)",
    } <= labels
    assert at.button(key="renewal_run").label == "Plan the renewal"


def test_the_example_facts_give_health_a_charted_timeline_plays_and_downloads() -> None:
    at = plan(upload(open_page(), "halvorsen-renewal-facts.yaml", FACTS))
    assert metrics(at) == {
        "Health score": "63.1/100",
        "Churn risk": "medium",
        "Days to renewal": "160",
        "Renewal date": "2030-01-14",
    }
    assert len(at.get("vega_lite_chart")) == 1
    timeline = at.dataframe[0].value
    assert list(timeline["Milestone"])[-1] == "Signature"
    assert "compressed" in set(timeline["Status"])
    assert any("procurement takes 90 days" in warning.value for warning in at.warning)
    assert any("Add 35 seats" in text.value for text in at.markdown)
    assert any("playbooks/renewal-playbook.md" in caption.value for caption in at.caption)
    assert [button.proto.label for button in at.get("download_button")] == [
        "Download Markdown",
        "Download JSON",
        "Download the facts",
    ]
    assert saved_plans() == [], "planning files nothing until Save"
    assert any("not saved yet" in caption.value for caption in at.caption)
    save(at)
    assert any(
        "Saved the facts and the plan to the history of Halvorsen Regional Bank" in s.value
        for s in at.success
    )
    [saved] = saved_plans()
    assert saved.health.score == 63.1
    assert "renewal_save" not in [button.key for button in at.button], "saved once; nothing left to save"


def test_the_form_with_a_few_fields_makes_a_plan() -> None:
    at = fill_form(
        new_account(open_page(), "Fjord Credit Union"),
        contract_start=dt.date(2025, 3, 1),
        contract_end=dt.date(2027, 2, 28),
        as_of=dt.date(2026, 11, 1),
        arr_amount=60000.0,
        seats_purchased=100,
        seats_active=92,
        nps=40,
    )
    at.multiselect(key=F + "products").set_value(["core_platform"])
    plan(at)
    assert metrics(at)["Renewal date"] == "2027-02-28"
    assert metrics(at)["Days to renewal"] == "119"
    assert any("the form\\: no usage metrics" in warning.value for warning in at.warning)
    assert len(at.get("vega_lite_chart")) == 1
    save(at)
    assert len(saved_plans("Fjord Credit Union")) == 1


def test_a_form_missing_required_fields_names_each_and_keeps_what_was_typed() -> None:
    at = fill_form(
        new_account(open_page(), "Fjord Credit Union"),
        contract_start=dt.date(2025, 3, 1),
        contract_end=dt.date(2027, 2, 28),
        seats_active=92,
    )
    at.text_area(key=F + "notes").input("CFO asked about a 3-year term.")
    plan(at)
    shown = errors(at)
    assert "**the form** cannot be planned from yet" in shown
    assert "arr\\: missing" in shown and "seats\\_purchased\\: missing" in shown
    assert "Traceback" not in shown
    assert at.number_input(key=F + "seats_active").value == 92
    assert at.text_area(key=F + "notes").value == "CFO asked about a 3-year term."
    assert saved_plans("Fjord Credit Union") == []


def test_a_bad_facts_file_lists_every_field_to_fix() -> None:
    at = plan(upload(new_account(open_page(), BANK), "facts.yaml", BAD_FACTS))
    shown = errors(at)
    assert "**facts.yaml** cannot be planned from yet" in shown
    assert "seats\\_active\\: expected a whole number, got 'lots'" in shown
    assert "stakeholders item 1 (Tom Becker)\\: change\\: expected one of" in shown
    assert not at.metric and saved_plans() == []


def test_an_unknown_product_in_the_file_is_named_with_the_known_ones() -> None:
    facts = FACTS.replace(
        b"products: [core_platform, compliance_security]", b"products: [core_platform, unicorn]"
    )
    at = plan(upload(open_page(), "halvorsen.yaml", facts))
    assert "products\\: unknown product line 'unicorn'" in errors(at)
    assert "core\\_platform" in errors(at)


def test_uploaded_facts_copied_into_the_form_can_be_changed_and_planned_again() -> None:
    at = upload(open_page(), "halvorsen-renewal-facts.yaml", FACTS)
    at.button(key="renewal_copy_upload").click().run()
    assert at.radio(key=FROM).value == "Fill in the form"
    assert at.number_input(key=F + "arr_amount").value == 172000.0
    assert at.multiselect(key=F + "products").value == ["core_platform", "compliance_security"]
    assert any("account team" in caption.value for caption in at.caption)
    usage, stakeholders = (frame.value for frame in at.dataframe)
    assert len(usage) == 5 and len(stakeholders) == 8
    at.number_input(key=F + "seats_active").set_value(200)
    save(plan(at))
    assert metrics(at)["Health score"] == "51.7/100"
    [saved] = saved_plans()
    assert any(person.name == "Natalie Chen" for person in saved.people)  # the file's account team was kept


def test_facts_saved_with_a_plan_fill_the_form_next_time() -> None:
    save(plan(upload(open_page(), "halvorsen-renewal-facts.yaml", FACTS)))
    at = open_page()
    at.selectbox(key=PICK).set_value(BANK).run()
    at.radio(key=FROM).set_value("Fill in the form").run()
    at.button(key="renewal_fill_saved").click().run()
    assert at.number_input(key=F + "seats_purchased").value == 350
    assert at.date_input(key=F + "contract_end").value == dt.date(2030, 1, 14)


def test_no_account_and_no_account_in_the_facts_asks_for_one() -> None:
    facts = FACTS.replace(b"account: Halvorsen Regional Bank\n", b"")
    at = plan(upload(open_page(), "facts.yaml", facts))
    assert "pick a saved account or type a new account" in errors(at)
    at = plan(open_page())
    assert "upload a facts file" in errors(at)


def test_the_form_and_its_tables_survive_a_visit_to_another_page() -> None:
    at = upload(open_page(), "halvorsen-renewal-facts.yaml", FACTS)
    at.button(key="renewal_copy_upload").click().run()
    at.number_input(key=F + "seats_active").set_value(300).run()
    at.switch_page("views/insights.py").run()
    at.switch_page("views/renewal_plan.py").run()
    assert not at.exception
    assert at.radio(key=FROM).value == "Fill in the form"
    assert at.number_input(key=F + "seats_active").value == 300
    usage, stakeholders = (frame.value for frame in at.dataframe)
    assert usage["name"].iloc[0] == "Workflows in production"
    assert "Elena Vik" in set(stakeholders["name"])


def test_a_passed_renewal_date_shows_as_days_overdue() -> None:
    facts = FACTS.replace(b"as_of: 2029-08-07", b"as_of: 2030-02-01")
    at = plan(upload(open_page(), "facts.yaml", facts))
    assert metrics(at)["Renewal date passed"] == "18 days overdue"
