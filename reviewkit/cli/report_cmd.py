"""``reviewkit report``. TODO(demo): implement."""

from __future__ import annotations


def report() -> int:
    """Not implemented yet."""
    return 2
