"""``reviewkit demo``. TODO(demo): implement."""

from __future__ import annotations


def demo() -> int:
    """Not implemented yet."""
    return 2
