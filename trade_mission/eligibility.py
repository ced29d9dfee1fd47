"""``python -m trade_mission.eligibility PROFILE.json|- [--as-of ISO-8601] [--lang fr]``

The self-assessment's command line: prints one JSON object (``verdict``, ``track``,
``b2b_meetings``, ``registration_open``, ``cities``, ``criteria``, ``warnings``) and exits
0 for any valid profile; invalid input exits 2 with one line naming the field. With
``--lang fr`` every id and the English stay, and ``explanation_fr`` and ``warnings_fr``
are added. A yes/no answer is ``true``, ``false``, ``"not_sure"`` (its criterion's status
is then ``not_sure``, with how to find out) or null. The rules are
``trade_mission.rules.eligibility``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from trade_mission.command_line import USAGE_ERROR, OneLineParser, UsageError
from trade_mission.data.bootstrap import open_database
from trade_mission.rules import timeline
from trade_mission.rules.eligibility import Assessment, ProfileError, assess, parse_profile
from trade_mission.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language, normalise_language
from trade_mission.views.assessment import load_facts

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# Any instant the rules compare must stay a representable date a day either way, once
# moved to UTC ("9999-12-31T23:00" Pacific time is already in year 10000 there).
AS_OF_MARGIN = dt.timedelta(days=1)
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC) + AS_OF_MARGIN
LATEST = dt.datetime.max.replace(tzinfo=dt.UTC) - AS_OF_MARGIN


def parse_as_of(text: str, time_zone: str) -> dt.datetime | dt.date:
    """An ISO-8601 date or date-time; a date or a time without offset is read in
    ``time_zone`` (the deadline's, Pacific time)."""
    try:
        if len(text.strip()) == 10:
            moment: dt.datetime | dt.date = dt.date.fromisoformat(text.strip())
        else:
            moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ProfileError("--as-of", f"{text!r} is not an ISO-8601 date or date-time") from None
    try:
        utc: dt.datetime | None = timeline.as_instant(moment, time_zone).astimezone(dt.UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise ProfileError("--as-of", f"{text!r} is too far in the past or future")
    return moment


# A profile is a few hundred bytes; /dev/zero or a runaway pipe is cut off, not read forever.
MAX_PROFILE_BYTES = 1_000_000


def read_profile(argument: str) -> object:
    try:
        if argument == "-":
            stream = getattr(sys.stdin, "buffer", None)  # a text stream in tests
            raw = (
                stream.read(MAX_PROFILE_BYTES + 1)
                if stream is not None
                else sys.stdin.read(MAX_PROFILE_BYTES + 1).encode("utf-8")
            )
        else:
            with Path(argument).open("rb") as file:
                raw = file.read(MAX_PROFILE_BYTES + 1)
        if len(raw) > MAX_PROFILE_BYTES:
            raise ProfileError("PROFILE", f"is larger than {MAX_PROFILE_BYTES:,} bytes")
        text = raw.decode("utf-8")
    except OSError as error:
        raise ProfileError("PROFILE", f"cannot read {argument[:80]!r}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ProfileError("PROFILE", f"{argument[:80]!r} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError(
            "PROFILE", f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise ProfileError("PROFILE", "holds a number too long to be an answer") from None
    except RecursionError:
        raise ProfileError("PROFILE", "is nested too deeply to be a profile") from None


def add_translations(output: dict, translated: Assessment, lang: Language) -> None:
    """Add ``explanation_<lang>`` to each criterion and ``warnings_<lang>``; ids and the
    English stay as they are, so scripts reading the English keep working."""
    for item, result in zip(output["criteria"], translated.criteria, strict=True):
        item[f"explanation_{lang}"] = result.to_json()["explanation"]
    output[f"warnings_{lang}"] = list(translated.warnings)


def main(argv: list[str] | None = None, clock: Clock = utc_now) -> int:
    parser = OneLineParser(
        prog="python -m trade_mission.eligibility",
        description="Check an organization against the trade mission's published criteria.",
    )
    parser.add_argument("profile", metavar="PROFILE", help="JSON file of answers, or - for stdin")
    parser.add_argument("--as-of", help="ISO-8601 instant to judge registration at (default now)")
    parser.add_argument("--lang", default=DEFAULT_LANGUAGE, help="en (default) or fr")
    try:
        args = parser.parse_args(argv)
        lang = normalise_language(args.lang)
        if lang is None or lang != args.lang:
            raise ProfileError("--lang", f"must be one of {', '.join(LANGUAGES)}")
        data = read_profile(args.profile)
        facts = load_facts(open_database())
        # Given but empty is a mistake, not "now".
        as_of = clock() if args.as_of is None else parse_as_of(args.as_of, facts.time_zone)
        profile = parse_profile(data, facts)
    except (UsageError, ProfileError) as error:
        print(f"error: {short_message(str(error))}", file=sys.stderr)
        return USAGE_ERROR
    output = assess(profile, facts, as_of).to_json()
    if lang != DEFAULT_LANGUAGE:
        add_translations(output, assess(profile, facts, as_of, lang), lang)
    try:
        json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # Piped into `head`: the reader has what it wanted. Python would print a
        # traceback when it flushes stdout at exit; point stdout at nowhere instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def short_message(text: str, limit: int = 300) -> str:
    """An error on one line, printable, and short: a 10 MB answer is not echoed back."""
    printable = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
