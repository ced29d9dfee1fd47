"""Whether the build may write over a path: only over a database this project built.

``TRADE_MISSION_DB`` and ``--db`` take any path, and the app and the command lines rebuild
a database they cannot read. Without a check, a mistyped path would replace a user's own
file (notes, another DuckDB database) with the mission database. So the build replaces a
file only when it is the project's:

- its ``build_info`` table names this project (every build writes it), or
- it is a database of an earlier build, from before ``build_info`` (its core tables), or
- the build's manifest beside it (``<name>.build.json``, written with every build) names
  this project and describes this very file: the file was built here and has been damaged
  since, too badly to read. A manifest speaks only for the file it was written for: it
  records that file's size and the digest of its first ``HEAD_BYTES``, and a file at the
  path that is longer, or whose head differs (someone's notes, another DuckDB database,
  garbage written over it), is not the project's, manifest or not. A file cut short (a
  full disk, a bad copy) keeps its head, and is rebuilt.

Anything else is refused with the path named, and left untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import duckdb

from etl.errors import BuildError

PROJECT = "canada-mexico-trade-mission"
# How much of the head of the file a manifest vouches for: past DuckDB's headers (the first
# 12 KiB, much the same in every DuckDB file) into this database's own blocks.
HEAD_BYTES = 64 * 1024
MANIFEST_SUFFIX = ".build.json"
# The tables every build since the first has written: a file that has them and no
# build_info is this project's database from before build_info existed.
EARLIER_BUILD_TABLES = frozenset({"source_document", "mission", "sectors", "figures"})
# Opening a file to look at it must not reach the network for a DuckDB extension.
PROBE_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


def manifest_path(target: Path) -> Path:
    return target.with_name(target.name + MANIFEST_SUFFIX)


def build_info_row() -> dict:
    """The row of ``build_info`` a new build writes."""
    return {"project": PROJECT}


def check_replaceable(target: Path) -> None:
    """Return if the build may write ``target``; else raise ``BuildError`` naming it."""
    if not os.path.lexists(target):
        return
    if not target.is_file():
        raise BuildError(target, "is not a file; it was left untouched")
    # The manifest first: reading 64 KiB is cheaper than opening the database.
    if _manifest_is_ours(target) or is_project_database(target):
        return
    raise BuildError(
        target,
        "is not a database this dashboard built, so it was left untouched; "
        "point TRADE_MISSION_DB or --db at another path, or delete the file first",
    )


def head_digest(path: Path) -> tuple[str, int]:
    """The SHA-256 of the first ``HEAD_BYTES`` of ``path``, and its size."""
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
        size = os.fstat(file.fileno()).st_size
    return hashlib.sha256(head).hexdigest(), size


def write_manifest(target: Path, built: Path) -> None:
    """Mark ``target``'s path as the project's database, for the file ``built`` that is
    about to land there: its size and the digest of its head."""
    manifest = manifest_path(target)
    digest, size = head_digest(built)
    record = {"project": PROJECT, "database": target.name, "bytes": size, "head_sha256": digest}
    text = json.dumps(record, indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f".{manifest.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, manifest)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        problem = f"cannot write the build's manifest: {error.strerror}"
        raise BuildError(manifest, problem) from None


def is_project_database(target: Path) -> bool:
    """Whether ``target`` opens as a database this project built (now or before
    ``build_info``)."""
    con = duckdb.connect(":memory:", config=PROBE_CONFIG)
    try:
        con.execute("attach ? as probe (read_only)", [str(target)])
        tables = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_catalog = 'probe'"
            ).fetchall()
        }
        if "build_info" in tables:
            return con.execute("select project from probe.build_info").fetchall() == [(PROJECT,)]
        return tables >= EARLIER_BUILD_TABLES
    except duckdb.Error:
        return False
    finally:
        con.close()


def _manifest_is_ours(target: Path) -> bool:
    """Whether the manifest beside ``target`` was written for the file there now: the
    project's, its head unchanged, no longer than it was (a damaged copy is cut short)."""
    try:
        manifest = json.loads(manifest_path(target).read_text(encoding="utf-8"))
        digest, size = head_digest(target)
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("project") == PROJECT
        and isinstance(manifest.get("bytes"), int)
        and HEAD_BYTES <= size <= manifest["bytes"]
        and manifest.get("head_sha256") == digest
    )
