"""Serve the dashboard: ``streamlit run app.py`` plus one start-up setting.

    python scripts/serve.py [streamlit options, e.g. --server.port 8501]

Streamlit treats a ``pages/`` folder beside the entry point as a legacy multipage app
until some run has called ``st.navigation``. Until then, a first visitor arriving on a
deep link such as ``/self-assessment`` gets a "Page not found" dialog over the right
page (streamlit/streamlit#8860, #9992). This project's ``pages/`` holds ``st.navigation``
pages only, so the legacy mode is switched off before the server starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
