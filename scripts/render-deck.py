"""Render the briefing deck's slides to PNG with LibreOffice, to look at them as a room will.

    python scripts/render-deck.py [--out artifacts/deck] [briefing options...]

Builds the deck in English and in French (``trade_mission.briefing`` with any options
given, such as ``--sectors ict``), converts each to PDF with LibreOffice headless
(``soffice``; Debian's ``libreoffice-impress``) and each page to PNG with ``pdftoppm``
(``poppler-utils``), then writes one contact sheet per language. Exits 1 when a tool is
missing, with the package to install.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

TOOLS = {"soffice": "libreoffice-impress", "pdftoppm": "poppler-utils"}
TIMEOUT = 300


def contact_sheet(pages: list[Path], target: Path, columns: int = 4) -> None:
    images = [Image.open(page) for page in pages]
    width, height = images[0].size
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (width * columns, height * rows), "white")
    for index, image in enumerate(images):
        sheet.paste(image, ((index % columns) * width, (index // columns) * height))
    sheet.save(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "deck")
    args, options = parser.parse_known_args()
    missing = [
        f"{tool} (apt-get install {package})"
        for tool, package in TOOLS.items()
        if shutil.which(tool) is None
    ]
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        deck = args.out / f"deck-{lang}.pptx"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "trade_mission.briefing",
                "--out",
                str(deck),
                "--lang",
                lang,
                *options,
            ],
            cwd=ROOT,
            check=True,
            timeout=TIMEOUT,
        )
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(args.out), str(deck)],
            check=True,
            timeout=TIMEOUT,
            capture_output=True,
        )
        for old in args.out.glob(f"slide-{lang}-*.png"):
            old.unlink()
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                str(deck.with_suffix(".pdf")),
                str(args.out / f"slide-{lang}"),
            ],
            check=True,
            timeout=TIMEOUT,
        )
        pages = sorted(args.out.glob(f"slide-{lang}-*.png"))
        contact_sheet(pages, args.out / f"slides-{lang}.png")
        print(f"{len(pages)} slides: {args.out / f'slides-{lang}.png'} and slide-{lang}-NN.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
