"""Serve the app with `sales-assistant ui` on loopback and drive it in headless Chromium.

Used by the end-to-end test and by scripts/screenshots.py. Debian's `chromium` and
`chromium-driver` packages provide the browser and the driver; Selenium talks to them.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
START_TIMEOUT_S = 90.0


def browser_missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -r requirements-dev.txt)"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served_app(log_path: Path, env: Mapping[str, str]) -> Iterator[str]:
    """`sales-assistant ui` on a free loopback port; yields its URL once /_stcore/health is ok."""
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from assistant.cli.main import main; main()",
        "ui",
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for_health(url, process, log_path)
            yield url
        finally:
            _stop(process)


def _wait_for_health(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the app did not answer on {url} in {START_TIMEOUT_S:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the command and the Streamlit server it started (one process group, ours)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def chromium(profile_dir: Path, width: int = 1400, height: int = 1100) -> Iterator[WebDriver]:
    """Headless Chromium with a throwaway profile and nothing phoning home."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--window-size={width},{height}",
        f"--user-data-dir={profile_dir}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def keyed(driver: WebDriver, key: str, inner: str = "", timeout: float = 60) -> WebElement:
    """The element of the widget with this Streamlit key (or a child matching `inner`), once shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    selector = f".st-key-{key} {inner}".strip()
    element: WebElement = WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, selector))
    )
    return element


def clickable(driver: WebDriver, key: str, inner: str = "", timeout: float = 30) -> WebElement:
    """Like `keyed`, but waits until the element is visible and enabled (expanders animate open)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    selector = f".st-key-{key} {inner}".strip()
    element: WebElement = WebDriverWait(driver, timeout).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, selector))
    )
    return element


def wait_for_text(driver: WebDriver, text: str, timeout: float = 90) -> None:
    """Wait until the page shows `text` (and no run is in progress)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)


def wait_until_idle(driver: WebDriver, timeout: float = 90) -> None:
    """Wait until Streamlit has finished the current run (its status widget is gone)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    time.sleep(0.5)
    WebDriverWait(driver, timeout).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]')
    )


def type_into(element: WebElement, text: str) -> None:
    """Replace a field's content the way a person would, then commit it (Tab leaves the field)."""
    from selenium.webdriver.common.keys import Keys

    element.click()
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)
    element.send_keys(Keys.TAB)


def set_date(driver: WebDriver, key: str, value: dt.date) -> None:
    """Type a date into a Streamlit date field (year, month and day segments), then leave it."""
    from selenium.webdriver.common.keys import Keys

    year = keyed(driver, key, '[data-type="year"]')
    year.click()
    year.send_keys(f"{value.year:04d}")
    keyed(driver, key, '[data-type="month"]').send_keys(f"{value.month:02d}")
    day = keyed(driver, key, '[data-type="day"]')
    day.send_keys(f"{value.day:02d}")
    day.send_keys(Keys.TAB)


def choose(driver: WebDriver, key: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by typing its label (retried if a rerun redraws it)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.keys import Keys

    for attempt in range(3):
        try:
            field = clickable(driver, key, 'input[role="combobox"]', timeout=10)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
            field.click()
            field.send_keys(option)
            field.send_keys(Keys.ENTER)
            break
        except WebDriverException:  # redrawn by a rerun, covered, or still sliding open
            if attempt == 2:
                raise
            wait_until_idle(driver)
    wait_until_idle(driver)


def open_expander(driver: WebDriver, label: str) -> None:
    """Open the expander whose summary shows this label, and wait until it is open."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait_until_idle(driver)
    found = [
        details
        for details in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stExpander"] details')
        if label in details.find_element(By.TAG_NAME, "summary").text
    ]
    if not found:
        raise LookupError(f"no expander labelled {label!r}")
    expander = found[0]
    if expander.get_attribute("open") is None:
        summary = expander.find_element(By.TAG_NAME, "summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
    WebDriverWait(driver, 10).until(lambda _: expander.get_attribute("open") is not None)
    time.sleep(0.5)  # the content slides open
