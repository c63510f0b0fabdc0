"""``reviewkit check``. TODO(check): implement."""

from __future__ import annotations


def check() -> int:
    """Not implemented yet."""
    return 2
