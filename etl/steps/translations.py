"""French for the text the page gives in English, from data/curated/translations_fr.csv.

Each row translates one value: ``table``, ``key`` (the row's id), ``field`` (the column),
``english`` (the text translated) and ``french``. The build refuses a translation whose
``english`` no longer matches the data (the page or a curated file changed; the French
must be checked again), a translation of nothing, any translatable value left without
French, and French whose ":", ";", "?", "!" or guillemets sit after an ordinary space
(French typography wants a no-break one, so a line never starts with them), naming each by
file and line. Quoted page text is never translated: it stays
verbatim English in both languages.

Translated text is stored beside the English as ``<field>_fr``; the app reads both
through the ``*_texts`` views in ``marts.sql``, one row per language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from etl.csvfiles import LINE_KEY, Row
from etl.errors import BuildError
from etl.inputs import TRANSLATIONS, Inputs
from etl.page import normalise_space
from etl.steps import Tables
from etl.steps.figures import DerivedText

DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
BREAKABLE_SPACE = re.compile(r" [:;?!»]|« ")
# Text translated that is not a column of its own: derived figures' descriptions, and the
# notes of figure checks before their numbers are filled in (etl.steps.checks).
DERIVED = "derived"
CHECK_NOTES = "figure_checks"
EXTRAS = (DERIVED, CHECK_NOTES)

# What is translated: table -> (how a row is keyed, the fields translated).
TRANSLATABLE: dict[str, tuple[Callable[[Row], str], tuple[str, ...]]] = {
    "sectors": (lambda row: row["sector_id"], ("name", "short_name")),
    "cities": (lambda row: row["city"], ("city",)),
    "mission": (lambda row: "mission", ("lead",)),
    "figures": (lambda row: row["figure_id"], ("label",)),
    DERIVED: (lambda row: row["figure_id"], ("description",)),
    "opportunities": (
        lambda row: f"{row['sector_id']}/{row['category']}/{row['item']}",
        ("item",),
    ),
    "programme_activities": (lambda row: str(row["activity_no"]), ("text",)),
    "eligibility_criteria": (lambda row: row["criterion_id"], ("text",)),
    "outside_rules": (lambda row: row["rule_id"], ("rule", "source")),
    "cluster_states": (lambda row: row["cluster"], ("cluster",)),
    "source_document": (lambda row: "source", ("title", "publisher", "capture_note")),
    "attributions": (lambda row: row["dataset"], ("attribution",)),
    "sector_chapters": (lambda row: f"{row['sector_id']}/{row['_chapters']}", ("rationale",)),
    "sector_trade_notes": (lambda row: row["sector_id"], ("note",)),
    CHECK_NOTES: (lambda row: row["figure_id"], ("note",)),
}
Key = tuple[str, str, str]


def french_numbers(text: str) -> str:
    """Arithmetic written the French way: 377,8 rather than 377.8."""
    return DECIMAL_POINT.sub(",", text)


def translate(
    tables: Tables,
    derived: tuple[DerivedText, ...],
    check_notes: dict[str, str],
    inputs: Inputs,
) -> tuple[Tables, dict[str, str]]:
    """The tables with ``<field>_fr`` beside every translatable field and each derived
    figure's ``formula_fr``, and the French of each figure check's note (by figure id); or
    ``BuildError`` for a missing, stale or unused translation."""
    records = {
        **{name: tables[name] for name in TRANSLATABLE if name not in EXTRAS},
        DERIVED: [
            {"figure_id": item.figure_id, "description": item.description} for item in derived
        ],
        CHECK_NOTES: [{"figure_id": key, "note": note} for key, note in check_notes.items()],
    }
    french = check(records, inputs)
    translated: Tables = {}
    for name, rows in tables.items():
        if name not in TRANSLATABLE or name in EXTRAS:
            translated[name] = rows
            continue
        key_of, fields = TRANSLATABLE[name]
        translated[name] = [
            {**row, **{f"{field}_fr": french[(name, key_of(row), field)] for field in fields}}
            for row in rows
        ]
    formulas = {
        item.figure_id: french[(DERIVED, item.figure_id, "description")]
        + "\u00a0: "
        + french_numbers(item.arithmetic)
        for item in derived
    }
    translated["figures"] = [
        {**row, "formula_fr": formulas.get(row["figure_id"])} for row in translated["figures"]
    ]
    notes_fr = {key: french[(CHECK_NOTES, key, "note")] for key in check_notes}
    return translated, notes_fr


def check(records: dict[str, list[Row]], inputs: Inputs) -> dict[Key, str]:
    """French for every translatable value, checked against the English it translates."""
    path = inputs.path(TRANSLATIONS)
    given = {(row["table"], row["key"], row["field"]): row for row in inputs.read(TRANSLATIONS)}
    french: dict[Key, str] = {}
    missing: list[str] = []
    for table, (key_of, fields) in TRANSLATABLE.items():
        for record in records[table]:
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
                spacing = BREAKABLE_SPACE.search(translation["french"])
                if spacing is not None:
                    raise BuildError(
                        path,
                        f"{spacing.group()!r} needs a no-break space (U+00A0), not a space",
                        translation[LINE_KEY],
                        "/".join(key),
                    )
                french[key] = translation["french"]
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise BuildError(path, f"no French for {shown}")
    for key, row in given.items():
        if key not in french:
            raise BuildError(path, "translates nothing in the data", row[LINE_KEY], "/".join(key))
    return french
