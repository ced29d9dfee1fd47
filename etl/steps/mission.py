"""The mission itself: the page's identity, who leads it, its dates, registration
deadline and contact, where and when the programme runs, and what it includes."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from etl.errors import BuildError
from etl.inputs import CITIES, SOURCE_README, Inputs
from etl.page import KEY_VALUE, PageCapture, split_list
from etl.steps import Tables
from etl.steps.geo import Places
from etl.steps.sections import PageSections, Sectors

LEAD = re.compile(r"^(?P<lead>.+?), will lead a Canada Trade Mission")
MISSION_DATES = re.compile(
    r"^(?:[A-Z][a-z]+, )?(?P<month1>[A-Z][a-z]+) (?P<day1>\d{1,2}) to "
    r"(?:[A-Z][a-z]+, )?(?P<month2>[A-Z][a-z]+) (?P<day2>\d{1,2}), (?P<year>\d{4})$"
)
PROGRAMME_ITEM = re.compile(
    r"^(?P<kind>Core|Sector-specific) programming in (?P<cities>.+?) from "
    r"(?P<month>[A-Z][a-z]+) (?P<day1>\d{1,2}) to (?P<day2>\d{1,2}), (?P<year>\d{4})$"
)
PROGRAMME_KINDS = {"Core": "core", "Sector-specific": "sector"}
DEADLINE = re.compile(
    r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4}),(?: at)? "
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2}) (?P<zone>[A-Z]{2,4})\.?$"
)
# The abbreviations the page uses for time zones.
TIME_ZONES = {"PT": "America/Los_Angeles"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def read_source_document(page: PageCapture, sections: PageSections, inputs: Inputs) -> Tables:
    """The page's title, publisher, address and checksum (SOURCE.md says the first three)."""
    readme = inputs.raw(SOURCE_README)
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError(readme, f"cannot read: {error.strerror}") from None
    fields = {}
    for key in ("Publisher", "Address"):
        match = re.search(rf"^- {key}: (.+)$", text, re.MULTILINE)
        if not match:
            raise BuildError(readme, f"no '- {key}: ...' line")
        fields[key] = match.group(1).strip()
    if not fields["Address"].startswith("https://"):
        raise BuildError(readme, f"the address {fields['Address']!r} is not an https:// URL")
    capture = re.search(r"^- (The capture .+)$", text, re.MULTILINE)
    if not capture:
        raise BuildError(readme, "no '- The capture ...' line")
    return {
        "source_document": [
            {
                "title": sections.by_id["title"].heading,
                "publisher": fields["Publisher"],
                "url": fields["Address"],
                "file_name": page.path.name,
                "sha256": page.sha256,
                "line_count": len(page.lines),
                "capture_note": capture.group(1).strip(),
            }
        ]
    }


def read_mission(
    page: PageCapture, sections: PageSections, sectors: Sectors, places: Places, inputs: Inputs
) -> Tables:
    """The mission row, its programme by city, each sector's cities and the activities."""
    details = sections.by_id["event_details"]
    values = page.key_values(details)
    for key in ("Dates", "Format", "Registration deadline"):
        if key not in values:
            raise page.refuse(f"no '{key}:' line in {details.heading!r}", details.line)
    lead = LEAD.match(details.paragraphs[0].text)
    if not lead:
        raise page.refuse("cannot find who leads the mission", details.paragraphs[0].line)

    dates_block = values["Dates"]
    dates = MISSION_DATES.match(value_of(dates_block.text))
    if not dates:
        raise page.refuse("cannot read the mission dates", dates_block.line)
    line = dates_block.line
    start = page.date(line, dates["month1"], dates["day1"], dates["year"])
    end = page.date(line, dates["month2"], dates["day2"], dates["year"])
    if end < start:
        raise page.refuse("the mission ends before it starts", line)

    programme = read_programme(page, sections, places, inputs, (start, end))
    core = [row for row in programme if row["kind"] == "core"]
    if not core:
        raise page.refuse("no core programming under 'Location:'", details.line)
    deadline, deadline_text, zone = read_deadline(page)
    email = next(
        (
            found.group(0)
            for block in sections.by_id["contact_us"].paragraphs
            if (found := EMAIL.search(block.text))
        ),
        None,
    )
    if not email:
        raise page.refuse("no contact e-mail address under 'Contact us'")
    mission = {
        "title": sections.by_id["title"].heading,
        "lead": lead.group("lead"),
        "start_date": start,
        "end_date": end,
        "format": value_of(values["Format"].text).strip(),
        "registration_deadline_utc": deadline,
        "registration_deadline_text": deadline_text,
        "registration_time_zone": zone,
        # Where the mission's own calendar days are counted: the core programme's city.
        "local_time_zone": places.time_zones[core[0]["city"]],
        "contact_email": email,
    }
    return {
        "mission": [mission],
        "programme": programme,
        "sector_cities": read_sector_cities(page, sectors, {row["city"] for row in programme}),
        "programme_activities": read_activities(page, sections),
    }


def value_of(text: str) -> str:
    """The value of a "Key: value" paragraph."""
    match = KEY_VALUE.match(text)
    assert match is not None  # only called on paragraphs found by PageCapture.key_values
    return match.group("value")


def read_deadline(page: PageCapture) -> tuple[dt.datetime, str, str]:
    """The registration deadline as a naive UTC timestamp; every statement must agree."""
    stated: list[tuple[dt.datetime, str, str, int]] = []
    for section in page.sections:
        for block in section.paragraphs:
            match = KEY_VALUE.match(block.text)
            if not match or match.group("key") != "Registration deadline":
                continue
            value = match.group("value").strip()
            parts = DEADLINE.match(value)
            if not parts:
                raise page.refuse(f"cannot read the deadline {value!r}", block.line)
            if parts["zone"] not in TIME_ZONES:
                raise page.refuse(f"unknown time zone {parts['zone']!r}", block.line)
            zone = TIME_ZONES[parts["zone"]]
            day = page.date(block.line, parts["month"], parts["day"], parts["year"])
            local = dt.datetime.combine(
                day, dt.time(int(parts["hour"]), int(parts["minute"])), ZoneInfo(zone)
            )
            utc = local.astimezone(dt.UTC).replace(tzinfo=None)
            stated.append((utc, value, zone, block.line))
    if not stated:
        raise page.refuse("no 'Registration deadline:' line")
    first = stated[0]
    for other in stated[1:]:
        if other[0] != first[0]:
            raise page.refuse(
                f"the deadline {other[1]!r} disagrees with {first[1]!r} on line {first[3]}",
                other[3],
            )
    return first[0], first[1], first[2]


def read_programme(
    page: PageCapture,
    sections: PageSections,
    places: Places,
    inputs: Inputs,
    span: tuple[dt.date, dt.date],
) -> list[dict]:
    """Each city's programme dates, from the bullets under "Location:"."""
    location = page.list_after(sections.by_id["event_details"], "Location:")
    rows = []
    for item in location.items:
        match = PROGRAMME_ITEM.match(item.text)
        if not match:
            raise page.refuse(f"cannot read programme bullet {item.text!r}", item.line)
        first = page.date(item.line, match["month"], match["day1"], match["year"])
        last = page.date(item.line, match["month"], match["day2"], match["year"])
        if not (span[0] <= first <= last <= span[1]):
            raise page.refuse("programme dates fall outside the mission dates", item.line)
        for city in split_list(match["cities"]):
            if city not in places.time_zones:
                raise BuildError(
                    inputs.path(CITIES), f"no coordinates for programme city {city!r}"
                )
            rows.append(
                {
                    "city": city,
                    "start_date": first,
                    "end_date": last,
                    "kind": PROGRAMME_KINDS[match["kind"]],
                    "quote": item.verbatim,
                }
            )
    return sorted(rows, key=lambda row: (row["start_date"], row["city"]))


def read_sector_cities(page: PageCapture, sectors: Sectors, hosts: set[str]) -> list[dict]:
    rows = []
    for sector_id, (cities, line) in sectors.cities.items():
        for city in cities:
            if city not in hosts:
                raise page.refuse(
                    f"sector city {city!r} has no programme dates under 'Location:'", line
                )
            rows.append({"sector_id": sector_id, "city": city})
    return sorted(rows, key=lambda row: (row["sector_id"], row["city"]))


def read_activities(page: PageCapture, sections: PageSections) -> list[dict]:
    section = sections.by_id["programme_activities"]
    if not section.lists:
        raise page.refuse("no list of programme activities", section.line)
    return [
        {"activity_no": number, "text": item.verbatim}
        for number, item in enumerate(section.lists[0].items, start=1)
    ]
