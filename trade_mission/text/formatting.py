"""Numbers, money, percentages and dates written the way each language writes them.

Published values are never rounded: they are written with every digit they have. A
derived value is rounded to its ``display_decimals`` and marked "≈".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_month_names
from babel.numbers import format_decimal, format_percent

from trade_mission.text.i18n import Language, catalog, t

LOCALES = {"en": "en_CA", "fr": "fr_CA"}
TIME_PATTERNS = {"en": "HH:mm", "fr": "HH 'h' mm"}  # 23:59 / 23 h 59
FRACTION_NAMES = {
    Decimal(1) / 2: "one_half",
    Decimal(1) / 3: "one_third",
    Decimal(1) / 4: "one_quarter",
}


def _locale(lang: Language) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def _exact(value: float) -> Decimal:
    """The decimal a float was written as (377.8, not 377.80000000000001)."""
    return Decimal(repr(float(value)))


def number(value: float, lang: Language, decimals: int | None = None) -> str:
    """A plain number: every published digit, or rounded to ``decimals``."""
    if decimals is None:
        return format_decimal(_exact(value), locale=_locale(lang), decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(_exact(value), decimals), format=pattern, locale=_locale(lang))


def percent(value: float, lang: Language, decimals: int | None = None) -> str:
    """``value`` is in percent (25 means 25%): "25%" in English, "25 %" in French."""
    share = _exact(value) / 100
    if decimals is None:
        return format_percent(share, locale=_locale(lang), decimal_quantization=False)
    # An explicit pattern drops the locale's own spacing: French puts a no-break space
    # before the sign ("4,8 %").
    sign = "\u00a0%" if lang == "fr" else "%"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + sign
    return format_percent(round(share, decimals + 2), format=pattern, locale=_locale(lang))


def unit_key(unit: str) -> str:
    """The catalog key part for a unit ("$ billion" -> "money_billion")."""
    return unit.replace("$ ", "money_").replace(" ", "_")


def unit_name(unit: str, lang: Language) -> str:
    """What a unit is called, for axis titles and table headings ("$ billion")."""
    return t(f"unit_name.{unit_key(unit)}", lang)


def plural(lang: Language, value: float) -> str:
    # French uses the singular below 2 ("1,5 milliard"); English only for exactly 1.
    if lang == "fr":
        return "one" if abs(value) < 2 else "other"
    return "one" if value == 1 else "other"


def ordinal(value: int, lang: Language) -> str:
    if lang == "fr":
        return t("ordinal.first", lang) if value == 1 else t("ordinal.other", lang, n=value)
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def rank(value: float | None, lang: Language) -> str:
    """A market rank ("4th", "4e"); "—" when there is none (no trade that year)."""
    return "—" if value is None else ordinal(int(value), lang)


def percent_or_dash(value: float | None, lang: Language, decimals: int) -> str:
    return "—" if value is None else percent(value, lang, decimals)


def number_or_dash(value: float | None, lang: Language, decimals: int) -> str:
    return "—" if value is None else number(value, lang, decimals)


def value(amount: float, unit: str, lang: Language, decimals: int | None = None) -> str:
    """A value in its unit ("$56 billion", "56 milliards $", "25%", "3rd", "one-third")."""
    if unit == "percent":
        return percent(amount, lang, decimals)
    if unit == "rank":
        return ordinal(int(amount), lang)
    if unit == "fraction":
        name = FRACTION_NAMES.get(
            min(FRACTION_NAMES, key=lambda known: abs(known - _exact(amount)))
        )
        return t(f"fraction.{name}", lang)
    written = number(amount, lang, decimals)
    if unit == "count":
        return written
    return t(f"unit.{unit_key(unit)}.{plural(lang, amount)}", lang, n=written)


# The precision an official value is reported to when a figure is checked against it.
CHECKED_DECIMALS = {"$ billion": 2, "percent": 1, "multiple": 1}


def checked_value(value: float, unit: str, lang: Language, currency: str = "cad") -> str:
    """The official value a figure of the page is checked against, in the figure's unit:
    "C$55.98 billion" / "55,98 milliards $ CA" (``currency`` "usd": "US$45.28 billion"),
    "12.3 times", "25.5%", "3rd"."""
    if unit == "rank":
        return ordinal(round(value), lang)
    if unit == "percent":
        return percent(value, lang, CHECKED_DECIMALS[unit])
    shown = number(value, lang, CHECKED_DECIMALS[unit])
    if unit == "multiple":
        return t("check.times", lang, n=shown)
    return t(f"{currency}.billion.{plural(lang, value)}", lang, n=shown)


def figure_label(row: dict, lang: Language, key: str = "figure.label_year") -> str:
    """A figure's label with its year ("..., 2024"), unless the label already says it: a
    figure copied without its year would mislead."""
    label, year = str(row["label"]), row["year"]
    if year is None or str(int(year)) in label:
        return label
    return t(key, lang, label=label, year=int(year))


def figure_value(row: dict, lang: Language) -> str:
    """A figure as the page states it ("nearly $56 billion"), or "≈ …" when derived."""
    if row["is_derived"]:
        shown = value(row["value"], row["unit"], lang, int(row["display_decimals"]))
        return t("figure.approximately", lang, value=shown)
    shown = value(row["value"], row["unit"], lang)
    qualifier = row.get("qualifier")
    if qualifier:
        qualified = t(f"qualifier.{qualifier.replace(' ', '_')}", lang, value=shown)
        return contract(qualified) if lang == "fr" else qualified
    return shown


FRENCH_CONTRACTIONS = ((" de un", " d’un"), (" de une", " d’une"), (" de le ", " du "))


def one_line(text: str) -> str:
    """``text`` on one line: each run of spaces, tabs and line breaks becomes one space. A
    no-break space stays, unlike with ``" ".join(text.split())``: French puts one before a
    colon or a semicolon, and it must not be broken there."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")


def contract(text: str) -> str:
    """French elision after "de": « près d’un tiers », not « près de un tiers »."""
    for long_form, short_form in FRENCH_CONTRACTIONS:
        text = text.replace(long_form, short_form)
    return text


def join(items: list[str], lang: Language) -> str:
    """ "A", "A and B", "A, B and C" ("A, B et C" in French)."""
    if len(items) <= 1:
        return "".join(items)
    return t("common.and_join", lang, first=", ".join(items[:-1]), last=items[-1])


def day_label(day: dt.date | dt.datetime, lang: Language, with_month: bool = False) -> str:
    """A day on a timeline axis, on two short lines ("Sun<br>15" / "dim.<br>15"), narrow
    enough for six to sit level on a phone; ``with_month`` for a day of a month the axis
    title does not name ("Sun<br>Mar 1" / "dim.<br>1 mars")."""
    day = as_date(day)
    weekday = format_date(day, "EEE", locale=_locale(lang))
    if with_month:
        pattern = "MMM d" if lang == "en" else "d MMM"
        return f"{weekday}<br>{format_date(day, pattern, locale=_locale(lang))}"
    return f"{weekday}<br>{day.day}"


def month_year(day: dt.date | dt.datetime, lang: Language) -> str:
    """ "February 2026" / "février 2026"."""
    return format_date(as_date(day), "LLLL y", locale=_locale(lang))


def month_name(month: int, lang: Language) -> str:
    return get_month_names("wide", locale=_locale(lang))[month]


def as_date(value: dt.date | dt.datetime | str) -> dt.date:
    """A calendar date from a date, a datetime (or pandas Timestamp) or an ISO string."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def date(day: dt.date | dt.datetime, lang: Language) -> str:
    """ "February 15, 2026" in English, "15 février 2026" in French."""
    day = as_date(day)
    number = ordinal(1, lang) if lang == "fr" and day.day == 1 else day.day  # « 1er mars »
    return t("date.long", lang, day=number, month=month_name(day.month, lang), year=day.year)


def date_range(start: dt.date | dt.datetime, end: dt.date | dt.datetime, lang: Language) -> str:
    """ "February 15 to 20, 2026" / "du 15 au 20 février 2026" (same month and year)."""
    start, end = as_date(start), as_date(end)
    if (start.year, start.month) != (end.year, end.month):
        return t("date.range_long", lang, start=date(start, lang), end=date(end, lang))
    return t(
        "date.range",
        lang,
        first=start.day,
        last=end.day,
        month=month_name(start.month, lang),
        year=start.year,
    )


def deadline(moment_utc: dt.datetime, time_zone: str, lang: Language) -> str:
    """The registration deadline in its own time zone ("November 28, 2025, 23:59 PT")."""
    local = moment_utc.astimezone(ZoneInfo(time_zone))
    return t(
        "date.deadline",
        lang,
        date=date(local.date(), lang),
        time=format_time(local.time(), TIME_PATTERNS.get(lang, "HH:mm"), locale=_locale(lang)),
        zone=t(f"time_zone.{time_zone.replace('/', '_')}", lang),
    )


# Official statistics: whole current Canadian dollars --------------------------------------
# Trade values are shown whole where a reader looks a number up (tables, CSV), and scaled
# to billions, millions or thousands where a sentence or a chart needs a short one; the
# scaled form keeps two decimals of billions (C$55.98 billion, so "nearly $56 billion" can
# be read against it) and one of millions, and says "C$" (or "$ CA"), so it is never taken
# for the page's dollars, which carry no currency code.
SCALES = (("billion", 1e9), ("million", 1e6), ("thousand", 1e3))


def cad(amount: float | None, lang: Language) -> str:
    """Whole Canadian dollars as published: "C$8,663,078,573" / "8 663 078 573 $ CA"."""
    if amount is None:
        return "—"
    sign = "−" if amount < 0 else ""
    return sign + t("cad.whole", lang, n=format_decimal(abs(int(amount)), locale=_locale(lang)))


def cad_short(amount: float | None, lang: Language) -> str:
    """A dollar amount for a sentence or a chart label: "C$8.66 billion", "C$737.7 million"."""
    if amount is None:
        return "—"
    sign = "−" if amount < 0 else ""
    for scale, size in SCALES:
        if abs(amount) >= size:
            scaled = abs(amount) / size
            shown = number(scaled, lang, 2 if scale == "billion" else 1)
            return sign + t(f"cad.{scale}.{plural(lang, scaled)}", lang, n=shown)
    return sign + cad(abs(amount), lang)


def signed_percent(value: float | None, lang: Language, decimals: int = 1) -> str:
    """A growth rate with its sign: "+12.3%", "−4.0 %"; "—" when it cannot be computed."""
    if value is None:
        return "—"
    shown = percent(abs(value), lang, decimals)
    return ("+" if value >= 0 else "−") + shown


def chapter_ranges(chapters: list[str]) -> str:
    """HS chapters as runs: ["84", "85", "86", "90"] -> "84–86, 90"."""
    numbers = sorted(int(chapter) for chapter in chapters)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        f"{run[0]:02d}" if len(run) == 1 else f"{run[0]:02d}–{run[-1]:02d}" for run in runs
    )


# Monthly statistics: millions of Canadian dollars with one decimal ------------------------
# Table 12-10-0011-01 publishes millions to one decimal; its values, and sums of them, are
# written with exactly that decimal ("C$1,026.2 million", "10 493,7 millions $ CA"), never
# rescaled to billions, which would round them.


def cad_millions(amount: float | None, lang: Language) -> str:
    """Millions of dollars to one decimal, as the monthly table publishes them."""
    if amount is None:
        return "—"
    sign = "−" if amount < 0 else ""
    shown = number(abs(amount), lang, 1)
    return sign + t(f"cad.million.{plural(lang, abs(amount))}", lang, n=shown)


def usd_millions(amount: float | None, lang: Language) -> str:
    """Mexico's records (INEGI): millions of US dollars, sums written to one decimal as
    INEGI's own check figures are ("US$62,732.6 million" / "62 732,6 millions $ US")."""
    if amount is None:
        return "—"
    shown = number(abs(amount), lang, 1)
    return ("−" if amount < 0 else "") + t(
        f"usd.million.{plural(lang, abs(amount))}", lang, n=shown
    )


def month(day: dt.date | dt.datetime | str, lang: Language) -> str:
    """ "July 2026" / "juillet 2026"."""
    day = as_date(day)
    return t("date.month", lang, month=month_name(day.month, lang), year=day.year)


def month_span(
    first: dt.date | dt.datetime | str, last: dt.date | dt.datetime | str, lang: Language
) -> str:
    """ "August 2025 to July 2026" / "août 2025 à juillet 2026"; "January to July 2026" when
    both fall in one year."""
    first, last = as_date(first), as_date(last)
    if first.year == last.year:
        return t(
            "date.month_span_year",
            lang,
            first=month_name(first.month, lang),
            last=month_name(last.month, lang),
            year=last.year,
        )
    return t("date.month_span", lang, first=month(first, lang), last=month(last, lang))


def month_span_from(
    first: dt.date | dt.datetime | str, last: dt.date | dt.datetime | str, lang: Language
) -> str:
    """ "from August 2025 to July 2026" / "d’août 2025 à juillet 2026", for a sentence."""
    return elide(t("date.month_span_from", lang, span=month_span(first, last, lang)))


FRENCH_VOWEL_AFTER_DE = re.compile(r"\b([Dd])e ([aeiouéèêâîôûAEIOUÉ])")


def elide(text: str) -> str:
    """French "de" before a vowel: « d’août », « d’avril », « d’octobre »."""
    return FRENCH_VOWEL_AFTER_DE.sub(r"\1’\2", text)


def change(value: float | None, lang: Language) -> str:
    """A change in words: "up 16.6%", "down 4.8%" / « en hausse de 16,6 % »."""
    if value is None:
        return "—"
    key = "change.up" if value >= 0 else "change.down"
    return t(key, lang, value=percent(abs(value), lang, 1))


def statcan_flag(status_code: int, symbol_code: int, lang: Language) -> str:
    """Statistics Canada's flags on a value in words ("p: preliminary"); "" for none. A
    code the catalog does not name is shown as its number, never dropped."""
    words = []
    for kind, code in (("symbol", symbol_code), ("status", status_code)):
        if code:
            if f"monthly.{kind}.c{code}" in catalog(lang):
                words.append(t(f"monthly.{kind}.c{code}", lang))
            else:
                words.append(t("monthly.flag_code", lang, code=code))
    return "; ".join(words)


def check_readings(readings: list[dict], lang: Language) -> str:
    """A claim read two ways, in a line: "Two readings, with 1993: 12.3 times ✓ Consistent;
    with 1994: 10.0 times ≠ Differs." """
    items = [
        t(
            "figure.check_reading",
            lang,
            year=reading["year"],
            official=reading["official_text"],
            # "✓ Consistent" kept on one line: its mark alone at a line's end reads as noise.
            verdict=t(f"trade.verdict.{reading['verdict']}", lang).replace(" ", "\u00a0"),
        )
        for reading in readings
    ]
    return t(
        "figure.check_readings", lang, readings=t("figure.readings_separator", lang).join(items)
    )
