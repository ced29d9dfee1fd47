"""``python -m etl.checksums [--raw DIR]``: record the checksum of every file under
data/raw in data/raw/SHA256SUMS (``make checksums``), after a deliberate change to one.
What the build checks against the list: ``etl.rawfiles``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl import paths
from etl.rawfiles import FILE_NAME, RECORD, record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=RECORD, description="Record the checksum of every file under data/raw."
    )
    parser.add_argument("--raw", type=Path, default=paths.RAW_DIR, help="default: data/raw")
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"{RECORD}: error: {args.raw} is not a folder", file=sys.stderr)
        return 2
    names = record(args.raw)
    print(f"recorded {len(names)} files in {paths.display_path(args.raw / FILE_NAME)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
