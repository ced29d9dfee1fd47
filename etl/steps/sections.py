"""The page's headings and bullet lists, and the five sectors in page order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.csvfiles import CsvFile, Row
from etl.errors import BuildError
from etl.inputs import SECTIONS, SECTORS, Inputs
from etl.page import PageCapture, Section, split_list
from etl.steps import Tables

SECTOR_ITEM = re.compile(r"^(?P<name>.+?) \((?P<cities>[^()]+)\)$")


@dataclass(frozen=True)
class PageSections:
    by_id: dict[str, Section]
    curated: list[Row]  # the rows of sections.csv, with their lines
    tables: Tables  # sections, bullets


@dataclass(frozen=True)
class Sectors:
    ids: tuple[str, ...]  # in page order
    sections: dict[str, Section]  # sector id -> its section of the page
    cities: dict[str, tuple[tuple[str, ...], int]]  # sector id -> host cities, bullet line
    tables: Tables  # sectors


def read_sections(page: PageCapture, inputs: Inputs) -> PageSections:
    """Map every heading of the page, in order, to its id in sections.csv."""
    rows = inputs.read(SECTIONS)
    found = page.sections
    for position, row in enumerate(rows):
        if position >= len(found):
            raise inputs.refuse(SECTIONS, row, "heading not found in the source document")
        section = found[position]
        if section.heading != row["heading"]:
            raise inputs.refuse(
                SECTIONS,
                row,
                f"expected heading {row['heading']!r} here, but the source has "
                f"{section.heading!r} at line {section.line}",
            )
    if len(found) > len(rows):
        extra = found[len(rows)]
        raise page.refuse(f"heading {extra.heading!r} is not mapped in sections.csv", extra.line)
    pairs = list(zip(rows, found, strict=True))
    sections = [
        {
            "section_id": row["section_id"],
            "heading": section.heading,
            "level": row["level"],
            "sector_id": row["sector_id"],
            "first_line": section.line,
            "last_line": section.last_line,
        }
        for row, section in pairs
    ]
    bullets = [
        {
            "section_id": row["section_id"],
            "list_no": list_no,
            "position": position,
            "level": item.level,
            "text": item.verbatim,
            "lead_in": block.lead_in or None,
            "line": item.line,
        }
        for row, section in pairs
        for list_no, block in enumerate(section.lists, start=1)
        for position, item in enumerate(block.items, start=1)
    ]
    return PageSections(
        by_id={row["section_id"]: section for row, section in pairs},
        curated=rows,
        tables={"sections": sections, "bullets": bullets},
    )


def read_sectors(page: PageCapture, sections: PageSections, inputs: Inputs) -> Sectors:
    """The sectors the page lists under "Sectors:", named as in sectors.csv."""
    rows = inputs.read(SECTORS)
    sector_list = page.list_after(sections.by_id["event_details"], "Sectors:")
    on_page = []
    for item in sector_list.items:
        match = SECTOR_ITEM.match(item.text)
        if not match:
            raise page.refuse(f"cannot read sector bullet {item.text!r}", item.line)
        on_page.append((match["name"], tuple(split_list(match["cities"])), item.line))
    by_name = {name: (cities, line) for name, cities, line in on_page}
    for row in rows:
        if row["name"] not in by_name:
            raise inputs.refuse(SECTORS, row, f"sector {row['name']!r} is not on the page")
    curated_names = {row["name"] for row in rows}
    for name, _, line in on_page:
        if name not in curated_names:
            raise page.refuse(f"sector {name!r} is not in sectors.csv", line)
    order = {name: position for position, (name, _, _) in enumerate(on_page, start=1)}
    rows.sort(key=lambda row: order[row["name"]])
    ids = tuple(row["sector_id"] for row in rows)

    sector_sections = {}
    for row in sections.curated:
        if row["sector_id"] is None:
            continue
        if row["sector_id"] not in ids:
            raise inputs.refuse(SECTIONS, row, f"unknown sector_id {row['sector_id']!r}")
        sector_sections[row["sector_id"]] = sections.by_id[row["section_id"]]
    missing = [sector_id for sector_id in ids if sector_id not in sector_sections]
    if missing:
        raise BuildError(inputs.path(SECTIONS), "no section for sector(s) " + ", ".join(missing))
    return Sectors(
        ids=ids,
        sections=sector_sections,
        cities={row["sector_id"]: by_name[row["name"]] for row in rows},
        tables={
            "sectors": [
                {
                    "sector_id": row["sector_id"],
                    "name": row["name"],
                    "short_name": row["short_name"],
                    "sort_order": order[row["name"]],
                }
                for row in rows
            ]
        },
    )


def check_sector(inputs: Inputs, sectors: Sectors, file: CsvFile, row: Row) -> None:
    """Refuse a curated row whose ``sector_id`` is not one of the mission's sectors."""
    if row["sector_id"] is not None and row["sector_id"] not in sectors.ids:
        raise inputs.refuse(file, row, f"unknown sector_id {row['sector_id']!r}")
