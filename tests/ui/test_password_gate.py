"""The optional UI password (ASSISTANT_UI_PASSWORD): nothing but the login form until it is typed,
a wrong one refused, the right one opens every page, and Log out locks again. AppTest runs the
app as `sales-assistant ui` serves it (tests/ui/served_mode.py); the browser test checks the
served app itself, where a page's own URL must not get past the gate either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import PROJECT_ROOT
from tests.ui.browser import browser_missing, chromium, served_app, wait_for_text
from tests.ui.served_mode import serve_like_the_cli
from ui.auth import client_key, login_throttle
from ui.login_throttle import FREE_FAILURES

APP = str(PROJECT_ROOT / "ui" / "app.py")
PASSWORD = "correct horse battery"
TYPED, SUBMIT = "ui_password_typed", "ui_login_submit"


@pytest.fixture(autouse=True)
def _served(monkeypatch: pytest.MonkeyPatch) -> None:
    serve_like_the_cli(monkeypatch)
    monkeypatch.setenv("ASSISTANT_EMBEDDING", "hashing")


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSISTANT_UI_PASSWORD", PASSWORD)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


def titles(at: AppTest) -> list[str]:
    return [title.value for title in at.title]


def shows_only_the_login(at: AppTest) -> None:
    assert titles(at) == ["Sales assistant"]
    assert at.text_input(key=TYPED).proto.type == at.text_input(key=TYPED).proto.PASSWORD
    assert not at.text_area and not at.dataframe and not at.sidebar.markdown, "no page content while locked"


def log_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key=TYPED).input(password)
    at.button(key=SUBMIT).click().run()
    assert not at.exception
    return at


def test_without_a_password_the_app_opens_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSISTANT_UI_PASSWORD", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert titles(at) == ["Qualify a lead"]
    assert not at.sidebar.button, "no Log out button when there is nothing to log out of"


def test_locked_until_the_password_and_no_page_runs(locked: AppTest) -> None:
    shows_only_the_login(locked)
    locked.switch_page("views/insights.py").run()
    shows_only_the_login(locked)


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    """Each test starts with no failures on record (the table is process-wide)."""
    login_throttle().clear()


def test_guessing_is_throttled_and_not_even_checked_while_waiting(locked: AppTest) -> None:
    for _ in range(FREE_FAILURES + 1):
        log_in(locked, "a wrong guess")
    assert any("Too many wrong passwords" in error.value for error in locked.error)
    log_in(locked, PASSWORD)
    shows_only_the_login(locked)  # the right password waits too: a guesser learns nothing
    login_throttle().succeeded(client_key())
    log_in(locked, PASSWORD)
    assert titles(locked) == ["Qualify a lead"]


def test_a_wrong_password_is_refused(locked: AppTest) -> None:
    for attempt in ("", "correct horse", PASSWORD.upper()):
        log_in(locked, attempt)
        shows_only_the_login(locked)
        assert [error.value for error in locked.error] == ["Wrong password. Try again."]
    assert locked.text_input(key=TYPED).value == "", "the typed password is not kept"


def test_the_right_password_opens_every_page_and_log_out_locks_again(locked: AppTest) -> None:
    log_in(locked, PASSWORD)
    assert titles(locked) == ["Qualify a lead"] and not locked.error
    locked.switch_page("views/insights.py").run()
    assert titles(locked) == ["Insights"]
    locked.sidebar.button(key="ui_log_out").click().run()
    shows_only_the_login(locked)


def test_changing_the_password_locks_open_sessions(locked: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    log_in(locked, PASSWORD)
    monkeypatch.setenv("ASSISTANT_UI_PASSWORD", "a brand new password")
    locked.run()
    shows_only_the_login(locked)


def test_a_too_short_password_keeps_the_app_locked_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_UI_PASSWORD", "short")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception and "Qualify a lead" not in titles(at)
    message = re.sub(r"\\(.)", r"\1", at.error[0].value)
    assert "ui_password: the UI password needs at least 8 characters" in message
    assert "short" not in message.replace("at least", ""), "the rejected password is not echoed"


@pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")
def test_the_served_app_keeps_a_pages_own_url_behind_the_gate(tmp_path: Path) -> None:
    """A page's own URL (/insights) on a fresh server must still pass ui/app.py's gate: the pages
    live in ui/views/, not pages/, so Streamlit's folder mode never runs one directly."""
    env = {
        "ASSISTANT_UI_PASSWORD": PASSWORD,
        "ASSISTANT_EMBEDDING": "hashing",
        "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
    }
    with served_app(tmp_path / "server.log", env) as url, chromium(tmp_path / "profile") as driver:
        for _ in range(2):  # the first run of the process, then a later one
            driver.get(f"{url}/insights")
            wait_for_text(driver, "This app asks for a password")
            body = driver.find_element("tag name", "body").text
            assert "Charts over every qualification" not in body and "Insights" not in body
