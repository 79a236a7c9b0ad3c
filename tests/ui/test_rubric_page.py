"""The Rubric and roster page through the app: edit, preview verdict changes on saved reports, save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from assistant.history import AccountHistory
from assistant.knowledge.load import load_knowledge
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, load_settings

APP = str(PROJECT_ROOT / "ui" / "app.py")
SHIPPED_RUBRIC = (PROJECT_ROOT / "knowledge" / "rubric.yaml").read_bytes()
# Title, problem, industry and size met, nothing on budget or timeline: a score of exactly 70.
ACME = (
    "Call with Dana Ruiz, VP Finance at Acme Logistics (about 300 employees). Invoice matching is "
    "manual and the team loses two days at every month-end close."
)


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("views/rubric_and_roster.py").run()
    assert not at.exception
    return at


def texts(elements: Iterable[Any]) -> list[str]:
    return [element.value for element in elements]


def save_acme() -> None:
    settings = load_settings()
    report = Assistant(settings).qualify(ACME, dt.date(2026, 11, 10))
    assert (report.verdict, report.score) == ("sales_qualified", 70.0)
    with AccountHistory.from_settings(settings) as history:
        history.save("Acme Logistics", "qualification", report, source_text=ACME)


def edit_table(
    at: AppTest,
    key: str,
    edited: dict[int, dict[str, Any]] | None = None,
    added: list[dict[str, Any]] | None = None,
) -> None:
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": []}


def test_every_field_of_the_forms_is_there(editable_library: tuple[Path, Path]) -> None:
    at = open_page()
    keys = {widget.key for widget in at.number_input}
    for name in ("title", "problem", "industry", "size", "budget", "timeline"):
        assert f"rubric_v0_weight_{name}" in keys
    assert at.number_input(key="rubric_v0_size_met_min").value == 200
    assert at.number_input(key="rubric_v0_budget_met_min").value == 25_000
    assert at.number_input(key="rubric_v0_timeline_partial_within_months").value == 12
    assert at.number_input(key="rubric_v0_qualified_min_score").value == 70
    industries = at.dataframe[0].value
    assert {"target", "other", "excluded"} == set(industries["tier"]) and "gambling" in set(industries["key"])
    people = at.dataframe[1].value
    assert len(people) == 20 and list(people.columns[:2]) == ["name", "role"]
    for key in ("rubric_preview", "rubric_save", "roster_check", "roster_save"):
        assert at.button(key=key).label


def test_raising_the_size_threshold_previews_a_verdict_change_without_saving(
    editable_library: tuple[Path, Path],
) -> None:
    save_acme()
    at = open_page()
    at.number_input(key="rubric_v0_size_met_min").set_value(500)
    at.button(key="rubric_preview").click().run()
    assert not at.exception and not at.error
    assert "1 of 1 saved reports would change verdict." in texts(at.caption)
    row = at.dataframe[1].value.iloc[0]
    assert (row["Account"], row["Verdict now"], row["Verdict if saved"]) == (
        "Acme Logistics",
        "sales_qualified",
        "nurture",
    )
    assert (row["Score now"], row["Score if saved"], row["Criteria that change"]) == (
        70.0,
        62.5,
        "size: met → partial",
    )
    assert load_knowledge(editable_library[1]).rubric.size.met_min == 200  # a preview writes nothing


def test_an_invalid_edit_is_a_readable_error_and_what_was_typed_stays(
    editable_library: tuple[Path, Path],
) -> None:
    at = open_page()
    at.number_input(key="rubric_v0_size_partial_min").set_value(5000)
    at.button(key="rubric_save").click().run()
    assert not at.exception
    (error,) = texts(at.error)
    assert (
        error.startswith("Checking the edited rubric failed")
        and "partial\\_min must not exceed met\\_min" in error
    )
    assert "Traceback" not in error
    assert at.number_input(key="rubric_v0_size_partial_min").value == 5000
    assert load_knowledge(editable_library[1]).rubric.size.partial_min == 50


def test_saving_writes_the_yaml_and_the_assistant_reloads_it(editable_library: tuple[Path, Path]) -> None:
    save_acme()
    folder = editable_library[1]
    at = open_page()
    at.number_input(key="rubric_v0_size_met_min").set_value(500)
    gambling = list(at.dataframe[0].value["key"]).index("gambling")
    edit_table(at, "rubric_v0_industries", edited={gambling: {"tier": "other"}})
    at.button(key="rubric_save").click().run()
    assert not at.exception and not at.error
    assert "Saved rubric.yaml; new qualifications use it from now on." in texts(at.success)
    text = (folder / "rubric.yaml").read_text(encoding="utf-8")
    assert "  met_min: 500        # employees" in text and text.startswith(
        "# The default qualification rubric"
    )
    rubric = load_knowledge(folder).rubric
    assert rubric.size.met_min == 500 and rubric.industry("gambling").tier == "other"  # type: ignore[union-attr]
    assert at.number_input(key="rubric_v1_size_met_min").value == 500  # the form starts again from the file
    assert Assistant(load_settings()).qualify(ACME, dt.date(2026, 11, 10)).verdict == "nurture"
    assert (PROJECT_ROOT / "knowledge" / "rubric.yaml").read_bytes() == SHIPPED_RUBRIC


def test_roster_edits_are_checked_then_saved(editable_library: tuple[Path, Path]) -> None:
    folder = editable_library[1]
    at = open_page()
    edit_table(
        at,
        "roster_v0_people",
        added=[{"name": "Lea Novak", "role": "industry_expert", "industries": ["shipbuilding"]}],
    )
    at.button(key="roster_check").click().run()
    assert not at.exception
    assert "unknown industry 'shipbuilding'" in texts(at.error)[0]
    edit_table(
        at,
        "roster_v0_people",
        edited={0: {"title": "Lead SDR"}},
        added=[{"name": "Lea Novak", "role": "industry_expert", "industries": ["healthcare"]}],
    )
    at.button(key="roster_save").click().run()
    assert not at.exception and not at.error
    assert "Saved roster.yaml with 21 people." in texts(at.success)
    roster = load_knowledge(folder).roster
    assert roster.people[0].title == "Lead SDR" and roster.people[-1].industries == ["healthcare"]
    assert "# Sales development: discovery and first qualification" in (folder / "roster.yaml").read_text(
        encoding="utf-8"
    )
