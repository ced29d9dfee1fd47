"""What a step parsed, remembered by what it was read from.

A process that builds again (the app healing its database, the tests, from any copy of
data/raw) reads an unchanged file once. The key is the caller's: the names and digests of
the files, and whatever else the parse depends on. A parse that fails is never remembered,
so its error names the file where it is now.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Remembered(Generic[T]):
    """The last ``limit`` results of a parse, by key; the oldest go first (files change
    rarely)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._results: dict[Hashable, T] = {}

    def get(self, key: Hashable, parse: Callable[[], T]) -> T:
        """``parse()``, or what it gave for this key before."""
        if key not in self._results:
            while len(self._results) >= self.limit:
                del self._results[next(iter(self._results))]
            self._results[key] = parse()
        return self._results[key]
