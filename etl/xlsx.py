"""The cells of one sheet of an Excel workbook (.xlsx), as text, read with the standard
library: the tariff workbooks are a few thousand rows of text and numbers, and a reader of
our own is strict where a general one guesses (a formula, a date or an error cell is named
as such instead of being read as a value).

A workbook is a zip of XML parts: ``xl/workbook.xml`` names the sheets, its relationships
give each sheet's part, ``xl/sharedStrings.xml`` holds the text cells point into.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

from etl.errors import BuildError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
KIND = re.compile(rb'\bt="([^"]*)"')
FORMULA = re.compile(rb"<f\b")
VALUE = re.compile(rb"<v>([^<]*)</v>")
TEXT = re.compile(rb"<t\b[^>]*>([^<]*)</t>")
# A sheet larger than this (uncompressed) is not a tariff schedule: refused before parsing.
MAX_PART_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Cell:
    row: int  # the spreadsheet's own row number (1 is the first)
    column: str  # "C"
    text: str  # the value as text: a number as Excel stores it ("36", "0.5")


def _part(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise BuildError(path, f"not a workbook: it has no {name}") from None
    if info.file_size > MAX_PART_BYTES:
        raise BuildError(path, f"{name} is {info.file_size:,} bytes, more than a sheet holds")
    return archive.read(name)


def _parse(data: bytes, name: str, path: Path) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise BuildError(path, f"{name} is not well-formed XML ({error})") from None


def _shared_strings(archive: zipfile.ZipFile, path: Path) -> list[str]:
    name = "xl/sharedStrings.xml"
    if name not in archive.namelist():
        return []
    root = _parse(_part(archive, name, path), name, path)
    # A string item is its <t> or the <t> of each of its runs, joined; phonetic runs are not text.
    return [
        "".join(text.text or "" for text in item.iter(f"{MAIN}t"))
        for item in root.iter(f"{MAIN}si")
    ]


def _sheet_part(archive: zipfile.ZipFile, sheet: str, path: Path) -> str:
    workbook = _parse(_part(archive, "xl/workbook.xml", path), "xl/workbook.xml", path)
    names = {}
    for element in workbook.iter(f"{MAIN}sheet"):
        names[element.get("name")] = element.get(RELATIONSHIP)
    if sheet not in names:
        raise BuildError(path, f"no sheet {sheet!r} (sheets: {', '.join(map(str, names))})")
    relationships = _parse(
        _part(archive, "xl/_rels/workbook.xml.rels", path), "xl/_rels/workbook.xml.rels", path
    )
    for element in relationships.iter(f"{PACKAGE_RELATIONSHIPS}Relationship"):
        if element.get("Id") == names[sheet]:
            target = element.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    raise BuildError(path, f"sheet {sheet!r} has no part in the workbook's relationships")


def read_sheet(path: Path, sheet: str) -> Iterator[Cell]:
    """Every non-empty cell of ``sheet``, row by row. ``BuildError`` when the file is not a
    workbook, has no such sheet, or holds a formula or error where a value should be."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BuildError(path, f"not a workbook (.xlsx): {error}") from None
    with archive:
        strings = _shared_strings(archive, path)
        name = _sheet_part(archive, sheet, path)
        data = _part(archive, name, path)
    # The sheet is scanned for its cells rather than parsed whole: a schedule's sheet is
    # megabytes of formatting around a few thousand values, and building its tree cost a
    # quarter of a second of every build. Excel writes cells one way (``<c r="C9" t="s">
    # <v>5</v></c>``); a sheet written otherwise yields no cells and its reader's header
    # check refuses it.
    for match in CELL.finditer(data):
        content = match[3]
        if not content:
            continue  # most cells of a sheet are formatting alone: <c r="A2" s="3"/>
        attributes = match[1]
        found = REFERENCE.search(attributes)
        if found is None:
            raise BuildError(path, f"sheet {sheet}: a cell without its reference")
        column, number = found[1].decode("ascii"), int(found[2])
        reference = f"{column}{number}"
        kind_found = KIND.search(attributes)
        kind = kind_found[1].decode("ascii", "replace") if kind_found else "n"
        if b"<f" in content and FORMULA.search(content):
            raise BuildError(path, f"sheet {sheet}, cell {reference}: a formula, not a value")
        if kind == "inlineStr":
            text = "".join(unescape(t.decode("utf-8")) for t in TEXT.findall(content))
        else:
            value = VALUE.search(content)
            if value is None:
                continue
            raw = value[1].decode("utf-8")
            raw = unescape(raw) if "&" in raw else raw
            if kind == "s":
                if not raw.isdigit() or not int(raw) < len(strings):
                    raise BuildError(path, f"sheet {sheet}, cell {reference}: no string {raw}")
                text = strings[int(raw)]
            elif kind in ("n", "str"):
                text = raw
            else:  # "e" (an error such as #N/A), "b", "d"
                raise BuildError(path, f"sheet {sheet}, cell {reference}: a {kind!r} cell")
        if text.strip():
            yield Cell(number, column, text)
