"""French for the text the page gives in English, from data/curated/translations_fr.csv.

Each row translates one value: ``table``, ``key`` (the row's id), ``field`` (the column),
``english`` (the text translated) and ``french``. The build refuses a translation whose
``english`` no longer matches the data (the page or a curated file changed; the French
must be checked again), a translation of nothing, and any translatable value left without
French, naming each by file and line. Quoted page text is never translated: it stays
verbatim English in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from etl.curated import LINE_KEY, Column, Table
from etl.errors import BuildError
from etl.source import normalise_space

TRANSLATIONS = Table(
    "translations_fr.csv",
    (
        Column("table"),
        Column("key"),
        Column("field"),
        Column("english"),
        Column("french"),
    ),
    key=("table", "key", "field"),
)
DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")

# What is translated: table -> (how a row is keyed, the fields translated).
TRANSLATABLE: dict[str, tuple[Callable[[dict], str], tuple[str, ...]]] = {
    "sectors": (lambda row: row["sector_id"], ("name", "short_name")),
    "cities": (lambda row: row["city"], ("city",)),
    "mission": (lambda row: "mission", ("lead",)),
    "figures": (lambda row: row["figure_id"], ("label",)),
    "derived": (lambda row: row["figure_id"], ("description",)),
    "opportunities": (
        lambda row: f"{row['sector_id']}/{row['category']}/{row['item']}",
        ("item",),
    ),
    "programme_activities": (lambda row: str(row["activity_no"]), ("text",)),
    "eligibility_criteria": (lambda row: row["criterion_id"], ("text",)),
    "cluster_states": (lambda row: row["cluster"], ("cluster",)),
    "source_document": (lambda row: "source", ("capture_note",)),
    "attributions": (lambda row: row["dataset"], ("attribution",)),
}


def french_numbers(text: str) -> str:
    """Arithmetic written the French way: 377,8 rather than 377.8."""
    return DECIMAL_POINT.sub(",", text)


def apply_translations(tables: dict[str, list[dict]], curated_dir: Path) -> None:
    """Add ``<field>_fr`` to every translatable row, or refuse the build."""
    path = curated_dir / TRANSLATIONS.file_name
    rows = TRANSLATIONS.read(curated_dir)
    given = {(row["table"], row["key"], row["field"]): row for row in rows}
    used: set[tuple[str, str, str]] = set()
    missing: list[str] = []
    for table, (key_of, fields) in TRANSLATABLE.items():
        for record in tables[table]:
            for name in fields:
                key = (table, key_of(record), name)
                translation = given.get(key)
                if translation is None:
                    missing.append("/".join(key))
                    continue
                current = normalise_space(str(record[name]))
                if normalise_space(translation["english"]) != current:
                    raise BuildError(
                        path,
                        f"the English has changed to {current!r}: check the French and "
                        "update the english column",
                        translation[LINE_KEY],
                        "/".join(key),
                    )
                record[f"{name}_fr"] = translation["french"]
                used.add(key)
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise BuildError(path, f"no French for {shown}")
    for key, row in given.items():
        if key not in used:
            raise BuildError(path, "translates nothing in the data", row[LINE_KEY], "/".join(key))
    descriptions = {row["figure_id"]: row["description_fr"] for row in tables["derived"]}
    for record in tables["figures"]:
        if record["is_derived"]:
            arithmetic = french_numbers(record["_arithmetic"])
            record["formula_fr"] = f"{descriptions[record['figure_id']]}\u00a0: {arithmetic}"
        else:
            record["formula_fr"] = None
