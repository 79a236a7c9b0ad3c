"""Screenshots of every page for the README: `python scripts/screenshots.py [--out docs/screenshots]`.

Serves the app with `sales-assistant ui` on loopback with a throwaway data directory, qualifies
and saves the shipped example note (so the history and insights have something to show), then
captures each page at its full height in headless Chromium. Needs `chromium`, `chromium-driver`
and selenium (requirements-dev.txt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.browser import (  # noqa: E402
    browser_missing,
    choose,
    chromium,
    keyed,
    open_expander,
    served_app,
    set_date,
    type_into,
    wait_for_text,
    wait_until_idle,
)

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

EXAMPLE = ROOT / "examples" / "halvorsen-discovery-call.txt"
WON_DEAL = ROOT / "examples" / "halvorsen-won-deal-notes.md"
RENEWAL_FACTS = ROOT / "examples" / "halvorsen-renewal-facts.yaml"
PAGES = {
    "playbook-library": "playbook_library",
    "rubric-and-roster": "rubric_and_roster",
    "insights": "insights",
}
WIDTH = 1400


def capture(driver: WebDriver, path: Path) -> None:
    """Resize the window to the page's content height, then save the screenshot."""
    wait_until_idle(driver)
    height = driver.execute_script(
        "const main = document.querySelector('[data-testid=\"stMain\"]');"
        "return Math.max(main ? main.scrollHeight : 0, document.body.scrollHeight);"
    )
    driver.set_window_size(WIDTH, min(int(height) + 120, 6000))
    time.sleep(1.0)
    driver.save_screenshot(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def qualify_example(driver: WebDriver) -> None:
    """Fill the Qualify page the way a rep would, run it and save the report."""
    type_into(keyed(driver, "typed_qualify_account", "input"), "Halvorsen Regional Bank")
    type_into(keyed(driver, "typed_qualify_notes", "textarea"), EXAMPLE.read_text(encoding="utf-8"))
    set_date(driver, "typed_qualify_call_date", dt.date(2026, 11, 10))
    keyed(driver, "qualify_run", "button").click()
    wait_for_text(driver, "Sales qualified · score")
    wait_until_idle(driver)
    keyed(driver, "qualify_save", "button").click()
    wait_for_text(driver, "as record #")


def override_timeline(driver: WebDriver) -> None:
    """Override one criterion with a reason; the saved record is updated with it."""
    open_expander(driver, "Override a criterion")
    choose(driver, "override_criterion", "Timeline")
    choose(driver, "override_status", "partial")
    type_into(keyed(driver, "typed_override_reason", "input"), "Legal review moves the signature to June")
    type_into(keyed(driver, "typed_override_by", "input"), "Sam (SDR)")
    keyed(driver, "override_apply", "button").click()
    wait_for_text(driver, "saved record #1 updated")


def handoff_example(driver: WebDriver, url: str) -> None:
    """Brief the saved bank from the won-deal notes (the AE's handoff to Customer Success)."""
    driver.get(f"{url}/handoff_brief")
    choose(driver, "typed_handoff_account_pick", "Halvorsen Regional Bank")
    wait_for_text(driver, "On file for Halvorsen Regional Bank")
    type_into(keyed(driver, "typed_handoff_notes", "textarea"), WON_DEAL.read_text(encoding="utf-8"))
    wait_until_idle(driver)
    set_date(driver, "typed_handoff_as_of", dt.date(2026, 11, 20))
    wait_until_idle(driver)
    keyed(driver, "handoff_run", "button").click()
    wait_for_text(driver, "not saved yet")
    wait_until_idle(driver)
    keyed(driver, "handoff_save", "button").click()
    wait_for_text(driver, "Saved to the history of")


def renewal_example(driver: WebDriver, url: str) -> None:
    """Plan the bank's renewal from the example facts file."""
    driver.get(f"{url}/renewal_plan")
    choose(driver, "typed_renewal_account_pick", "Halvorsen Regional Bank")
    wait_for_text(driver, "On file for Halvorsen Regional Bank")
    keyed(driver, "renewal_upload", 'input[type="file"]').send_keys(str(RENEWAL_FACTS))
    wait_for_text(driver, "Copy into the form")
    wait_until_idle(driver)
    keyed(driver, "renewal_run", "button").click()
    wait_for_text(driver, "not saved yet")
    wait_until_idle(driver)
    keyed(driver, "renewal_save", "button").click()
    wait_for_text(driver, "Saved the facts and the plan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    missing = browser_missing()
    if missing:
        print(f"cannot take screenshots: {missing}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sales-assistant-screens-") as scratch:
        work = Path(scratch)
        env = {"ASSISTANT_DATA_DIR": str(work / "data")}
        with served_app(work / "server.log", env) as url, chromium(work / "profile", WIDTH, 1200) as driver:
            driver.get(url)
            qualify_example(driver)
            capture(driver, args.out / "qualify.png")
            override_timeline(driver)
            capture(driver, args.out / "qualify-override.png")
            handoff_example(driver, url)
            capture(driver, args.out / "handoff-brief.png")
            driver.set_window_size(WIDTH, 1200)
            renewal_example(driver, url)
            capture(driver, args.out / "renewal-plan.png")
            for name, path in PAGES.items():
                driver.set_window_size(WIDTH, 1200)
                driver.get(f"{url}/{path}")
                time.sleep(2.0)
                capture(driver, args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
