"""``reviewkit triage``. TODO(track): implement."""

from __future__ import annotations


def triage() -> int:
    """Not implemented yet."""
    return 2
