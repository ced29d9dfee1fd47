"""Reading the mission page's plain-text capture into its structure.

The capture has no markup, but its structure is regular: headings stand alone on a line
between blank lines (or straight after a bullet list), bullets start with "•" and are
indented two spaces per level, and every other non-blank line is one paragraph. This
module turns that into sections, paragraphs and bullet lists, and finds quoted passages.
Nothing here knows what the page is about; the modules in ``etl.steps`` do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from etl.errors import BuildError

BULLET = "•"
KEY_VALUE = re.compile(r"^(?P<key>[A-Z][A-Za-z ]{2,40}):\s*(?P<value>.*)$")
LIST_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
MONTHS = {
    name: number
    for number, name in enumerate(
        (
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
        ),
        start=1,
    )
}
HEADING_MAX_LENGTH = 80
INDENT_PER_LEVEL = 2
# Whitespace inside a line: the capture mixes spaces, no-break spaces (U+00A0) and narrow
# no-break spaces (U+202F), so quotes are matched across any run of them, never across lines.
INLINE_SPACE = r"[^\S\n]+"


@dataclass(frozen=True)
class ListItem:
    line: int
    level: int
    text: str  # whitespace normalised, for matching and display
    verbatim: str  # the exact source characters, for storing as a quote


@dataclass(frozen=True)
class Block:
    """A paragraph (one line of text) or a bullet list, in document order."""

    kind: Literal["paragraph", "list"]
    line: int
    text: str = ""  # a paragraph, whitespace normalised
    verbatim: str = ""  # the same paragraph, exact source characters
    items: tuple[ListItem, ...] = ()
    lead_in: str = ""  # for a list: the paragraph just before it


@dataclass
class Section:
    heading: str
    line: int
    last_line: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "paragraph"]

    @property
    def lists(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "list"]


@dataclass(frozen=True)
class Located:
    """Where a quote was found, and the exact source characters it matched."""

    line: int
    text: str


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one plain space."""
    return " ".join(text.split())


def split_list(text: str) -> list[str]:
    """Split "A, B, and C" or "A and B" into its items."""
    return [part.strip() for part in LIST_SEPARATOR.split(text.strip()) if part.strip()]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that contains the span ``start:end``."""
    opening = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start))
    closing = text.find(".", end - 1)
    return text[opening + 2 if opening >= 0 else 0 : closing + 1 if closing >= 0 else len(text)]


class PageCapture:
    """The capture as text, lines, sections and a quote finder."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text
        self.lines = text.split("\n")
        self.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.sections = self._split_sections()

    @classmethod
    def load(cls, path: Path) -> PageCapture:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise BuildError(path, f"cannot read the source document: {error.strerror}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BuildError(path, f"not UTF-8 text (byte {error.start})") from None
        if not text.strip():
            raise BuildError(path, "the source document is empty")
        return cls(path, text)

    # Structure -------------------------------------------------------------------------

    def _is_heading(self, index: int) -> bool:
        stripped = self.lines[index].strip()
        if not stripped or stripped.startswith(BULLET):
            return False
        previous = self.lines[index - 1].strip() if index > 0 else ""
        following = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
        return (
            (not previous or previous.startswith(BULLET))
            and not following
            and len(stripped) <= HEADING_MAX_LENGTH
            and ":" not in stripped
            and not stripped.endswith(".")
        )

    def _split_sections(self) -> list[Section]:
        starts = [index for index in range(len(self.lines)) if self._is_heading(index)]
        sections = []
        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(self.lines)
            section = Section(
                heading=normalise_space(self.lines[start]), line=start + 1, last_line=end
            )
            section.blocks = self._blocks(start + 1, end)
            sections.append(section)
        return sections

    def _blocks(self, start: int, end: int) -> list[Block]:
        blocks: list[Block] = []
        items: list[ListItem] = []
        list_line = 0

        def close_list() -> None:
            nonlocal items
            if items:
                lead_in = ""
                if blocks and blocks[-1].kind == "paragraph":
                    lead_in = blocks[-1].verbatim
                blocks.append(Block("list", list_line, items=tuple(items), lead_in=lead_in))
                items = []

        for index in range(start, end):
            raw = self.lines[index]
            stripped = raw.strip()
            if not stripped:
                continue
            if stripped.startswith(BULLET):
                if not items:
                    list_line = index + 1
                indent = len(raw) - len(raw.lstrip())
                level = max(1, indent // INDENT_PER_LEVEL)
                verbatim = stripped[len(BULLET) :].strip()
                items.append(ListItem(index + 1, level, normalise_space(verbatim), verbatim))
            else:
                close_list()
                blocks.append(
                    Block(
                        "paragraph", index + 1, text=normalise_space(stripped), verbatim=stripped
                    )
                )
        close_list()
        return blocks

    def refuse(self, problem: str, line: int | None = None) -> BuildError:
        """The error naming a line of the capture."""
        return BuildError(self.path, problem, line)

    def date(self, line: int, month: str, day: str, year: str) -> dt.date:
        """A date the page writes as "February 15, 2026", or an error naming its line."""
        if month not in MONTHS:
            raise self.refuse(f"unknown month {month!r}", line)
        try:
            return dt.date(int(year), MONTHS[month], int(day))
        except ValueError as error:
            raise self.refuse(f"invalid date: {error}", line) from None

    def key_values(self, section: Section) -> dict[str, Block]:
        """Paragraphs of the form "Key: value" in a section, by key."""
        found = {}
        for block in section.paragraphs:
            match = KEY_VALUE.match(block.text)
            if match:
                found[match.group("key")] = block
        return found

    def list_after(self, section: Section, prefix: str) -> Block:
        """The bullet list introduced by a paragraph starting with ``prefix``."""
        for block in section.lists:
            if normalise_space(block.lead_in).startswith(prefix):
                return block
        raise self.refuse(f"no bullet list after {prefix!r} in {section.heading!r}")

    def section(self, heading: str) -> Section:
        for section in self.sections:
            if section.heading == heading:
                return section
        raise BuildError(self.path, f"no section headed {heading!r}")

    # Quotes ----------------------------------------------------------------------------

    def locate(self, quote: str, within: Section | None = None) -> Located | None:
        """Find ``quote`` in the document (or one section), whitespace-insensitively.

        Returns the first match with the exact characters of the source, so what is
        stored is verbatim even where the capture uses no-break spaces.
        """
        words = quote.split()
        if not words:
            return None
        pattern = re.compile(INLINE_SPACE.join(re.escape(word) for word in words))
        first, last = (within.line, within.last_line) if within else (1, len(self.lines))
        for number in range(first, last + 1):
            match = pattern.search(self.lines[number - 1])
            if match:
                return Located(number, match.group(0))
        return None
