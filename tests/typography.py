"""French punctuation as the dashboard writes it: a no-break space before a colon, a
semicolon, a question or an exclamation mark, and inside guillemets, so that none of them
starts a line on its own (in a table cell of the PDF, a slide, a narrow column)."""

from __future__ import annotations

import re

NO_BREAK = "\u00a0\u202f"
QUOTED = re.compile(r"«([^»]*)»")  # the page's English words, quoted: not French typography
SKIPPED = re.compile(r"https?://\S+|`[^`]*`|\d:\d")  # addresses, commands, a 16:9 ratio


def french_typography_problems(text: str) -> list[str]:
    """Each place in ``text`` where a mark lacks its no-break space, with its context."""
    problems = []
    for quoted in QUOTED.finditer(text):
        inner = quoted.group(1)
        if inner[:1] not in NO_BREAK or inner[-1:] not in NO_BREAK:
            problems.append(quoted.group(0)[:40])
    french = SKIPPED.sub(" ", QUOTED.sub("«\u00a0…\u00a0»", text))
    for mark in re.finditer(r"[;:!?]", french):
        before = french[mark.start() - 1] if mark.start() else ""
        if before not in NO_BREAK:
            problems.append(french[max(0, mark.start() - 30) : mark.end() + 10])
    return problems
