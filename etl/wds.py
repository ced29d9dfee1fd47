"""Statistics Canada's Web Data Service (WDS) answers, read strictly.

``read_answer`` turns the body of a ``getDataFromVectorsAndLatestNPeriods`` answer into
monthly values, or raises ``AnswerRefused`` with one line naming what is wrong. The
refresh reads an answer with it before keeping it, and the build reads every kept answer
with it again, so an answer the refresh would refuse never reaches the database.

The documented shape (data/raw/trade-monthly/README.md) is a JSON array with one element
per vector asked for: ``{"status": "SUCCESS", "object": {"responseStatusCode": 0,
"vectorId": 87008879, "vectorDataPoint": [{"refPer": "2026-07-01", "value": 1026.2,
"decimals": 1, "scalarFactorCode": 6, "symbolCode": 0, "statusCode": 0, "releaseTime":
"2026-09-03T08:30", ...}]}}``. Values of table 12-10-0011-01 are millions of dollars
(scalar factor 6) with one decimal; a ``symbolCode`` or ``statusCode`` other than 0 is a
flag (preliminary, revised, use with caution...) kept with the value.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal

SCALAR_MILLIONS = 6  # WDS scalarFactorCode for "millions"
DECIMALS = 1  # the table publishes one decimal
# ASCII digits only (\d also takes "２０２６"), and \Z: "$" would let a trailing newline in.
REF_PERIOD = re.compile(r"([0-9]{4})-([0-9]{2})-01\Z")
RELEASE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}\Z")
# What an answer may hold: nested no deeper than the documented shape needs, no integer
# longer than a value can be (Python would spend seconds converting 5,000 digits).
MAX_DEPTH = 20
# Millions of dollars: no month of any partner comes near a billion millions.
MAX_VALUE = 1e9
MAX_NUMBER_CHARS = 40
# WDS response status codes (getCodeSets, wdsResponseStatus), for a refusal's message.
RESPONSE_STATUS = {
    1: "invalid date",
    2: "invalid cube and series combination",
    3: "request failed",
    4: "vector is invalid",
    5: "cube product id is invalid",
    6: "the table is being published; try again later",
    7: "the table is not available",
    8: "invalid number of reference periods",
}


def printable(value: object, limit: int = 80) -> str:
    """Text from the server for a message: one line, no control characters (an escape
    sequence would reach the operator's terminal), at most ``limit`` characters."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AnswerRefused(Exception):
    """A WDS answer that is not what the project can keep; ``str()`` is one line."""


@dataclass(frozen=True)
class Point:
    """One month of one vector, as the WDS published it."""

    vector: str  # "v87008879"
    ref_month: dt.date  # the first day of the month
    value: Decimal  # millions of dollars, exactly as published
    status_code: int  # 0: normal
    symbol_code: int  # 0: none; 1: preliminary; 3: revised
    release_time: dt.datetime  # when Statistics Canada released this value (Ottawa time)


@dataclass(frozen=True)
class Answer:
    points: tuple[Point, ...]  # vector by vector as asked, each in month order

    @property
    def release_time(self) -> dt.datetime:
        """The release an answer belongs to: the latest ``releaseTime`` in it."""
        return max(point.release_time for point in self.points)


def vector_number(vector: str) -> int:
    """ "v87008879" -> 87008879, as the WDS takes it."""
    return int(vector.removeprefix("v"))


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def nesting_beyond(text: str, limit: int) -> int | None:
    """The position where brackets nest deeper than ``limit``, outside strings, if any:
    checked before parsing, which would recurse once per level."""
    depth = 0
    in_string = escaped = False
    for position, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return position
        elif char in "]}":
            depth -= 1
    return None


def unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refused when a key is repeated (the second would silently win)."""
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"key {key[:40]!r} is repeated in an object")
        found[key] = value
    return found


def bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text):,} digits")
    return int(text)


def bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text):,} characters")
    return float(text)


def refuse_constant(text: str) -> float:
    raise ValueError(f"{text} is not a number")


def read_answer(body: bytes, vectors: list[str]) -> Answer:
    """The values of an answer for ``vectors`` ("v87008879", ...), or ``AnswerRefused``."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswerRefused("the answer is not UTF-8 text") from None
    too_deep = nesting_beyond(text, MAX_DEPTH)
    if too_deep is not None:
        raise AnswerRefused(f"the answer nests deeper than {MAX_DEPTH} levels (at {too_deep})")
    try:
        answer = json.loads(
            text,
            object_pairs_hook=unique_keys,
            parse_int=bounded_int,
            parse_float=bounded_float,
            parse_constant=refuse_constant,
        )
    except json.JSONDecodeError as error:
        raise AnswerRefused(
            f"the answer is not JSON ({error.msg}, at character {error.pos})"
        ) from None
    except (ValueError, RecursionError) as error:
        raise AnswerRefused(f"the answer is refused: {str(error)[:120]}") from None
    if not isinstance(answer, list):
        raise AnswerRefused("the answer is not a JSON array, one element per vector")
    by_vector: dict[str, list] = {}
    for index, element in enumerate(answer):
        vector, data_points = _element(index, element)
        if vector in by_vector:
            raise AnswerRefused(f"vector {vector} answers twice")
        by_vector[vector] = data_points
    for vector in vectors:
        if vector not in by_vector:
            raise AnswerRefused(f"vector {vector} is missing from the answer")
    unexpected = sorted(set(by_vector) - set(vectors))
    if unexpected:
        raise AnswerRefused(f"the answer holds vector {unexpected[0]}, which was not asked for")
    points = []
    for vector in vectors:
        points += _points(vector, by_vector[vector])
    return Answer(tuple(points))


def _element(index: int, element: object) -> tuple[str, list]:
    if not isinstance(element, dict) or "status" not in element or "object" not in element:
        raise AnswerRefused(f"element {index} of the answer has no status and object")
    body = element["object"]
    if element["status"] != "SUCCESS":
        number = body.get("vectorId") if isinstance(body, dict) else None
        named = f" for vector v{number}" if isinstance(number, int) else ""
        detail = body if isinstance(body, str) else element["status"]
        raise AnswerRefused(f"the answer{named} is a failure: {printable(detail, 120)}")
    if not isinstance(body, dict):
        raise AnswerRefused(f"element {index} of the answer has no object")
    number = body.get("vectorId")
    if not isinstance(number, int) or isinstance(number, bool):
        raise AnswerRefused(f"element {index} of the answer has no vectorId")
    vector = f"v{number}"
    code = body.get("responseStatusCode")
    if code != 0:
        reason = (
            RESPONSE_STATUS.get(code, f"status {code!r}")
            if isinstance(code, int)
            else printable(repr(code))
        )
        raise AnswerRefused(f"vector {vector} answered a failure: {reason}")
    data_points = body.get("vectorDataPoint")
    if not isinstance(data_points, list) or not data_points:
        raise AnswerRefused(f"vector {vector} has no vectorDataPoint")
    return vector, data_points


def _points(vector: str, data_points: list) -> list[Point]:
    points: list[Point] = []
    for data_point in data_points:
        point = _point(vector, data_point)
        if points and point.ref_month != next_month(points[-1].ref_month):
            earlier = points[-1].ref_month.isoformat()[:7]
            raise AnswerRefused(
                f"vector {vector}: month {point.ref_month.isoformat()[:7]} follows {earlier} "
                "(months must come in order, one after the other)"
            )
        points.append(point)
    return points


def _point(vector: str, data_point: object) -> Point:
    if not isinstance(data_point, dict):
        raise AnswerRefused(f"vector {vector}: a data point is not an object")
    period = data_point.get("refPer")
    match = REF_PERIOD.match(period) if isinstance(period, str) else None
    if match is None or not 1 <= int(match[2]) <= 12:
        raise AnswerRefused(
            f"vector {vector}: refPer {printable(repr(period))} is not the first day of a month"
        )
    where = f"vector {vector}, {match[1]}-{match[2]}"
    value = data_point.get("value")
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(float(value))
    ):
        raise AnswerRefused(f"{where}: value {printable(repr(value))} is not a number")
    for name, expected in (("decimals", DECIMALS), ("scalarFactorCode", SCALAR_MILLIONS)):
        if data_point.get(name) != expected:
            raise AnswerRefused(
                f"{where}: {name} is {printable(repr(data_point.get(name)))}, but the table "
                "publishes "
                f"{expected} (millions of dollars to one decimal)"
            )
    if abs(float(value)) >= MAX_VALUE:
        raise AnswerRefused(f"{where}: value {printable(repr(value))} is beyond any month's trade")
    exact = Decimal(repr(float(value))).quantize(Decimal("0.1"))
    if float(exact) != float(value):
        raise AnswerRefused(f"{where}: value {value!r} has more than one decimal")
    if exact < 0:
        raise AnswerRefused(f"{where}: value {value!r} is negative")
    codes = {}
    for name in ("statusCode", "symbolCode"):
        code = data_point.get(name, 0)
        if not isinstance(code, int) or isinstance(code, bool) or code < 0:
            raise AnswerRefused(f"{where}: {name} {printable(repr(code))} is not a code")
        codes[name] = code
    released = data_point.get("releaseTime")
    if not isinstance(released, str) or not RELEASE_TIME.match(released):
        raise AnswerRefused(
            f"{where}: releaseTime {printable(repr(released))} is not a date and time"
        )
    try:
        release_time = dt.datetime.fromisoformat(released)
    except ValueError:
        raise AnswerRefused(
            f"{where}: releaseTime {printable(repr(released))} is not a date and time"
        ) from None
    return Point(
        vector=vector,
        ref_month=dt.date(int(match[1]), int(match[2]), 1),
        value=exact,
        status_code=codes["statusCode"],
        symbol_code=codes["symbolCode"],
        release_time=release_time,
    )
