"""From the parsed page, the curated CSV files and the reference data to table rows.

What the text's structure gives (sections, bullet lists, dates, host cities, criteria)
is parsed here; what needs judgement (ids, categories, figures and their quotes) comes
from ``data/curated/`` and is checked against the text. Every check failure raises
``BuildError`` naming the file, the line and the problem, and nothing is written.

``build_tables`` returns ``{table name: [row dict, ...]}`` in a deterministic order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from etl.curated import LINE_KEY, Column, Table
from etl.errors import BuildError
from etl.source import Block, Section, SourceDocument, normalise_space, sentence_around
from etl.translate import apply_translations
from etl.values import (
    QUALIFIERS,
    UNITS,
    ExpressionError,
    evaluate,
    expression_names,
    stated_value,
    unit_mismatch,
)
from trade_mission import config

OPPORTUNITY_CATEGORIES = frozenset({"subsector", "product", "process", "technology", "market"})
CRITERION_SCOPES = frozenset({"everyone", "companies", "large_businesses_and_organizations"})
COMPANY_ROLES = frozenset({"oem", "global_brand"})
TIME_ZONES = {"PT": "America/Los_Angeles"}
VALUE_TOLERANCE = 1e-9

SECTIONS = Table(
    "sections.csv",
    (
        Column("section_id", "identifier"),
        Column("heading"),
        Column("level", "integer", choices=frozenset({"1", "2", "3"})),
        Column("sector_id", "identifier", required=False),
    ),
    key=("section_id",),
)
SECTORS = Table(
    "sectors.csv",
    (Column("sector_id", "identifier"), Column("name"), Column("short_name")),
    key=("sector_id",),
)
FIGURES = Table(
    "figures.csv",
    (
        Column("figure_id", "identifier"),
        Column("sector_id", "identifier", required=False),
        Column("label"),
        Column("value", "number"),
        Column("unit", choices=UNITS),
        Column("year", "integer", required=False),
        Column("qualifier", required=False, choices=QUALIFIERS),
        Column("value_text"),
        Column("quote"),
    ),
    key=("figure_id",),
)
DERIVED_FIGURES = Table(
    "derived_figures.csv",
    (
        Column("figure_id", "identifier"),
        Column("sector_id", "identifier", required=False),
        Column("label"),
        Column("unit", choices=UNITS),
        Column("year", "integer", required=False),
        Column("decimals", "integer"),
        Column("expression"),
        Column("description"),
    ),
    key=("figure_id",),
)
OPPORTUNITY_LISTS = Table(
    "opportunity_lists.csv",
    (
        Column("sector_id", "identifier"),
        Column("lead_in"),
        Column("category", choices=OPPORTUNITY_CATEGORIES),
    ),
    key=("sector_id", "lead_in"),
)
OPPORTUNITIES_PROSE = Table(
    "opportunities_prose.csv",
    (
        Column("sector_id", "identifier"),
        Column("category", choices=OPPORTUNITY_CATEGORIES),
        Column("item"),
        Column("quote"),
    ),
    key=("sector_id", "category", "item"),
)
COMPANIES = Table(
    "companies.csv",
    (
        Column("sector_id", "identifier"),
        Column("company"),
        Column("role", choices=COMPANY_ROLES),
        Column("quote"),
    ),
    key=("sector_id", "company"),
)
CRITERIA = Table(
    "eligibility_criteria.csv",
    (
        Column("criterion_id", "identifier"),
        Column("section_id", "identifier"),
        Column("parent_id", "identifier", required=False),
        Column("applies_to", choices=CRITERION_SCOPES),
        Column("match"),
    ),
    key=("criterion_id",),
)
NOTICES = Table(
    "notices.csv",
    (Column("notice_id", "identifier"), Column("section_id", "identifier"), Column("quote")),
    key=("notice_id",),
)
CITIES = Table(
    "mexico-cities.csv",
    (
        Column("city"),
        Column("state"),
        Column("latitude", "number"),
        Column("longitude", "number"),
        Column("geonameid", "integer"),
    ),
    key=("city",),
)

KEY_VALUE = re.compile(r"^(?P<key>[A-Z][A-Za-z ]{2,40}):\s*(?P<value>.*)$")
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
SECTOR_ITEM = re.compile(r"^(?P<name>.+?) \((?P<cities>[^()]+)\)$")
DEADLINE = re.compile(
    r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4}),(?: at)? "
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2}) (?P<zone>[A-Z]{2,4})\.?$"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CLUSTERS = re.compile(
    r"in (?P<cluster>[a-z][a-z ]+?) manufacturing, with active sectoral clusters "
    r"in the states of (?P<states>[^.]+)\."
)
LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}


@dataclass(frozen=True)
class Inputs:
    """Where each input of the build lives."""

    source: Path
    curated_dir: Path
    raw_dir: Path

    @classmethod
    def default(cls) -> Inputs:
        """The project's own inputs: data/raw and data/curated."""
        return cls(config.SOURCE_PATH, config.CURATED_DIR, config.RAW_DIR)

    @property
    def source_readme(self) -> Path:
        return self.raw_dir / "SOURCE.md"

    @property
    def geodata_readme(self) -> Path:
        return self.raw_dir / "GEODATA.md"

    @property
    def states_geojson(self) -> Path:
        return self.raw_dir / "mexico-states.geojson"


def split_list(text: str) -> list[str]:
    """Split "A, B, and C" or "A and B" into its items."""
    return [part.strip() for part in LIST_SEPARATOR.split(text.strip()) if part.strip()]


def clean_item(text: str) -> str:
    """A bullet as an opportunity name: no closing full stop, parentheses balanced.

    Two ICT bullets on the page open a parenthesis they never close; the item closes it,
    while the stored quote keeps the page's characters.
    """
    item = normalise_space(text).rstrip(".").strip()
    missing = item.count("(") - item.count(")")
    return item + ")" * max(0, missing)


def parse_date(path: Path, line: int, month: str, day: str, year: str) -> dt.date:
    if month not in MONTHS:
        raise BuildError(path, f"unknown month {month!r}", line)
    try:
        return dt.date(int(year), MONTHS[month], int(day))
    except ValueError as error:
        raise BuildError(path, f"invalid date: {error}", line) from None


class Builder:
    """Collects the rows of every table; one instance per build."""

    def __init__(self, source: SourceDocument, inputs: Inputs):
        self.source = source
        self.inputs = inputs
        self.curated = inputs.curated_dir
        self.tables: dict[str, list[dict]] = {}

    # Helpers ---------------------------------------------------------------------------

    def curated_path(self, table: Table) -> Path:
        return self.curated / table.file_name

    def fail_row(self, table: Table, row: dict, problem: str, label: str = "") -> BuildError:
        first = table.columns[0].name
        return BuildError(
            self.curated_path(table), problem, row[LINE_KEY], label or f"{first}={row[first]}"
        )

    def fail_source(self, problem: str, line: int | None = None) -> BuildError:
        return BuildError(self.source.path, problem, line)

    def key_values(self, section: Section) -> dict[str, Block]:
        found = {}
        for block in section.paragraphs:
            match = KEY_VALUE.match(block.text)
            if match:
                found[match.group("key")] = block
        return found

    def list_after(self, section: Section, prefix: str) -> Block:
        for block in section.lists:
            if normalise_space(block.lead_in).startswith(prefix):
                return block
        raise self.fail_source(f"no bullet list after {prefix!r} in {section.heading!r}")

    # Steps -----------------------------------------------------------------------------

    def build(self) -> dict[str, list[dict]]:
        self.sections = self.map_sections()
        self.sectors = self.read_sectors()
        self.read_source_document()
        self.read_attributions()
        self.read_mission()
        self.read_cities_and_programme()
        self.read_sector_cities()
        self.read_bullets()
        self.read_programme_activities()
        self.read_opportunities()
        self.read_companies()
        self.read_states_and_clusters()
        self.read_figures()
        self.read_criteria()
        self.read_notices()
        apply_translations(self.tables, self.curated)
        return self.tables

    def map_sections(self) -> dict[str, Section]:
        rows = SECTIONS.read(self.curated)
        found = self.source.sections
        for position, row in enumerate(rows):
            if position >= len(found):
                raise self.fail_row(SECTIONS, row, "heading not found in the source document")
            section = found[position]
            if section.heading != row["heading"]:
                raise self.fail_row(
                    SECTIONS,
                    row,
                    f"expected heading {row['heading']!r} here, but the source has "
                    f"{section.heading!r} at line {section.line}",
                )
        if len(found) > len(rows):
            extra = found[len(rows)]
            raise self.fail_source(
                f"heading {extra.heading!r} is not mapped in sections.csv", extra.line
            )
        mapped = {row["section_id"]: section for row, section in zip(rows, found, strict=True)}
        self.section_rows = rows
        self.tables["sections"] = [
            {
                "section_id": row["section_id"],
                "heading": section.heading,
                "level": row["level"],
                "sector_id": row["sector_id"],
                "first_line": section.line,
                "last_line": section.last_line,
            }
            for row, section in zip(rows, found, strict=True)
        ]
        return mapped

    def read_sectors(self) -> dict[str, dict]:
        rows = SECTORS.read(self.curated)
        sector_list = self.list_after(self.sections["event_details"], "Sectors:")
        on_page = []
        for item in sector_list.items:
            match = SECTOR_ITEM.match(item.text)
            if not match:
                raise self.fail_source(f"cannot read sector bullet {item.text!r}", item.line)
            on_page.append((match.group("name"), split_list(match.group("cities")), item.line))
        by_name = {name: (cities, line) for name, cities, line in on_page}
        for row in rows:
            if row["name"] not in by_name:
                raise self.fail_row(SECTORS, row, f"sector {row['name']!r} is not on the page")
        curated_names = {row["name"] for row in rows}
        for name, _, line in on_page:
            if name not in curated_names:
                raise self.fail_source(f"sector {name!r} is not in sectors.csv", line)
        order = {name: position for position, (name, _, _) in enumerate(on_page, start=1)}
        self.sector_cities_on_page = {row["sector_id"]: by_name[row["name"]] for row in rows}
        self.tables["sectors"] = sorted(
            (
                {
                    "sector_id": row["sector_id"],
                    "name": row["name"],
                    "short_name": row["short_name"],
                    "sort_order": order[row["name"]],
                }
                for row in rows
            ),
            key=lambda row: row["sort_order"],
        )
        sectors = {row["sector_id"]: row for row in rows}
        for row in self.section_rows:
            if row["sector_id"] and row["sector_id"] not in sectors:
                raise self.fail_row(SECTIONS, row, f"unknown sector_id {row['sector_id']!r}")
        self.sector_sections = {
            row["sector_id"]: self.sections[row["section_id"]]
            for row in self.section_rows
            if row["sector_id"]
        }
        missing = sorted(set(sectors) - set(self.sector_sections))
        if missing:
            raise BuildError(
                self.curated / SECTIONS.file_name,
                "no section for sector(s) " + ", ".join(missing),
            )
        return sectors

    def read_source_document(self) -> None:
        readme = self.inputs.source_readme
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
        self.tables["source_document"] = [
            {
                "title": self.sections["title"].heading,
                "publisher": fields["Publisher"],
                "url": fields["Address"],
                "file_name": self.source.path.name,
                "sha256": self.source.sha256,
                "line_count": len(self.source.lines),
                "capture_note": capture.group(1).strip(),
            }
        ]

    def read_attributions(self) -> None:
        readme = self.inputs.geodata_readme
        try:
            text = readme.read_text(encoding="utf-8")
        except OSError as error:
            raise BuildError(readme, f"cannot read: {error.strerror}") from None
        states = re.search(r'Attribute as:\s*"([^"]+)"', text)
        cities = re.search(r'attribute "([^"]+)"', text)
        if not states or not cities:
            raise BuildError(readme, "no attribution text for the states and the cities")
        self.tables["attributions"] = [
            {"dataset": "cities", "attribution": normalise_space(cities.group(1))},
            {"dataset": "states", "attribution": normalise_space(states.group(1))},
        ]

    def read_mission(self) -> None:
        details = self.sections["event_details"]
        values = self.key_values(details)
        for key in ("Dates", "Format", "Registration deadline"):
            if key not in values:
                raise self.fail_source(f"no '{key}:' line in {details.heading!r}", details.line)
        lead = LEAD.match(details.paragraphs[0].text)
        if not lead:
            raise self.fail_source("cannot find who leads the mission", details.paragraphs[0].line)

        dates_block = values["Dates"]
        dates = MISSION_DATES.match(KEY_VALUE.match(dates_block.text).group("value"))
        if not dates:
            raise self.fail_source("cannot read the mission dates", dates_block.line)
        path, line = self.source.path, dates_block.line
        start = parse_date(path, line, dates["month1"], dates["day1"], dates["year"])
        end = parse_date(path, line, dates["month2"], dates["day2"], dates["year"])
        if end < start:
            raise self.fail_source("the mission ends before it starts", line)
        self.mission_dates = (start, end)

        deadline, deadline_text, zone = self.read_deadline()
        email = None
        for block in self.sections["contact_us"].paragraphs:
            found = EMAIL.search(block.text)
            if found:
                email = found.group(0)
                break
        if not email:
            raise self.fail_source("no contact e-mail address under 'Contact us'")
        format_value = KEY_VALUE.match(values["Format"].text).group("value").strip()
        self.tables["mission"] = [
            {
                "title": self.sections["title"].heading,
                "lead": lead.group("lead"),
                "start_date": start,
                "end_date": end,
                "format": format_value,
                "registration_deadline_utc": deadline,
                "registration_deadline_text": deadline_text,
                "registration_time_zone": zone,
                "contact_email": email,
            }
        ]

    def read_deadline(self) -> tuple[dt.datetime, str, str]:
        """The registration deadline as a naive UTC timestamp; every statement must agree."""
        stated: list[tuple[dt.datetime, str, str, int]] = []
        for section in self.source.sections:
            for block in section.paragraphs:
                match = KEY_VALUE.match(block.text)
                if not match or match.group("key") != "Registration deadline":
                    continue
                value = match.group("value").strip()
                parts = DEADLINE.match(value)
                if not parts:
                    raise self.fail_source(f"cannot read the deadline {value!r}", block.line)
                if parts["zone"] not in TIME_ZONES:
                    raise self.fail_source(f"unknown time zone {parts['zone']!r}", block.line)
                zone = TIME_ZONES[parts["zone"]]
                day = parse_date(
                    self.source.path, block.line, parts["month"], parts["day"], parts["year"]
                )
                local = dt.datetime.combine(
                    day, dt.time(int(parts["hour"]), int(parts["minute"])), ZoneInfo(zone)
                )
                utc = local.astimezone(dt.UTC).replace(tzinfo=None)
                stated.append((utc, value, zone, block.line))
        if not stated:
            raise self.fail_source("no 'Registration deadline:' line")
        first = stated[0]
        for other in stated[1:]:
            if other[0] != first[0]:
                raise self.fail_source(
                    f"the deadline {other[1]!r} disagrees with {first[1]!r} on line {first[3]}",
                    other[3],
                )
        return first[0], first[1], first[2]

    def read_cities_and_programme(self) -> None:
        cities_path = self.inputs.raw_dir / CITIES.file_name
        cities = CITIES.read(self.inputs.raw_dir)
        self.city_names = {row["city"] for row in cities}
        self.tables["cities"] = sorted(
            ({key: row[key] for key in row if key != LINE_KEY} for row in cities),
            key=lambda row: row["city"],
        )
        location = self.list_after(self.sections["event_details"], "Location:")
        rows = []
        start, end = self.mission_dates
        for item in location.items:
            match = PROGRAMME_ITEM.match(item.text)
            if not match:
                raise self.fail_source(f"cannot read programme bullet {item.text!r}", item.line)
            path = self.source.path
            first = parse_date(path, item.line, match["month"], match["day1"], match["year"])
            last = parse_date(path, item.line, match["month"], match["day2"], match["year"])
            if not (start <= first <= last <= end):
                raise self.fail_source("programme dates fall outside the mission dates", item.line)
            for city in split_list(match["cities"]):
                if city not in self.city_names:
                    raise BuildError(cities_path, f"no coordinates for programme city {city!r}")
                rows.append(
                    {
                        "city": city,
                        "start_date": first,
                        "end_date": last,
                        "kind": PROGRAMME_KINDS[match["kind"]],
                        "quote": item.verbatim,
                    }
                )
        self.programme_cities = {row["city"] for row in rows}
        self.tables["programme"] = sorted(rows, key=lambda row: (row["start_date"], row["city"]))

    def read_sector_cities(self) -> None:
        rows = []
        for sector_id, (cities, line) in self.sector_cities_on_page.items():
            for city in cities:
                if city not in self.programme_cities:
                    raise self.fail_source(
                        f"sector city {city!r} has no programme dates under 'Location:'", line
                    )
                rows.append({"sector_id": sector_id, "city": city})
        self.tables["sector_cities"] = sorted(
            rows, key=lambda row: (row["sector_id"], row["city"])
        )

    def read_bullets(self) -> None:
        rows = []
        for row in self.section_rows:
            section = self.sections[row["section_id"]]
            for list_no, block in enumerate(section.lists, start=1):
                for position, item in enumerate(block.items, start=1):
                    rows.append(
                        {
                            "section_id": row["section_id"],
                            "list_no": list_no,
                            "position": position,
                            "level": item.level,
                            "text": item.verbatim,
                            "lead_in": block.lead_in or None,
                            "line": item.line,
                        }
                    )
        self.tables["bullets"] = rows

    def read_programme_activities(self) -> None:
        section = self.sections["programme_activities"]
        if not section.lists:
            raise self.fail_source("no list of programme activities", section.line)
        self.tables["programme_activities"] = [
            {"activity_no": number, "text": item.verbatim}
            for number, item in enumerate(section.lists[0].items, start=1)
        ]

    def read_opportunities(self) -> None:
        lists = OPPORTUNITY_LISTS.read(self.curated)
        prose = OPPORTUNITIES_PROSE.read(self.curated)
        rows: dict[tuple[str, str, str], dict] = {}
        used_lists = set()
        for sector_id, section in self.sector_sections.items():
            for block in section.lists:
                lead_in = normalise_space(block.lead_in)
                mapping = next(
                    (
                        row
                        for row in lists
                        if row["sector_id"] == sector_id
                        and lead_in.endswith(normalise_space(row["lead_in"]))
                    ),
                    None,
                )
                if mapping is None:
                    raise self.fail_source(
                        f"the list after {lead_in!r} has no category in "
                        f"{OPPORTUNITY_LISTS.file_name}",
                        block.line,
                    )
                used_lists.add(mapping[LINE_KEY])
                for item in block.items:
                    key = (sector_id, mapping["category"], clean_item(item.text))
                    rows[key] = {
                        "sector_id": sector_id,
                        "category": mapping["category"],
                        "item": key[2],
                        "origin": "list",
                        "quote": item.verbatim,
                        "line": item.line,
                    }
        for row in lists:
            self.check_sector(OPPORTUNITY_LISTS, row)
            if row[LINE_KEY] not in used_lists:
                raise self.fail_row(
                    OPPORTUNITY_LISTS, row, "no bullet list in that sector ends with this lead-in"
                )
        for row in prose:
            self.check_sector(OPPORTUNITIES_PROSE, row)
            located = self.locate_in_sector(OPPORTUNITIES_PROSE, row)
            if row["item"].lower() not in normalise_space(located.text).lower():
                raise self.fail_row(OPPORTUNITIES_PROSE, row, "the item is not in its quote")
            key = (row["sector_id"], row["category"], row["item"])
            if key in rows:
                raise self.fail_row(
                    OPPORTUNITIES_PROSE,
                    row,
                    f"already listed from the bullet on line {rows[key]['line']}",
                )
            rows[key] = {
                "sector_id": row["sector_id"],
                "category": row["category"],
                "item": row["item"],
                "origin": "prose",
                "quote": located.text,
                "line": located.line,
            }
        self.tables["opportunities"] = sorted(
            rows.values(), key=lambda row: (row["sector_id"], row["line"], row["item"])
        )

    def check_sector(self, table: Table, row: dict) -> None:
        if row["sector_id"] is not None and row["sector_id"] not in self.sectors:
            raise self.fail_row(table, row, f"unknown sector_id {row['sector_id']!r}")

    def locate_in_sector(self, table: Table, row: dict):
        section = self.sector_sections[row["sector_id"]]
        located = self.source.locate(row["quote"], within=section)
        if located is None:
            raise self.fail_row(
                table,
                row,
                f"quote not found in the {section.heading!r} section of "
                f"{self.source.path.name}: {row['quote'][:80]!r}",
            )
        return located

    def read_companies(self) -> None:
        rows = []
        for row in COMPANIES.read(self.curated):
            self.check_sector(COMPANIES, row)
            located = self.locate_in_sector(COMPANIES, row)
            if row["company"] not in located.text:
                raise self.fail_row(COMPANIES, row, "the company is not named in its quote")
            rows.append(
                {
                    "sector_id": row["sector_id"],
                    "company": row["company"],
                    "role": row["role"],
                    "quote": located.text,
                }
            )
        self.tables["companies"] = rows

    def read_states_and_clusters(self) -> None:
        path = self.inputs.states_geojson
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise BuildError(path, f"cannot read: {error.strerror}") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise BuildError(path, f"not valid GeoJSON: {error}") from None
        features = collection.get("features") if isinstance(collection, dict) else None
        if not isinstance(features, list) or not features:
            raise BuildError(path, "no features")
        states = []
        for number, feature in enumerate(features, start=1):
            properties = feature.get("properties") or {}
            geometry = feature.get("geometry") or {}
            code, name = properties.get("state_code"), properties.get("state_name")
            if not code or not name or geometry.get("type") not in ("Polygon", "MultiPolygon"):
                raise BuildError(path, f"feature {number} lacks a state code, name or polygon")
            states.append(
                {
                    "state_code": code,
                    "state_name": name,
                    "geometry": json.dumps(geometry, separators=(",", ":"), sort_keys=True),
                }
            )
        self.tables["states"] = sorted(states, key=lambda row: row["state_code"])
        codes = {row["state_name"]: row["state_code"] for row in states}

        clusters = []
        for sector_id, section in self.sector_sections.items():
            for block in section.paragraphs:
                for match in CLUSTERS.finditer(block.text):
                    sentence = self.source.locate(
                        sentence_around(block.text, match.start(), match.end()), within=section
                    )
                    for state in split_list(match["states"]):
                        if state not in codes:
                            raise BuildError(
                                path, f"no shape for cluster state {state!r} (line {block.line})"
                            )
                        clusters.append(
                            {
                                "sector_id": sector_id,
                                "cluster": match["cluster"],
                                "state_code": codes[state],
                                "quote": sentence.text,
                            }
                        )
        if not clusters:
            raise self.fail_source("no 'active sectoral clusters in the states of' sentence")
        self.tables["cluster_states"] = clusters

    def read_figures(self) -> None:
        published = FIGURES.read(self.curated)
        derived = DERIVED_FIGURES.read(self.curated)
        rows = []
        values: dict[str, float] = {}
        for row in published:
            self.check_sector(FIGURES, row)
            rows.append(self.published_figure(row))
            values[row["figure_id"]] = row["value"]
        inputs = []
        descriptions = []
        for row in derived:
            self.check_sector(DERIVED_FIGURES, row)
            if row["figure_id"] in values:
                raise self.fail_row(DERIVED_FIGURES, row, "figure_id is also a published figure")
            try:
                names = expression_names(row["expression"])
                value, arithmetic = evaluate(row["expression"], values)
            except ExpressionError as error:
                raise self.fail_row(DERIVED_FIGURES, row, str(error)) from None
            shown = f"{value:.{row['decimals']}f}"
            rows.append(
                {
                    "figure_id": row["figure_id"],
                    "sector_id": row["sector_id"],
                    "label": row["label"],
                    "value": value,
                    "unit": row["unit"],
                    "year": row["year"],
                    "qualifier": None,
                    "value_text": None,
                    "quote": None,
                    "line": None,
                    "is_derived": True,
                    "formula": f"{row['description']}: {arithmetic} ≈ {shown}",
                    "display_decimals": row["decimals"],
                    "_arithmetic": f"{arithmetic} ≈ {shown}",  # for the French formula
                }
            )
            descriptions.append({"figure_id": row["figure_id"], "description": row["description"]})
            inputs += [{"figure_id": row["figure_id"], "input_figure_id": name} for name in names]
        self.tables["figures"] = rows
        self.tables["figure_inputs"] = inputs
        self.tables["derived"] = descriptions  # translated, not loaded

    def published_figure(self, row: dict) -> dict:
        located = self.source.locate(row["quote"])
        if located is None:
            raise self.fail_row(
                FIGURES, row, f"quote not found in {self.source.path.name}: {row['quote'][:80]!r}"
            )
        quote = normalise_space(located.text)
        value_text = normalise_space(row["value_text"])
        stated = stated_value(value_text)
        if value_text not in quote:
            raise self.fail_row(FIGURES, row, f"value_text {value_text!r} is not in its quote")
        if row["qualifier"] and f"{row['qualifier']} {value_text}" not in quote:
            raise self.fail_row(
                FIGURES, row, f"the quote does not say {row['qualifier']} {value_text!r}"
            )
        if stated is None:
            raise self.fail_row(FIGURES, row, f"value_text {value_text!r} states no number")
        if abs(stated - row["value"]) > VALUE_TOLERANCE * max(1.0, abs(stated)):
            raise self.fail_row(
                FIGURES,
                row,
                f"value {row['value']:g} does not appear in its quote, which states "
                f"{value_text!r} ({stated:g})",
            )
        mismatch = unit_mismatch(value_text, row["unit"])
        if mismatch:
            raise self.fail_row(FIGURES, row, mismatch)
        if row["year"] is not None and not 1900 <= row["year"] <= 2100:
            raise self.fail_row(FIGURES, row, f"year {row['year']} is out of range")
        return {
            "figure_id": row["figure_id"],
            "sector_id": row["sector_id"],
            "label": row["label"],
            "value": row["value"],
            "unit": row["unit"],
            "year": row["year"],
            "qualifier": row["qualifier"],
            "value_text": value_text,
            "quote": located.text,
            "line": located.line,
            "is_derived": False,
            "formula": None,
            "display_decimals": None,
        }

    def read_criteria(self) -> None:
        rows = CRITERIA.read(self.curated)
        ids = {row["criterion_id"] for row in rows}
        matched_lines: set[int] = set()
        result = []
        for row in rows:
            if row["section_id"] not in self.sections:
                raise self.fail_row(CRITERIA, row, f"unknown section_id {row['section_id']!r}")
            if row["parent_id"] is not None and row["parent_id"] not in ids:
                raise self.fail_row(CRITERIA, row, f"unknown parent_id {row['parent_id']!r}")
            section = self.sections[row["section_id"]]
            prefix = normalise_space(row["match"])
            candidates = [
                (item.line, item.verbatim)
                for block in section.lists
                for item in block.items
                if item.text.startswith(prefix)
            ] + [
                (block.line, block.verbatim)
                for block in section.paragraphs
                if block.text.startswith(prefix)
            ]
            if len(candidates) != 1:
                problem = "matches no" if not candidates else "matches more than one"
                raise self.fail_row(
                    CRITERIA, row, f"{row['match']!r} {problem} bullet or paragraph"
                )
            line, text = candidates[0]
            matched_lines.add(line)
            result.append(
                {
                    "criterion_id": row["criterion_id"],
                    "parent_id": row["parent_id"],
                    "applies_to": row["applies_to"],
                    "text": text,
                    "line": line,
                }
            )
        for section_id in {row["section_id"] for row in rows}:
            for block in self.sections[section_id].lists:
                for item in block.items:
                    if item.line not in matched_lines:
                        raise self.fail_source(
                            f"criterion {item.text!r} is not in {CRITERIA.file_name}", item.line
                        )
        result.sort(key=lambda row: row["line"])
        self.tables["eligibility_criteria"] = result

    def read_notices(self) -> None:
        result = []
        for row in NOTICES.read(self.curated):
            if row["section_id"] not in self.sections:
                raise self.fail_row(NOTICES, row, f"unknown section_id {row['section_id']!r}")
            located = self.source.locate(row["quote"], within=self.sections[row["section_id"]])
            if located is None:
                raise self.fail_row(
                    NOTICES,
                    row,
                    f"quote not found in {self.source.path.name}: {row['quote'][:80]!r}",
                )
            result.append(
                {"notice_id": row["notice_id"], "text": located.text, "line": located.line}
            )
        self.tables["notices"] = result


def build_tables(inputs: Inputs) -> dict[str, list[dict]]:
    """Parse, curate and validate everything; the rows of every table, or ``BuildError``."""
    source = SourceDocument.load(inputs.source)
    return Builder(source, inputs).build()
