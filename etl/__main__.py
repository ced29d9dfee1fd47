"""``python -m etl [--db PATH] [--source PATH] [--curated DIR] [--releases DIR]``: build the
database.

Inputs are data/raw, data/curated and the monthly releases kept in data/releases unless
overridden.

Prints one line per table; on refused input prints the file, line and problem to stderr
and exits 1, leaving any existing database as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl import paths
from etl.build import build_database
from etl.errors import BuildError
from etl.inputs import Inputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="Build the trade mission database from the page and the curated files.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"database to write (default: ${paths.DB_ENV_VAR} or {paths.DEFAULT_DB_PATH.name})",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=paths.SOURCE_PATH,
        help="plain-text capture of the mission page (default: data/raw copy)",
    )
    parser.add_argument(
        "--curated",
        type=Path,
        default=paths.CURATED_DIR,
        help="folder of curated CSV files (default: data/curated), to try a curation change",
    )
    parser.add_argument(
        "--releases",
        type=Path,
        default=paths.RELEASES_DIR,
        help="folder of monthly releases kept by python -m etl.refresh (default: data/releases)",
    )
    args = parser.parse_args(argv)
    target = args.db if args.db is not None else paths.database_path()
    inputs = Inputs(
        source=args.source,
        curated_dir=args.curated,
        raw_dir=paths.RAW_DIR,
        releases_dir=args.releases,
    )
    try:
        report = build_database(inputs, target)
    except BuildError as error:
        print(f"etl: error: {error}", file=sys.stderr)
        print("etl: the existing database, if any, was left unchanged", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
