"""Reading small CSV files (the curated layer, the host cities) with typed, named checks.

Each file is declared once, in ``etl.inputs``, as a ``CsvFile`` of ``Column``s; ``read``
returns plain dicts with values already typed, or raises ``BuildError`` naming the file,
the CSV line (the header is line 1) and the problem. Every row keeps its line under
``LINE_KEY`` so later checks can name it too.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from etl.errors import BuildError

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
# Decimal digits only: Python's int() and float() also take "1_000", "1e3", "٣" and "inf".
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
DECIMAL_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
BYTE_ORDER_MARK = "\ufeff"
LINE_KEY = "_line"

Row = dict[str, Any]
ColumnKind = Literal["text", "identifier", "integer", "number"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind = "text"
    required: bool = True
    choices: frozenset[str] | None = None


@dataclass(frozen=True)
class CsvFile:
    """One input file: its name, where it lives, its columns and its key."""

    file_name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    folder: Literal["curated", "raw"] = "curated"

    def read(self, path: Path) -> list[Row]:
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                self._check_header(path, list(reader.fieldnames or []))
                rows = [self._typed(path, reader.line_num, raw) for raw in reader]
        except OSError as error:
            raise BuildError(path, f"cannot read: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise BuildError(path, f"not UTF-8 text (byte {error.start})") from None
        except csv.Error as error:
            raise BuildError(path, f"malformed CSV: {error}") from None
        self._check_unique(path, rows)
        return rows

    def label(self, row: Row) -> str:
        """How a row is named in a message: its first column, ``figure_id=...``."""
        first = self.columns[0].name
        value = row.get(first)
        return f"{first}={value}" if value not in (None, "") else ""

    def _check_header(self, path: Path, header: list[str]) -> None:
        if header and header[0].startswith(BYTE_ORDER_MARK):
            raise BuildError(
                path,
                'starts with a byte-order mark (saved as "UTF-8 with BOM"); '
                "save it as plain UTF-8",
                line=1,
            )
        expected = [column.name for column in self.columns]
        missing = [name for name in expected if name not in header]
        extra = [name for name in header if name not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing column(s) " + ", ".join(missing))
            if extra:
                parts.append("unexpected column(s) " + ", ".join(map(str, extra)))
            raise BuildError(path, "; ".join(parts), line=1)

    def _typed(self, path: Path, line: int, raw: dict) -> Row:
        # csv.DictReader puts the fields beyond the header in a list under the key None.
        label = self.label(
            {name: (value or "").strip() for name, value in raw.items() if name is not None}
        )
        if None in raw:
            raise BuildError(path, "more fields than the header has", line, label)
        row: Row = {LINE_KEY: line}
        for column in self.columns:
            text = (raw.get(column.name) or "").strip()
            row[column.name] = self._convert(path, line, label, column, text)
        return row

    @staticmethod
    def _convert(path: Path, line: int, label: str, column: Column, text: str) -> Any:
        def refuse(problem: str) -> BuildError:
            return BuildError(path, f"{column.name} {text!r} {problem}", line, label)

        if not text:
            if column.required:
                raise BuildError(path, f"{column.name} is empty", line, label)
            return None
        if column.choices is not None and text not in column.choices:
            raise refuse("is not one of: " + ", ".join(sorted(column.choices)))
        if column.kind == "identifier" and not IDENTIFIER.match(text):
            raise refuse("is not an identifier (lowercase letters, digits, _)")
        if column.kind == "integer":
            if not WHOLE_NUMBER.fullmatch(text):
                raise refuse("is not a whole number")
            return int(text)
        if column.kind == "number":
            if not DECIMAL_NUMBER.fullmatch(text):
                raise refuse("is not a number")
            return float(text)
        return text

    def _check_unique(self, path: Path, rows: list[Row]) -> None:
        if not self.key:
            return
        seen: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row[name] for name in self.key)
            if key in seen:
                shown = ", ".join(f"{name}={row[name]}" for name in self.key)
                raise BuildError(
                    path, f"duplicate {shown} (first on line {seen[key]})", row[LINE_KEY]
                )
            seen[key] = row[LINE_KEY]
