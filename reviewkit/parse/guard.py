"""One recognizer's failure costs one block, not the document — unless strict mode asks for the error.

Content never raises: a recognizer that trips on a block (a defect in reviewkit, not in the
review) becomes a ``failed`` :class:`~reviewkit.model.ParseWarning` naming the line, and the rest of
the document still parses. ``REVIEWKIT_STRICT=1`` (the test suite sets it) re-raises instead, so a
recognizer bug is seen where it happens rather than as a missing finding.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from reviewkit.model import ParseWarning

__all__ = ["STRICT_ENV", "guarded", "strict"]

STRICT_ENV = "REVIEWKIT_STRICT"

T = TypeVar("T")


def strict() -> bool:
    """True when recognizer errors should propagate (``REVIEWKIT_STRICT`` set and not ``0``)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def guarded(what: str, line: int | None, run: Callable[[], T], fallback: T, warnings: list[ParseWarning]) -> T:
    """``run()``, or ``fallback`` plus a ``failed`` warning when it raises (outside strict mode)."""
    try:
        return run()
    except Exception as e:
        if strict():
            raise
        message = f"{what} failed ({type(e).__name__}: {e}); skipped"
        warnings.append(ParseWarning(line=line, message=message, failed=True))
        return fallback
