"""Word search the way readers type: any case, with or without accents.

"logiciel", "Logiciels" and "LOGICIELS" find "logiciels sur support"; "boeuf" finds
"bœuf"; "peche" finds "pêche". ``matches`` (the Sources search): every word typed must
appear somewhere in the text, as a whole word or the start or middle of one, so "aero"
finds "aerospace" and "aéronefs". ``words_starting`` (the self-assessment's chapters):
how many of the words start a word of the text, so several words rank what they find.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'"})


def fold(text: str) -> str:
    """``text`` in lower case without accents or ligatures, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(query: str) -> list[str]:
    """The folded words of what was typed; punctuation between words is ignored."""
    cleaned = "".join(char if char.isalnum() or char == "'" else " " for char in fold(query))
    return cleaned.split()


def matches(folded_text: str, query_words: list[str]) -> bool:
    """Whether every word appears in ``folded_text`` (already ``fold``-ed)."""
    return all(word in folded_text for word in query_words)


def words_starting(folded_text: str, query_words: list[str] | set[str]) -> int:
    """How many of the words start a word of ``folded_text`` ("logiciel" starts
    "logiciels"; "mer" does not start "parfumerie"): for ranking several-word searches."""
    return sum(bool(re.search(r"\b" + re.escape(word), folded_text)) for word in query_words)
