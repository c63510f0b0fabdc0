"""Lines that look like findings: severity words, finding ids, ``file:line`` references.

A document that holds several such lines but yields no finding is probably a layout the
parser does not know; the warning names those lines so a person can look (and, with
``reviewkit parse --explain``, see what was read instead).
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.parse.findings.common import ID_ANYWHERE, is_real_id
from reviewkit.parse.findings.locations import LOCATION

_MIN_LINES = 2
_NAMED = 6
_LINE_NUMBER = re.compile(r":\d")


def _severity_pattern(vocabulary: Vocabulary) -> re.Pattern[str]:
    words = sorted(vocabulary.severity_words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def finding_like_lines(text: str, vocabulary: Vocabulary) -> list[int]:
    """1-based numbers of lines holding two of: an upper-case severity word, a finding id, a ``file:line``."""
    severity = _severity_pattern(vocabulary)
    found: list[int] = []
    fenced = False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or len(line) < 6:
            continue
        signals = int(bool(severity.search(line)))
        signals += any(is_real_id(m.group(1)) and "-" in m.group(1) for m in ID_ANYWHERE.finditer(line))
        signals += any(_LINE_NUMBER.search(m.group(0)) for m in LOCATION.finditer(line))
        if signals >= 2:
            found.append(number)
    return found


def lookalike_warning(text: str, vocabulary: Vocabulary) -> str | None:
    """The warning for a document without findings whose lines look like findings, else None."""
    lines = finding_like_lines(text, vocabulary)
    if len(lines) < _MIN_LINES:
        return None
    named = ", ".join(map(str, lines[:_NAMED])) + (f" and {len(lines) - _NAMED} more" if len(lines) > _NAMED else "")
    return (
        f"looks like a review but no finding was read: lines {named} hold severity words, ids or "
        "file:line references (reviewkit parse --explain shows what was read)"
    )


__all__ = ["finding_like_lines", "lookalike_warning"]
