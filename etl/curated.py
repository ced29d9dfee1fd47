"""Reading the hand-curated CSV files with typed, named checks.

Each file is declared once as a ``Table`` of ``Column``s; ``read`` returns plain dicts
with values already typed, or raises ``BuildError`` naming the file, the CSV line (the
header is line 1) and the problem.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
LINE_KEY = "_line"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # "text", "identifier", "integer" or "number"
    required: bool = True
    choices: frozenset[str] | None = None


@dataclass(frozen=True)
class Table:
    file_name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    def read(self, directory: Path) -> list[dict]:
        path = directory / self.file_name
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                header = reader.fieldnames or []
                self._check_header(path, header)
                rows = [self._typed(path, reader.line_num, raw) for raw in reader]
        except OSError as error:
            raise BuildError(path, f"cannot read: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise BuildError(path, f"not UTF-8 text (byte {error.start})") from None
        except csv.Error as error:
            raise BuildError(path, f"malformed CSV: {error}") from None
        self._check_unique(path, rows)
        return rows

    def _check_header(self, path: Path, header: list[str]) -> None:
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

    def _row_label(self, raw: dict) -> str:
        first = self.columns[0].name
        value = (raw.get(first) or "").strip()
        return f"{first}={value}" if value else ""

    def _typed(self, path: Path, line: int, raw: dict) -> dict:
        if None in raw:  # more fields than the header names
            raise BuildError(path, "more fields than the header has", line, self._row_label(raw))
        row: dict = {LINE_KEY: line}
        for column in self.columns:
            text = (raw.get(column.name) or "").strip()
            row[column.name] = self._convert(path, line, raw, column, text)
        return row

    def _convert(self, path: Path, line: int, raw: dict, column: Column, text: str):
        label = self._row_label(raw)
        if not text:
            if column.required:
                raise BuildError(path, f"{column.name} is empty", line, label)
            return None
        if column.choices is not None and text not in column.choices:
            allowed = ", ".join(sorted(column.choices))
            raise BuildError(path, f"{column.name} {text!r} is not one of: {allowed}", line, label)
        if column.kind == "identifier" and not IDENTIFIER.match(text):
            raise BuildError(
                path,
                f"{column.name} {text!r} is not an identifier (lowercase letters, digits, _)",
                line,
                label,
            )
        if column.kind == "integer":
            try:
                return int(text)
            except ValueError:
                raise BuildError(
                    path, f"{column.name} {text!r} is not a whole number", line, label
                ) from None
        if column.kind == "number":
            try:
                number = float(text)
            except ValueError:
                raise BuildError(
                    path, f"{column.name} {text!r} is not a number", line, label
                ) from None
            if not math.isfinite(number):
                raise BuildError(path, f"{column.name} {text!r} is not finite", line, label)
            return number
        return text

    def _check_unique(self, path: Path, rows: list[dict]) -> None:
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
