"""End to end: `sales-assistant ui` on loopback, driven in headless Chromium like a rep would use it.

Skipped where Chromium or chromedriver is missing, unless ASSISTANT_REQUIRE_BROWSER=1 (CI sets
it), in which case a missing browser fails the run instead of hiding the test.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.settings import PROJECT_ROOT
from tests.ui.browser import browser_missing, chromium, keyed, served_app, set_date, type_into, wait_for_text

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser_ready() -> None:
    reason = browser_missing()
    if reason and os.environ.get("ASSISTANT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ASSISTANT_REQUIRE_BROWSER=1 but {reason}")
    if reason:
        pytest.skip(reason)


@pytest.fixture
def app_url(browser_ready: None, tmp_path: Path) -> Iterator[str]:
    env = {"ASSISTANT_DATA_DIR": str(tmp_path / "data"), "ASSISTANT_EMBEDDING": "hashing"}
    with served_app(tmp_path / "server.log", env) as url:
        yield url


@pytest.fixture
def driver(app_url: str, tmp_path: Path) -> Iterator[WebDriver]:
    with chromium(tmp_path / "profile", height=2400) as browser:
        browser.get(app_url)
        yield browser


def test_a_pasted_note_is_qualified_in_the_browser(driver: WebDriver, tmp_path: Path) -> None:
    type_into(keyed(driver, "typed_qualify_account", "input"), "Halvorsen Regional Bank")
    type_into(keyed(driver, "typed_qualify_notes", "textarea"), HALVORSEN)
    set_date(driver, "typed_qualify_call_date", dt.date(2026, 11, 10))
    keyed(driver, "qualify_run", "button").click()

    wait_for_text(driver, "Sales qualified · score 100/100")
    page = driver.find_element("tag name", "body").text
    assert "call date 2026-11-10" in page
    assert "Kenji Watanabe" in page and "$180k approved for FY27 operations automation." in page
    screenshot = tmp_path / "qualify.png"
    assert driver.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000


def test_markup_in_notes_shows_as_text_and_loads_nothing(driver: WebDriver) -> None:
    notes = (
        "Call with Dana Ruiz, VP Finance at Acme Logistics (~2k employees). <b>bold</b>\n"
        '![pixel](http://127.0.0.1:9/pixel.png) <img src="http://127.0.0.1:9/leak.png"> **strong**\n'
        "Pricing sheet at https://127.0.0.1:9/phish or www.example.org; write to dana@acme.example"
    )
    type_into(keyed(driver, "typed_qualify_notes", "textarea"), notes)
    keyed(driver, "qualify_run", "button").click()

    wait_for_text(driver, "Evidence in the notes")
    view = keyed(driver, "qualify_notes_view")
    shown = view.text.replace("\u2060", "")  # the word joiners that keep URLs from linking
    assert "![pixel](http://127.0.0.1:9/pixel.png)" in shown and "<b>bold</b>" in shown
    assert "**strong**" in view.text
    sources = [img.get_attribute("src") or "" for img in driver.find_elements("tag name", "img")]
    assert not [src for src in sources if "127.0.0.1:9" in src]
    assert not view.find_elements("tag name", "b")
    assert not view.find_elements("tag name", "a"), "a URL or address in the notes became a link"
    assert "https://127.0.0.1:9/phish" in shown and "dana@acme.example" in shown
