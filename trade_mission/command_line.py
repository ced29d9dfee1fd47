"""What the two command lines share: bad usage is one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
from typing import NoReturn

USAGE_ERROR = 2


class UsageError(Exception):
    """A bad option or argument; ``str()`` is the one line the command prints."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser that raises ``UsageError`` instead of printing its usage."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)
