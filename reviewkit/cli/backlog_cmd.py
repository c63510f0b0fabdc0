"""``reviewkit backlog``. TODO(track): implement."""

from __future__ import annotations


def backlog() -> int:
    """Not implemented yet."""
    return 2
