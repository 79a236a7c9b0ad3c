"""Run AppTest the way `sales-assistant ui` serves the app: Streamlit's pages-folder mode off.

AppTest resets `PagesManager.uses_pages_directory` before every run, so each rerun after the
first would run a page script directly, skipping ui/app.py and its password gate. The served
app never does (ui/serve.py); this patch makes AppTest behave like it.
"""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.runtime.pages_manager import PagesManager

from ui.serve import disable_pages_folder_mode


def serve_like_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every AppTest run starts at ui/app.py, as under `sales-assistant ui`."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        disable_pages_folder_mode()

    monkeypatch.setattr(PagesManager, "__init__", init)
