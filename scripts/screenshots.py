"""Full-height screenshots of the app's pages in headless Chromium, offline.

    python scripts/screenshots.py [--out artifacts/screenshots] [--width PX] [PATH ...]

PATH is a page address such as ``/`` or ``/sectors?sector=ict`` (default: every page in
every language). Requests outside localhost are blocked, as on a closed network; any
that were attempted are listed, as are error boxes seen on a page.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from etl.build import build_database
from etl.inputs import Inputs
from harness.rendering import wait_until_drawn, watch_rendering
from harness.server import CHROMIUM, CHROMIUM_ARGS, AppServer

SECTORS = (
    "advanced_manufacturing",
    "agriculture_processed_foods",
    "clean_technologies",
    "creative_industries",
    "ict",
)
PAGES = [
    "/",
    *(f"/sectors?sector={sector}" for sector in SECTORS),
    "/trade",
    "/trade?view=overview",
    "/trade?view=chapters",
    "/trade?hs=88",
    "/trade?province=QC",
    "/programme",
    "/self-assessment",
    "/sources",
    "/briefing",
]
DEFAULT_PATHS = [
    f"{page}{'&' if '?' in page else '?'}lang={lang}" for lang in ("en", "fr") for page in PAGES
]
WIDTH = 1400


def file_name(path: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
    return (name or "overview") + ".png"


def capture(base_url: str, paths: list[str], out: Path, width: int = WIDTH) -> int:
    problems = 0
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in paths:
            page = browser.new_page(viewport={"width": width, "height": 1000})
            external: list[str] = []

            def route(route, external=external):
                if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
                    route.continue_()
                else:
                    external.append(route.request.url)
                    route.abort()

            page.route("**/*", route)
            watch_rendering(page)
            page.goto(base_url + path)
            wait_until_drawn(page)
            height = page.evaluate(
                "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
            )
            page.set_viewport_size({"width": width, "height": min(height + 40, 12000)})
            wait_until_drawn(page)  # charts redraw at the new size
            target = out / file_name(path)
            page.screenshot(path=str(target))
            errors = page.locator(
                '[data-testid="stException"], [data-testid="stAlertContentError"]'
            )
            print(f"{target}  external={len(external)}  errors={errors.count()}")
            problems += len(external) + errors.count()
            for url in external:
                print("   blocked:", url)
            page.close()
        browser.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--out", type=Path, default=Path("artifacts/screenshots"))
    parser.add_argument("--width", type=int, default=WIDTH, help="viewport width (390: a phone)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "trade_mission.duckdb"
        build_database(Inputs.default(), db)  # with any release fetched
        server = AppServer(db, Path(folder) / "streamlit.log")
        try:
            problems = capture(server.url, args.paths, args.out, args.width)
        finally:
            server.stop()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
