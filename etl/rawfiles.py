"""The raw files as they were recorded: ``data/raw/SHA256SUMS``.

Every file under data/raw is kept byte for byte as published, so a change to one (an
edited deadline in the page's capture, a replaced statistics file) must be deliberate.
The build recomputes each file's SHA-256 and refuses a file whose checksum is not the one
recorded, a file with none, and a recorded file that is missing. A deliberate change is
recorded with

    python -m etl.checksums        (make checksums)

which rewrites the list; the commit that changes a raw file then shows its new checksum.
The list is in ``sha256sum``'s format, so ``cd data/raw && sha256sum -c SHA256SUMS``
checks it too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from etl.errors import BuildError

FILE_NAME = "SHA256SUMS"
RECORD = "python -m etl.checksums"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def raw_files(raw_dir: Path) -> list[str]:
    """Every file under ``raw_dir`` but the list itself, as POSIX paths relative to it."""
    return sorted(
        path.relative_to(raw_dir).as_posix()
        for path in raw_dir.rglob("*")
        if path.is_file()
        and path.relative_to(raw_dir).as_posix() != FILE_NAME
        and "__pycache__" not in path.parts
    )


def recorded(raw_dir: Path) -> dict[str, str]:
    """The recorded checksums by file; ``BuildError`` when the list is missing or malformed."""
    listing = raw_dir / FILE_NAME
    try:
        text = listing.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(listing, f"missing: record the raw files with `{RECORD}`") from None
    checksums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        checksum, separator, name = line.partition("  ")
        valid = len(checksum) == 64 and all(c in "0123456789abcdef" for c in checksum)
        if not separator or not valid or not name or name in checksums:
            raise BuildError(listing, "not a line of '<sha256>  <file>'", number)
        checksums[name] = checksum
    return checksums


def verify(raw_dir: Path) -> None:
    """Return if every raw file is the one recorded; else ``BuildError`` naming the first
    that is not."""
    checksums = recorded(raw_dir)
    present = raw_files(raw_dir)
    for name in present:
        path = raw_dir / name
        if name not in checksums:
            raise BuildError(
                path, f"no checksum is recorded in {FILE_NAME}; if it belongs here, `{RECORD}`"
            )
        actual = file_sha256(path)
        if actual != checksums[name]:
            raise BuildError(
                path,
                f"changed since it was recorded (SHA-256 {actual[:12]}..., {FILE_NAME} "
                f"records {checksums[name][:12]}...); raw files are kept as published: "
                f"restore it, or record a deliberate change with `{RECORD}`",
            )
    for name in sorted(set(checksums) - set(present)):
        raise BuildError(raw_dir / name, f"missing, though {FILE_NAME} records it")


def record(raw_dir: Path) -> list[str]:
    """Write the list for the files as they are now; the names recorded."""
    names = raw_files(raw_dir)
    lines = [f"{file_sha256(raw_dir / name)}  {name}\n" for name in names]
    (raw_dir / FILE_NAME).write_text("".join(lines), encoding="utf-8")
    return names
