"""INEGI's open-data package of Mexico's merchandise trade (BCMM), as a file: what the build
and the refresh both need to know of it before its rows are read.

The package is a zip: ``metadatos/*.txt`` (when it was published, ``Modified:``, and the
period it covers, ``Temporal:``), ``conjunto_de_datos/bcmm_mtra_capitulo_mensual_tr_cifra_
2012_<year>.csv`` (the months by chapter and transport mode) and more files the project
does not read. ``read_package`` refuses anything else by name, and ``extract_chapter_file``
writes the chapter file out, at most ``MAX_CHAPTER_BYTES``, for DuckDB's CSV reader.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError

PACKAGE_NAME = "conjunto_de_datos_bcmm_mensual_mtra_csv.zip"
OFFICIAL_URL = "https://www.inegi.org.mx/contenidos/programas/comext/datosabiertos/" + PACKAGE_NAME
CHAPTER_FILE = re.compile(
    r"conjunto_de_datos/bcmm_mtra_capitulo_mensual_tr_cifra_2012_\d{4}\.csv\Z"
)
METADATA_FILE = re.compile(r"metadatos/metadatos_bcmm_mtra_mensual_2012_\d{4}\.txt\Z")
MODIFIED = re.compile(r"^Modified:[ \t]*(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}[ \t]*$", re.M | re.A)
TEMPORAL = re.compile(
    r"^Temporal:[ \t]*(\d{4})-(\d{2})-(\d{2})-(\d{4})-(\d{2})-(\d{2})[ \t]*$", re.M | re.A
)
# The chapter file is 26 MB today and grows about 1.8 MB a year; a member far larger is
# not INEGI's table (or is a zip bomb) and is refused before a byte is written.
MAX_CHAPTER_BYTES = 200 * 1024 * 1024
MAX_METADATA_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Package:
    """One release of the package: where it is and what its metadata say."""

    path: Path
    release_date: dt.date  # the metadata's "Modified" day
    period_start: dt.date
    period_end: dt.date  # the last day the metadata say it covers
    chapter_member: str


def _date(path: Path, parts: tuple[str, ...], what: str) -> dt.date:
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise BuildError(path, f"the metadata's {what} is not a date") from None


def read_package(path: Path) -> Package:
    """The package's release date, period and chapter file, or ``BuildError``."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BuildError(path, f"not INEGI's zip package: {error}") from None
    with archive:
        names = archive.namelist()
        chapters = [name for name in names if CHAPTER_FILE.match(name)]
        metadata = [name for name in names if METADATA_FILE.match(name)]
        if len(chapters) != 1 or len(metadata) != 1:
            raise BuildError(
                path,
                "not the documented layout: expected one conjunto_de_datos/"
                "bcmm_mtra_capitulo_mensual_tr_cifra_2012_YYYY.csv and one "
                f"metadatos/metadatos_bcmm_mtra_mensual_2012_YYYY.txt, found {len(chapters)} "
                f"and {len(metadata)}",
            )
        info = archive.getinfo(metadata[0])
        if info.file_size > MAX_METADATA_BYTES:
            raise BuildError(path, f"{metadata[0]} is {info.file_size:,} bytes: not metadata")
        try:
            text = archive.read(metadata[0]).decode("utf-8").replace("\r", "")
        except (UnicodeDecodeError, zipfile.BadZipFile, OSError) as error:
            raise BuildError(path, f"{metadata[0]} cannot be read: {error}") from None
        if archive.getinfo(chapters[0]).file_size > MAX_CHAPTER_BYTES:
            raise BuildError(path, f"{chapters[0]} is larger than INEGI's table can be")
    modified = MODIFIED.search(text)
    temporal = TEMPORAL.search(text)
    if modified is None or temporal is None:
        raise BuildError(
            path, f"{metadata[0]} gives no 'Modified: YYYY-MM-DDThh:mm' or 'Temporal:' period"
        )
    return Package(
        path=path,
        release_date=_date(path, modified.groups(), "Modified"),
        period_start=_date(path, temporal.groups()[:3], "Temporal start"),
        period_end=_date(path, temporal.groups()[3:], "Temporal end"),
        chapter_member=chapters[0],
    )


def extract_chapter_file(package: Package, folder: Path) -> Path:
    """Write the package's chapter file into ``folder``, refusing more than it may hold
    (the size in the zip's directory can lie)."""
    target = folder / Path(package.chapter_member).name
    try:
        with (
            zipfile.ZipFile(package.path) as archive,
            archive.open(package.chapter_member) as src,
            target.open("wb") as out,
        ):
            copied = 0
            while block := src.read(1024 * 1024):
                copied += len(block)
                if copied > MAX_CHAPTER_BYTES:
                    raise BuildError(package.path, f"{package.chapter_member} is too large")
                out.write(block)
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        problem = f"{package.chapter_member} cannot be read: {error}"
        raise BuildError(package.path, problem) from None
    return target
