"""Mexico's import tariff and the HS names that label it.

``read_tariff`` reads the Secretaría de Economía's workbook of every tariff line
(``data/raw/mexico-tariff/``, sheet ``FA``: line, Spanish description, unit, general import
rate) and SNICE's 2024 count of lines per rate, refusing by file and row a line code of the
wrong shape, a repeated line, a rate it cannot read, a missing sheet or column, and the
README's known rates not coming out. A newer schedule is taken in by replacing the workbook
under data/raw (its date is in its name) and ``make checksums``.

``read_hs_names`` reads HS 2022's chapter, heading and subheading names in English (UN
Comtrade) and finds their French in the EU's Combined Nomenclature 2026 as
``data/raw/hs-nomenclature/README.md`` explains: a chapter's or heading's French is the
French of its English CN name; a subheading's is the CN's short label, to be shown under
its heading.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError
from etl.inputs import Inputs
from etl.rawfiles import file_sha256
from etl.remembered import Remembered
from etl.steps import Tables
from etl.xlsx import read_sheet

TARIFF_FOLDER = "mexico-tariff"
SCHEDULE = re.compile(r"fracciones_arancelarias_(\d{4})(\d{2})(\d{2})\.xlsx\Z")
LEVELS_2024 = "mexico-tariff/niveles_arancelarios_20240423.xlsx"
LEVELS_2024_DATE = dt.date(2024, 4, 23)
SHEET = "FA"
HEADER_ROW = {"C": "Fracción Arancelaria", "D": "Descripción", "E": "Unidad de Medida"}
LINE = re.compile(r"(\d{4})\.(\d{2})\.(\d{2})\Z", re.ASCII)
AD_VALOREM = re.compile(r"(\d{1,3}(?:\.\d+)?)\Z", re.ASCII)
MIXED = re.compile(r"AMX \(\d+(?:\.\d+)?%\+\d+(?:\.\d+)? Dls [^)]+\)\Z", re.ASCII)
SPECIFIC = re.compile(r"AE \(\d+(?:\.\d+)? Dls [^)]+\)\Z", re.ASCII)
KNOWN_RATE = re.compile(r"`(\d{4}\.\d{2}\.\d{2})` \([^)]*\) (\d+)")

HS_FOLDER = "hs-nomenclature"
HS_FILE = "hs-nomenclature/harmonized-system.csv"
HS_HEADER = ["section", "hscode", "description", "parent", "level"]
CN_FOLDER = "hs-nomenclature/cn2026-fr"
CN_FILES = ("cnChapters_2026.json", "cnHeadings_2026.json", "cnSubheadings_2026.json")
YAML_SCALAR = re.compile(
    r"""\s*(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([^'"\s][^\n]*?))\s*(?=:\s|$)"""
)


@dataclass(frozen=True)
class Rate:
    as_published: str
    pct: float | None
    kind: str  # ad_valorem, exempt, mixed, specific, prohibited


def read_rate(text: str) -> Rate | None:
    """A general import rate as SNICE writes it, or None when it is none of its forms."""
    text = text.strip()
    if text == "Ex.":
        return Rate(text, 0.0, "exempt")
    if text == "Prohibida":
        return Rate(text, None, "prohibited")
    if AD_VALOREM.match(text):
        return Rate(text, float(text), "ad_valorem")
    if MIXED.match(text):
        return Rate(text, None, "mixed")
    if SPECIFIC.match(text):
        return Rate(text, None, "specific")
    return None


def schedule_path(inputs: Inputs) -> tuple[Path, dt.date]:
    """The one workbook of tariff lines under data/raw, and its date (from its name)."""
    folder = inputs.raw(TARIFF_FOLDER)
    found = sorted(path for path in folder.glob("fracciones_arancelarias_*.xlsx"))
    if len(found) != 1:
        raise BuildError(
            folder,
            f"expected one fracciones_arancelarias_YYYYMMDD.xlsx, found {len(found)}: "
            "keep only the schedule in force",
        )
    match = SCHEDULE.search(found[0].name)
    if match is None:
        raise BuildError(found[0], "its name does not end in a date, YYYYMMDD.xlsx")
    try:
        date = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BuildError(found[0], "the date in its name is not a date") from None
    return found[0], date


# Parsed tables by the names and digests of the files they were read from. The tables hold
# no path. The raw files are checked against data/raw/SHA256SUMS before any step runs.
_PARSED: Remembered[Tables] = Remembered(4)


def remembered(files: list[Path], parse: Callable[[], Tables]) -> Tables:
    """``parse()``, or the tables it gave for files of these names and contents; a copy of
    every row either way, so no build changes what another reads."""
    key = tuple((path.name, file_sha256(path)) for path in files)
    return {name: [dict(row) for row in rows] for name, rows in _PARSED.get(key, parse).items()}


def read_tariff(inputs: Inputs) -> Tables:
    """``mexico_tariff_lines`` and ``mexico_tariff_levels_2024``."""
    path, _ = schedule_path(inputs)
    files = [path, inputs.raw(LEVELS_2024), inputs.raw(f"{TARIFF_FOLDER}/README.md")]
    return remembered(files, lambda: parse_tariff(inputs))


def parse_tariff(inputs: Inputs) -> Tables:
    path, schedule_date = schedule_path(inputs)
    rows: dict[int, dict[str, str]] = defaultdict(dict)
    for cell in read_sheet(path, SHEET):
        rows[cell.row][cell.column] = cell.text
    header = next(
        (number for number, row in sorted(rows.items()) if row.get("C") == HEADER_ROW["C"]), None
    )
    if header is None or any(rows[header].get(k) != v for k, v in HEADER_ROW.items()):
        raise BuildError(
            path, f"sheet {SHEET}: no header row with {', '.join(HEADER_ROW.values())}"
        )
    rate_header = rows.get(header + 1, {})
    if rate_header.get("F") != "IMP.":
        raise BuildError(path, f"sheet {SHEET}, row {header + 1}: column F is not 'IMP.'")
    lines = []
    seen: dict[str, int] = {}
    for number, row in sorted(rows.items()):
        if number <= header + 1:
            continue
        code = row.get("C", "").strip()
        where = f"sheet {SHEET}, row {number}"
        match = LINE.match(code)
        if match is None:
            raise BuildError(path, f"{where}: tariff line {code[:40]!r} is not NNNN.NN.NN")
        if code in seen:
            raise BuildError(path, f"{where}: tariff line {code} repeats row {seen[code]}")
        seen[code] = number
        rate = read_rate(row.get("F", ""))
        if rate is None:
            raise BuildError(
                path,
                f"{where} ({code}): import rate {row.get('F', '')[:60]!r} is not one SNICE writes",
            )
        description = " ".join(row.get("D", "").split())
        if not description:
            raise BuildError(path, f"{where} ({code}): no description")
        lines.append(
            {
                "tariff_line": code,
                "subheading": match[1] + match[2],
                "heading": match[1],
                "chapter": match[1][:2],
                "description_es": description,
                "unit": row.get("E", "").strip() or None,
                "import_rate_as_published": rate.as_published,
                "import_rate_pct": rate.pct,
                "rate_kind": rate.kind,
                "schedule_date": schedule_date,
            }
        )
    check_known_rates(inputs, path, lines)
    return {"mexico_tariff_lines": lines, "mexico_tariff_levels_2024": read_levels_2024(inputs)}


def check_known_rates(inputs: Inputs, path: Path, lines: list[dict]) -> None:
    """The rates the README says a reader can check."""
    readme = inputs.raw(f"{TARIFF_FOLDER}/README.md")
    text = readme.read_text(encoding="utf-8")
    known = KNOWN_RATE.findall(text[text.find("Known values") :][:400])
    if not known:
        raise BuildError(readme, "no known rates ('Known values a reader can check')")
    by_line = {line["tariff_line"]: line for line in lines}
    for code, rate in known:
        line = by_line.get(code)
        if line is None or line["import_rate_pct"] != float(rate):
            found = line["import_rate_as_published"] if line else "no such line"
            raise BuildError(path, f"{code}: the README gives {rate}, the workbook {found}")


def read_levels_2024(inputs: Inputs) -> list[dict]:
    """SNICE's count of tariff lines per import rate, April 2024 (before the reform)."""
    path = inputs.raw(LEVELS_2024)
    rows: dict[int, dict[str, str]] = defaultdict(dict)
    for cell in read_sheet(path, "SE actualizada"):
        rows[cell.row][cell.column] = cell.text
    levels: list[dict] = []
    total = None
    started = False
    for number, row in sorted(rows.items()):
        if row.get("B", "").startswith("Nivel Arancelario"):
            started = True
            continue
        if not started or "B" not in row:
            continue
        rate_text, count = row["B"].strip(), row.get("C", "").strip()
        if not count.isdigit() or not count.isascii():
            raise BuildError(path, f"row {number}: count {count!r} for {rate_text!r} is not whole")
        if rate_text == "Total general":
            total = int(count)
            break
        rate = read_rate(rate_text)
        if rate is None:
            raise BuildError(
                path, f"row {number}: import rate {rate_text[:60]!r} is not one SNICE writes"
            )
        levels.append(
            {
                "import_rate_as_published": rate.as_published,
                "import_rate_pct": rate.pct,
                "rate_kind": rate.kind,
                "line_count": int(count),
                "table_date": LEVELS_2024_DATE,
            }
        )
    counted = sum(int(level["line_count"]) for level in levels)
    if total is None or total != counted:
        raise BuildError(path, f"the counts do not add up to the 'Total general' ({total})")
    return levels


def read_yaml_pairs(path: Path) -> dict[str, str]:
    """The CN's ``'English': 'French'`` lines (one scalar pair a line, as the file has)."""
    pairs = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        key = YAML_SCALAR.match(line)
        if key is None:
            raise BuildError(path, "not a 'key: value' line", number)
        rest = line[key.end() :]
        value = YAML_SCALAR.match(rest[1:]) if rest.startswith(":") else None
        if value is None or value.end() + 1 != len(rest.rstrip()):
            raise BuildError(path, "not a 'key: value' line", number)
        pairs[yaml_text(key)] = yaml_text(value)
    return pairs


def yaml_text(match: re.Match[str]) -> str:
    single, double, plain = match.groups()
    if single is not None:
        return single.replace("''", "'")
    if double is not None:
        return json.loads(f'"{double}"')
    return plain.strip()


def read_json_list(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BuildError(path, f"cannot read: {error}") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BuildError(path, "not a list of objects")
    return data


def read_hs_names(inputs: Inputs) -> Tables:
    """``hs_names``: every HS 2022 chapter, heading and subheading, in English and French."""
    folder = inputs.raw(CN_FOLDER)
    files = [
        inputs.raw(HS_FILE),
        folder / "messages_fr.yaml",
        *(folder / name for name in CN_FILES),
    ]
    return remembered(files, lambda: parse_hs_names(inputs))


def parse_hs_names(inputs: Inputs) -> Tables:
    path = inputs.raw(HS_FILE)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != HS_HEADER:
            raise BuildError(path, f"header is not {','.join(HS_HEADER)}", 1)
        english = []
        for number, fields in enumerate(reader, start=2):
            if len(fields) != len(HS_HEADER):
                raise BuildError(path, f"{len(fields)} fields, not {len(HS_HEADER)}", number)
            _, code, description, _, level = fields
            if code == "TOTAL":
                continue
            if level not in ("2", "4", "6") or not code.isdigit() or len(code) != int(level):
                raise BuildError(
                    path, f"code {code!r} does not have its level's {level} digits", number
                )
            english.append((code, int(level), " ".join(description.split())))
    codes = [code for code, _, _ in english]
    if len(set(codes)) != len(codes):
        raise BuildError(path, "a code is listed twice")
    folder = inputs.raw(CN_FOLDER)
    french = read_yaml_pairs(folder / "messages_fr.yaml")
    cn_names: dict[str, str] = {}
    for file_name in CN_FILES:
        for item in read_json_list(folder / file_name):
            cn_code, cn_name = item.get("code"), item.get("name")
            if isinstance(cn_code, str) and isinstance(cn_name, str):
                cn_names[cn_code] = cn_name
    rows = []
    for hs_code, hs_level, name in english:
        cn = cn_names.get(hs_code)
        if cn is None and hs_level == 4:
            cn = cn_names.get(hs_code + "00")  # a heading the CN does not subdivide
        rows.append(
            {
                "code": hs_code,
                "level": hs_level,
                "name_en": name,
                # A heading the CN's lists leave out may still have its English name, word
                # for word, among the CN's names (0409 "Natural honey").
                "name_fr": french.get(cn) if cn else french.get(name),
            }
        )
    return {"hs_names": rows}
