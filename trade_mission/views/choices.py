"""Choices read from the address, such as ``/sectors?sector=ict``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    value: str
    rejected: bool  # the address asked for something that is not a choice


def choose(requested: Sequence[str], allowed: Sequence[str], current: str | None = None) -> Choice:
    """What an address parameter picks among ``allowed``.

    The last value wins when the key is repeated; anything not allowed (a typo, a script,
    a very long string) is rejected, and the current choice or the first one stays.
    """
    fallback = current if current is not None and current in allowed else allowed[0]
    if not requested:
        return Choice(fallback, False)
    value = requested[-1]
    if value in allowed:
        return Choice(value, False)
    return Choice(fallback, True)
