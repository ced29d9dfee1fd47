"""User-facing text in English and French, from the catalogs in ``locales/``.

Each catalog is a TOML file of nested tables; a key is the dotted path to a string
(``overview.title``). ``t(key, lang, **values)`` returns the string with ``{name}``
placeholders filled. A key missing from a catalog shows as ``⟦key⟧`` so a gap is visible
on screen and caught by the tests, instead of failing the page.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

CATALOG_DIR = Path(__file__).resolve().parent / "locales"
Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
MISSING = "⟦{key}⟧"


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = str(value)
    return flat


@functools.cache
def catalog(lang: Language) -> dict[str, str]:
    """Every key of one language's catalog (read once per process)."""
    with (CATALOG_DIR / f"{lang}.toml").open("rb") as handle:
        return _flatten(tomllib.load(handle))


def normalise_language(value: object) -> Language | None:
    """``"fr"`` for "fr", "FR", "fr-CA" or "fr_CA"; ``None`` for anything unsupported."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if code in LANGUAGES else None


@dataclass(frozen=True)
class LanguageChoice:
    lang: Language
    rejected: bool  # the address asked for a language that is not offered


def choose_language(
    requested: list[str], remembered: str | None, browser_locale: str | None
) -> LanguageChoice:
    """The language to show: the address's ``lang`` (last one wins), else the one chosen
    earlier in this session, else the browser's, else English."""
    if requested:
        asked = normalise_language(requested[-1])
        if asked is not None:
            return LanguageChoice(asked, False)
    fallback = (
        normalise_language(remembered) or normalise_language(browser_locale) or DEFAULT_LANGUAGE
    )
    return LanguageChoice(fallback, bool(requested))


def t(key: str, lang: Language = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    text = catalog(lang).get(key)
    if text is None:
        return MISSING.format(key=key)
    return text.format(**values) if values else text
