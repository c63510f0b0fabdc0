"""``reviewkit status``. TODO(link): implement."""

from __future__ import annotations


def status() -> int:
    """Not implemented yet."""
    return 2
