"""`python -m ui.serve run ui/app.py ...`: Streamlit's own command line, with its pages-folder mode off.

Why: Streamlit treats a `pages/` folder beside the main script as an old-style multipage app
until the first `st.navigation` call in the process. Our pages live in `ui/views/` so that never
happens; this switch is defence in depth should someone add a `pages/` folder. Until then a request for a page URL (a
browser tab reconnecting after a restart, a bookmark) runs that page's script directly,
without `ui/app.py`, and so without its password gate; and once that happened the whole
process stayed in that mode. Switching the mode off before the server starts makes every run
go through `ui/app.py`. `sales-assistant ui` starts the app this way.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.cli import main


def disable_pages_folder_mode() -> None:
    """Every run starts at ui/app.py; `st.navigation` there decides which page runs."""
    PagesManager.uses_pages_directory = False


if __name__ == "__main__":
    disable_pages_folder_mode()
    main(prog_name="streamlit")
