"""``python -m trade_mission.briefing --out deck.pptx [--sectors all|ID,ID] [--no-programme]
[--no-eligibility] [--no-trade] [--lang en|fr]``

The briefing deck's command line: writes the deck the briefing page offers (see
``trade_mission.reports.deck``). An unknown sector id, an unwritable path or an unknown
option exits 2 with one line.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from trade_mission.command_line import USAGE_ERROR, OneLineParser, UsageError
from trade_mission.data import queries
from trade_mission.data.bootstrap import open_database
from trade_mission.reports.briefing_data import BriefingOptions
from trade_mission.reports.deck import build_deck, slide_count
from trade_mission.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise_language
from trade_mission.views.briefing import load_briefing_data

Today = Callable[[], dt.date]


def parse_sectors(text: str, known: list[str]) -> tuple[str, ...]:
    if text.strip() == "all":
        return tuple(known)
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [sector for sector in chosen if sector not in known]
    if unknown or not chosen:
        named = ", ".join(repr(sector) for sector in unknown) or repr(text)
        raise UsageError(f"--sectors: unknown sector id {named}; known: all, {', '.join(known)}")
    return tuple(dict.fromkeys(chosen))


def write_atomically(out: Path, content: bytes) -> None:
    """The deck written beside ``out`` and moved over it in one step: a reader never sees
    half a deck, and a link at ``out`` is replaced, not written through."""
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name[:100]}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None, today: Today = dt.date.today) -> int:
    parser = OneLineParser(
        prog="python -m trade_mission.briefing", description="Build the briefing deck."
    )
    parser.add_argument("--out", required=True, type=Path, help="where to write the .pptx")
    parser.add_argument(
        "--sectors", default="all", help="all (default) or sector ids, comma-separated"
    )
    parser.add_argument(
        "--no-programme",
        action="store_true",
        help="leave out the programme slides (where and when, what it includes)",
    )
    parser.add_argument(
        "--no-eligibility",
        action="store_true",
        help="leave out taking part: who can take part, before applying, costs and travel",
    )
    parser.add_argument(
        "--no-trade",
        action="store_true",
        help="leave out the trade statistics: the trade slides, the latest months and each "
        "sector's goods trade",
    )
    parser.add_argument("--lang", default=DEFAULT_LANGUAGE, help="en (default) or fr")
    try:
        args = parser.parse_args(argv)
        lang = normalise_language(args.lang)
        if lang is None or lang != args.lang:
            raise UsageError(f"--lang: must be one of {', '.join(LANGUAGES)}")
        out = args.out.expanduser()
        try:  # a name too long for the file system raises here, not only on writing
            writable = out.parent.is_dir() and os.access(out.parent, os.W_OK)
            existing = os.lstat(out) if os.path.lexists(out) else None
        except OSError as error:
            raise UsageError(f"--out: cannot write {str(out)!r}: {error.strerror}") from None
        if not writable:
            raise UsageError(f"--out: cannot write {str(out)!r}")
        # A name longer than the folder allows is refused now, not after the deck is drawn
        # (a file system that cannot say leaves it to the write).
        try:
            longest: int | None = os.pathconf(out.parent, "PC_NAME_MAX")
        except (OSError, ValueError):
            longest = None
        if longest is not None and len(os.fsencode(out.name)) > longest:
            raise UsageError(f"--out: the file name is longer than {longest} bytes")
        # Only a new file or a regular one is replaced: never a directory, a FIFO (which
        # would wait for a reader forever) or a device. A symbolic link is replaced by the
        # deck, not followed into the file it points at.
        if existing is not None and not (
            stat.S_ISREG(existing.st_mode) or stat.S_ISLNK(existing.st_mode)
        ):
            raise UsageError(f"--out: {str(out)!r} is not a regular file")
        con = open_database()
        # Checked before the deck's data are read and drawn, which takes a second.
        sectors = parse_sectors(args.sectors, queries.sector_ids(con))
        data = load_briefing_data(con, lang)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    options = BriefingOptions(
        sectors, not args.no_programme, not args.no_eligibility, lang, not args.no_trade
    )
    content = build_deck(data, options, today())
    try:
        write_atomically(out, content)
    except OSError as error:
        print(f"error: --out: cannot write {str(out)!r}: {error.strerror}", file=sys.stderr)
        return USAGE_ERROR
    print(f"wrote {out} ({slide_count(content)} slides)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
