"""The one error the build raises for bad input, naming the file, the row and the problem."""

from __future__ import annotations

from pathlib import Path

from etl.paths import display_path


class BuildError(Exception):
    """Input the build refuses. ``str()`` is the one-line message the command prints."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None, row: str = ""):
        self.path = Path(path)
        self.line = line
        self.row = row
        self.problem = problem
        where = display_path(path)
        if line is not None:
            where += f", line {line}"
        if row:
            where += f" ({row})"
        super().__init__(f"{where}: {problem}")
