"""Every kind through the Streamlit UI (AppTest, real widgets): a refusal is an error box with the
same clear message, no exception, and the text the user typed is still in the box; notes with
HTML or Markdown render as the text they are; a failed save keeps the report on screen."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import PROJECT_ROOT
from tests.bad_input.cases import Kind, cases
from tests.bad_input.conftest import CALL, BrokenFor, baseline
from tests.bad_input.faults import ACCOUNT, Env
from tests.bad_input.samples import GOOD

APP = str(PROJECT_ROOT / "ui" / "app.py")
NOTES, ACCOUNT_KEY, DATE = "typed_qualify_notes", "typed_qualify_account", "typed_qualify_call_date"
DRAFT = "my own draft notes, typed before the upload"
VERDICT_WORDS = {"sales_qualified": "Sales qualified", "nurture": "Nurture", "disqualified": "Disqualified"}
UNESCAPED = re.compile(r"(?<!\\)<\s*(script|img|iframe|b)\b|(?<!\\)!\[|(?<!\\)\]\((https?|javascript):", re.I)


def plain(value: str) -> str:
    """Streamlit-escaped text as the user reads it."""
    return re.sub(r"\\(.)", r"\1", value)


def errors(at: AppTest) -> list[str]:
    return [plain(element.value) for element in at.error]


def warnings(at: AppTest) -> list[str]:
    return [plain(element.value) for element in at.warning]


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def qualify(at: AppTest, notes: str | None = None, account: str = "") -> AppTest:
    if notes is not None:
        at.text_area(key=NOTES).input(notes)
    at.date_input(key=DATE).set_value(CALL)
    at.text_input(key=ACCOUNT_KEY).input(account)
    at.button(key="qualify_run").click()
    return run(at)


def refused(kind: Kind, at: AppTest) -> None:
    assert at.error, "an error box is shown"
    kind.refusal(" ".join(errors(at)))


def banner(at: AppTest) -> str:
    boxes = [*at.success, *at.warning, *at.error]
    return next(plain(box.value) for box in boxes if "· score" in box.value)


def rendered_safely(at: AppTest) -> None:
    """No HTML allowed, and nothing from the notes renders as a tag, an image or a link."""
    for element in at.markdown:
        assert not element.proto.allow_html
        assert not UNESCAPED.search(element.value), element.value[:200]


def read(kind: Kind, at: AppTest, env: Env) -> None:
    assert not at.error or all("· score" in e for e in errors(at)), errors(at)
    shown = banner(at)
    kind.warned(warnings(at))
    if kind.same_as is not None:
        expected = baseline(env, kind.same_as)
        assert f"**{VERDICT_WORDS[str(expected['verdict'])]}** · score {expected['score']:g}/100" == shown
    if kind.finds is not None:
        assert any(kind.finds in plain(element.value) for element in at.markdown)
    rendered_safely(at)


@pytest.mark.parametrize("kind", [c for c in cases("ui", "notes") if c.values[0].typed() is not None])  # type: ignore[attr-defined]
def test_typed_notes(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    typed = kind.typed()
    assert typed is not None
    at = qualify(app(), typed)
    if kind.refused is not None:
        refused(kind, at)
        assert at.text_area(key=NOTES).value == typed, "what was typed is kept"
        return
    read(kind, at, env)


@pytest.mark.parametrize("kind", [c for c in cases("ui", "notes") if c.values[0].file_bytes() is not None])  # type: ignore[attr-defined]
def test_uploaded_notes(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    data = kind.file_bytes()
    assert data is not None
    at = app()
    at.text_area(key=NOTES).input(DRAFT)
    at.file_uploader(key="qualify_upload").set_value((kind.name, data, "application/octet-stream"))
    run(at)
    if kind.refused is not None and at.error:  # refused as a file
        refused(kind, at)
        assert at.text_area(key=NOTES).value == DRAFT, "the draft survives a refused file"
        return
    from_file = at.text_area(key=NOTES).value
    assert from_file != DRAFT, "the file's text replaced the draft"
    at = qualify(at)
    if kind.refused is not None:  # read, but nothing to qualify in it
        refused(kind, at)
        assert at.text_area(key=NOTES).value == from_file
        assert at.button(key="qualify_restore").label, "the draft can be brought back"
        return
    read(kind, at, env)


@pytest.mark.parametrize("kind", cases("ui", "knowledge", "store"))
def test_a_broken_environment_shows_one_clear_error(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    at = qualify(app(), GOOD)
    refused(kind, at)
    assert at.text_area(key=NOTES).value == GOOD


@pytest.mark.parametrize("kind", cases("ui", "save"))
def test_a_failed_save_keeps_the_report(kind: Kind, env: Env, broken: BrokenFor) -> None:
    intact = broken(kind)
    at = qualify(app(), GOOD, ACCOUNT)
    assert "· score" in banner(at)
    at.button(key="qualify_save").click()
    run(at)
    refused(kind, at)
    assert "· score" in banner(at), "the report is still on screen"
    assert at.text_area(key=NOTES).value == GOOD
    intact()


def open_library() -> AppTest:
    at = app()
    at.switch_page("views/playbook_library.py")
    return run(at)


@pytest.mark.parametrize("kind", cases("ui", "playbook"))
def test_playbook_uploads(kind: Kind, env: Env, broken: BrokenFor) -> None:
    broken(kind)
    data = kind.file_bytes()
    assert data is not None
    files = {path.name: path.read_bytes() for path in env.playbooks.iterdir()}
    at = open_library()
    at.file_uploader(key="library_upload_0").set_value([(kind.name, data, "application/octet-stream")])
    at.checkbox(key="library_replace").check()
    at.button(key="library_add").click()
    run(at)
    if kind.refused is not None:
        refused(kind, at)
        assert {path.name: path.read_bytes() for path in env.playbooks.iterdir()} == files
        return
    assert any(kind.name in plain(box.value) for box in at.success), [box.value for box in at.success]
