"""``reviewkit export``. TODO(track): implement."""

from __future__ import annotations


def export() -> int:
    """Not implemented yet."""
    return 2
