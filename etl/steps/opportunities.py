"""What each sector's section says Mexico wants (its lists and its prose), and the
companies and brands it names."""

from __future__ import annotations

from etl.csvfiles import LINE_KEY, CsvFile, Row
from etl.inputs import COMPANIES, OPPORTUNITIES_PROSE, OPPORTUNITY_LISTS, Inputs
from etl.page import Located, PageCapture, normalise_space
from etl.steps import Tables
from etl.steps.sections import Sectors, check_sector


def clean_item(text: str) -> str:
    """A bullet as an opportunity name: no closing full stop, parentheses balanced.

    Two ICT bullets on the page open a parenthesis they never close; the item closes it,
    while the stored quote keeps the page's characters.
    """
    item = normalise_space(text).rstrip(".").strip()
    missing = item.count("(") - item.count(")")
    return item + ")" * max(0, missing)


def locate_in_sector(
    page: PageCapture, sectors: Sectors, inputs: Inputs, file: CsvFile, row: Row
) -> Located:
    """Where a curated row's quote is, within its own sector's section."""
    section = sectors.sections[row["sector_id"]]
    located = page.locate(row["quote"], within=section)
    if located is None:
        raise inputs.refuse(
            file,
            row,
            f"quote not found in the {section.heading!r} section of "
            f"{page.path.name}: {row['quote'][:80]!r}",
        )
    return located


def read_opportunities(page: PageCapture, sectors: Sectors, inputs: Inputs) -> Tables:
    lists = inputs.read(OPPORTUNITY_LISTS)
    prose = inputs.read(OPPORTUNITIES_PROSE)
    for row in lists:
        check_sector(inputs, sectors, OPPORTUNITY_LISTS, row)
    for row in prose:
        check_sector(inputs, sectors, OPPORTUNITIES_PROSE, row)
    rows: dict[tuple[str, str, str], Row] = {}
    used_lists = set()
    for sector_id, section in sectors.sections.items():
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
                raise page.refuse(
                    f"the list after {lead_in!r} has no category in {OPPORTUNITY_LISTS.file_name}",
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
        if row[LINE_KEY] not in used_lists:
            raise inputs.refuse(
                OPPORTUNITY_LISTS, row, "no bullet list in that sector ends with this lead-in"
            )
    for row in prose:
        located = locate_in_sector(page, sectors, inputs, OPPORTUNITIES_PROSE, row)
        if row["item"].lower() not in normalise_space(located.text).lower():
            raise inputs.refuse(OPPORTUNITIES_PROSE, row, "the item is not in its quote")
        key = (row["sector_id"], row["category"], row["item"])
        if key in rows:
            line = rows[key]["line"]
            raise inputs.refuse(
                OPPORTUNITIES_PROSE, row, f"already listed from the bullet on line {line}"
            )
        rows[key] = {
            "sector_id": row["sector_id"],
            "category": row["category"],
            "item": row["item"],
            "origin": "prose",
            "quote": located.text,
            "line": located.line,
        }
    companies = []
    for row in inputs.read(COMPANIES):
        check_sector(inputs, sectors, COMPANIES, row)
        located = locate_in_sector(page, sectors, inputs, COMPANIES, row)
        if row["company"] not in located.text:
            raise inputs.refuse(COMPANIES, row, "the company is not named in its quote")
        companies.append(
            {
                "sector_id": row["sector_id"],
                "company": row["company"],
                "role": row["role"],
                "quote": located.text,
            }
        )
    return {
        "opportunities": sorted(
            rows.values(), key=lambda row: (row["sector_id"], row["line"], row["item"])
        ),
        "companies": companies,
    }
