"""Reading one score as written: ``6/10``, ``**7**``, ``8.5``, ``7.5 / 10``, ``5.5*``, ``6.5 -> 6.0``, ``77.5%``.

Pure functions over one cell or one label value; the tables and headings they come
from are found by :mod:`reviewkit.parse.scores`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewkit.parse.text import strip_markup

NUM = r"\d+(?:\.\d+)?"
_ARROW = re.compile(r"\s*(?:->|→|=>|=)\s*")
_LEADING = re.compile(rf"^~?\s*(?P<n>{NUM})\s*(?:(?P<pct>%)|/\s*(?P<scale>{NUM}))?(?P<rest>.*)$", re.DOTALL)
_REST_OK = re.compile(
    r"^\s*(?:$|[(\[|,;.*—–:]|-(?!\d)|--|\+|after|before|out of|points?\b|pts\b"
    r"|[\u2580-\u25ff\u2600-\u27bf\U0001F300-\U0001FAFF]"  # "87/100 ████████░░", "8/10 ✅": a bar or mark drawing it
    r"|(?-i:[A-F])[+-]?(?:\s|$))",  # "9.5/10 A+": the letter grade beside it
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MIN_SCALE = 5.0
"""Ratios over a smaller maximum are counts (`3/3` consensus), not scores."""


@dataclass(frozen=True, slots=True)
class ScoreValue:
    """A number and the scale written beside it (None when only the number is written)."""

    score: float
    scale: float | None

    def with_default_scale(self, default: float | None = None) -> tuple[float, float]:
        """(score, scale), inferring the scale when none was written: ≤10 → 10, else 100."""
        if self.scale is not None:
            return self.score, self.scale
        if default is not None and self.score <= default:
            return self.score, default
        return self.score, (10.0 if self.score <= 10 else 100.0)


_STARS = re.compile(r"^\s*[⭐★☆✩✪✫✬✭✮✯\ufe0f]{3,10}\s*\(\s*(?P<score>\d[^)]*)\)")


def parse_score(text: str) -> ScoreValue | None:
    """The score a cell or a label value states, or None.

    The text must *start* with the number (``8/10 — solid`` yes, ``+1.0`` or
    ``3 findings`` no). When it chains values (``6.5 -> 6.0``, ``8.95 / 11.0 = 81.4 / 100``)
    the last one is the result and wins.
    """
    if _DIGIT.search(text) is None:
        return None  # every score starts with a number
    if (stars := _STARS.match(text)) is not None:
        text = stars.group("score")  # "⭐⭐⭐⭐☆ (4/5)": the stars draw the score the parenthesis states
    plain = strip_markup(text)
    if "(" in plain or "[" in plain:
        plain = _ASIDE.sub(" ", plain)
    plain = plain.strip()
    segments = [s for s in _ARROW.split(plain) if s.strip()]
    if not segments:
        return None
    first = _read(segments[0])
    if first is None:
        return None
    for later in reversed(segments[1:]):
        value = _read(later, lenient=True)
        if value is not None:
            return value
    return first


def _read(segment: str, *, lenient: bool = False) -> ScoreValue | None:
    segment = segment.strip()
    if lenient:
        m = re.search(rf"(?<![\w.])(?:adjusted(?: to)?:?\s*)?~?({NUM})\s*(?:(%)|/\s*({NUM}))?", segment, re.I)
        if not m:
            return None
        number, pct, scale = m.group(1), m.group(2), m.group(3)
    else:
        m = _LEADING.match(segment)
        if not m or not _REST_OK.match(m.group("rest")):
            return None
        number, pct, scale = m.group("n"), m.group("pct"), m.group("scale")
    value = float(number)
    if pct:
        return ScoreValue(value, 100.0)
    if scale is not None:
        top = float(scale)
        if top < _MIN_SCALE or value > top:
            return None
        return ScoreValue(value, top)
    return ScoreValue(value, None)


def scale_from_header(header: str) -> float | None:
    """The scale a column header declares: ``Score (0-10)`` → 10, ``/100`` → 100."""
    m = re.search(rf"(?:0\s*[-–]\s*|/\s*|out of\s+)({NUM})", header)
    return float(m.group(1)) if m and float(m.group(1)) >= _MIN_SCALE else None
