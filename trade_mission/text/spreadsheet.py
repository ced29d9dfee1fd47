"""Tables as CSV files people open in a spreadsheet.

UTF-8 with a byte-order mark, so spreadsheet software shows accents correctly. A whole
amount is written 2210000000, not 2210000000.0; any other number exactly as stored, so a
coordinate or an official value keeps every digit. A share computed here is rounded where
it is computed (``SHARE_DECIMALS``), so it reads 20.2777, not 20.277690409907816.

A text cell that a spreadsheet would run as a formula (one beginning with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, CSV injection) is written with a leading
apostrophe, which spreadsheets show as text; a number such as -5.2 stays a number. The
data are curated today, but refreshed releases and typed text reach these files too.
"""

from __future__ import annotations

import math
import re

import pandas as pd

# Decimals kept of a percentage computed from the statistics (shown with 1 or 2).
SHARE_DECIMALS = 4


def share(value: float | None) -> float | None:
    """A computed percentage, to ``SHARE_DECIMALS`` places, for the CSV of a chart."""
    return None if value is None else round(value, SHARE_DECIMALS)


def plain_number(value: object, decimals: int | None = None) -> object:
    """A float as a reader writes it: ``decimals`` places when given, a whole number
    without ".0", else exactly as stored; anything else as it is."""
    if not isinstance(value, float) or math.isnan(value):
        return value
    if decimals is not None:
        return f"{value:.{decimals}f}"
    return str(int(value)) if value.is_integer() else repr(value)


# INEGI publishes values to at most eight decimals (six since 2017): a sum of them has no
# more, and the float arithmetic that adds them leaves noise beyond (57.58699999999998).
PUBLISHED_DECIMALS = 8


def summed(value: object) -> object:
    """A sum of values published to at most ``PUBLISHED_DECIMALS`` decimals, written with
    the digits it has and no float noise (57.587, not 57.58699999999998): exact, not
    rounded. Anything but a float comes back as it is."""
    if not isinstance(value, float) or math.isnan(value):
        return value
    text = f"{value:.{PUBLISHED_DECIMALS}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_TEXT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def inert(column: pd.Series) -> pd.Series:
    """``column`` with each text that a spreadsheet would run as a formula made text."""
    texts = column.map(lambda value: isinstance(value, str))
    if not texts.any():
        return column
    as_text = column.where(texts, "").astype(str)
    risky = texts & as_text.str.startswith(FORMULA_START) & ~as_text.str.fullmatch(NUMBER_TEXT)
    return column.where(~risky, "'" + as_text)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV, its floats written by ``plain_number``, no cell a formula."""
    cleaned = frame.copy()
    for column in cleaned.columns:
        if pd.api.types.is_float_dtype(cleaned[column]):
            cleaned[column] = cleaned[column].map(plain_number).astype(object)
        if pd.api.types.is_object_dtype(cleaned[column]) or pd.api.types.is_string_dtype(
            cleaned[column]
        ):
            cleaned[column] = inert(cleaned[column])
    return cleaned.to_csv(index=False).encode("utf-8-sig")
