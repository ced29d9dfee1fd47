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
import sys
from collections.abc import Callable
from pathlib import Path

from trade_mission.command_line import USAGE_ERROR, OneLineParser, UsageError
from trade_mission.data.bootstrap import open_database
from trade_mission.rules.eligibility import Assessment, ProfileError, assess, parse_profile
from trade_mission.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language, normalise_language
from trade_mission.views.assessment import load_facts

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_as_of(text: str) -> dt.datetime | dt.date:
    """An ISO-8601 date or date-time; a date or a time without offset is read in Pacific time."""
    try:
        if len(text.strip()) == 10:
            return dt.date.fromisoformat(text.strip())
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ProfileError("--as-of", f"{text!r} is not an ISO-8601 date or date-time") from None


def read_profile(argument: str) -> object:
    try:
        text = sys.stdin.read() if argument == "-" else Path(argument).read_text(encoding="utf-8")
    except OSError as error:
        raise ProfileError("PROFILE", f"cannot read {argument}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ProfileError("PROFILE", f"{argument} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError(
            "PROFILE", f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


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
        as_of = parse_as_of(args.as_of) if args.as_of else clock()
        data = read_profile(args.profile)
        facts = load_facts(open_database())
        profile = parse_profile(data, facts)
    except (UsageError, ProfileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    output = assess(profile, facts, as_of).to_json()
    if lang != DEFAULT_LANGUAGE:
        add_translations(output, assess(profile, facts, as_of, lang), lang)
    json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
