"""Dimension scores of one review scope, by recognizers in a declared order.

:data:`DIMENSION_RECOGNIZERS` run in order; the first that finds at least one
dimension wins for the scope (a review writes its scores one way): score tables,
per-dimension headings (with their ``**Score:**`` lines), bold ``**D1: 9.8**`` leads,
and as a last resort name-and-``/10`` headings or bold leads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeAlias

from reviewkit.model import DimensionScore
from reviewkit.parse.overall import OVERALL_LABEL
from reviewkit.parse.score_scope import ScoreScope
from reviewkit.parse.score_values import NUM, ScoreValue, parse_score
from reviewkit.parse.text import TextLine, section_lines, strip_markup
from reviewkit.parse.tree import Section

_DIM_HEADING = re.compile(
    r"^(?:dimension\s+(?P<dnum>\d+)\b\s*[:.)—–-]*|(?P<kl>[DB])(?P<knum>\d+)(?![-\w]|\.\w)\s*[:.)—–-]*|(?P<num>\d+)[.)]\s)"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SCORE_LINE = re.compile(r"^(?:(?P<cal>calibrated|conservative|final)\s+)?score\s*:\s*(?P<value>.+)$", re.IGNORECASE)
_BOLD_DIM = re.compile(
    rf"^\*\*(?P<kl>[DB])(?P<knum>\d+)(?:\s*\((?P<a>{NUM}(?:\s*/\s*{NUM})?)\)\s*\*\*|\s*:\s*(?P<b>{NUM}(?:\s*/\s*{NUM})?)\s*\*\*)"
)
_NAMED_SCORE = re.compile(
    rf"^(?P<name>[A-Za-z][\w &/,'()-]{{2,60}}?)\s*(?:[—–:]|--|\s-\s|\()\s*(?:score:?\s*)?"
    rf"(?P<score>{NUM}\s*/\s*(?:10|100|5))\)?\s*(?:[\[(—–-].*)?$",
    re.IGNORECASE,
)
_NOT_A_DIMENSION = re.compile(
    r"^(?:overall|total|final|summary|verdict|conclusion|recommendation|score summary|executive)\b", re.IGNORECASE
)
_SCORES_HEADING = re.compile(r"\b(?:scores?|ratings?|scorecard|grades?)\b", re.IGNORECASE)
_ROUND_NAME = re.compile(r"^\s*(?:r|round\s*)\d+\b", re.IGNORECASE)
_PREVIOUS = re.compile(r"\b(?:was|prior|previous|from|baseline|unchanged from)\b", re.IGNORECASE)


DimensionRecognizer: TypeAlias = Callable[[ScoreScope], list[DimensionScore]]


def dimensions_from_tables(ctx: ScoreScope) -> list[DimensionScore]:
    """Rows of score tables: the first qualifying table, plus later ones adding new dimensions."""
    found: list[DimensionScore] = []
    for result in ctx.tables:
        found = _merge(found, list(result.dimensions))
    return found


def dimensions_from_headings(ctx: ScoreScope) -> list[DimensionScore]:
    """``## Dimension 1: Graph Architecture (7/10)``, ``### 1. X — 9/10``, ``## D6: X — Score: 6.5/10``.

    A dimension heading without a score takes its section's ``**Score: …**`` line; a
    ``Calibrated score`` line overrides a raw score in the heading.
    """
    found: list[DimensionScore] = []
    for section in ctx.section.walk():
        if section not in ctx.dimension_sections:
            continue
        parsed = dimension_heading(section.title, ctx.round)
        if parsed is None:
            continue
        key, name, value = parsed
        override = _score_line(section)
        if override is not None and (value is None or override[0]):
            value = override[1]
        if value is None:
            continue
        score, scale = value.with_default_scale()
        found = _merge(found, [DimensionScore(key=key, name=name or key or "?", score=score, scale=scale)])
    return found


def dimensions_from_bold_lines(ctx: ScoreScope) -> list[DimensionScore]:
    """``**D1 (7.0)**: …``, ``**D1: 9.8** -- …``, ``**D2: 6.0/10** — …`` paragraphs."""
    found: list[DimensionScore] = []
    for line in section_lines(ctx.section, deep=True):
        m = _BOLD_DIM.match(line.markdown.lstrip("- "))
        if not m:
            continue
        value = parse_score(m.group("a") or m.group("b") or "")
        if value is None:
            continue
        key = f"{m.group('kl').upper()}{int(m.group('knum'))}"
        score, scale = value.with_default_scale()
        found = _merge(found, [DimensionScore(key=key, name=key, score=score, scale=scale)])
    return found


def dimensions_from_named_lines(ctx: ScoreScope) -> list[DimensionScore]:
    """Last resort: headings or bold leads that are a name and an explicit ``/10`` score.

    ``### Graph Architecture — 8/10``, ``- **Graph Architecture**: 8/10``; at least two
    are needed, and overall/total labels are not dimensions.
    """
    found: list[DimensionScore] = []
    candidates = [TextLine(s.title_md, s.line) for s in ctx.section.walk() if s.level > 1]
    candidates += [t for t in section_lines(ctx.section, deep=True) if t.markdown.lstrip("-+ ").startswith("**")]
    for section in ctx.section.walk():  # under a "Scores" heading, plain "- Security: 6/10" items too
        if section.level > 0 and _SCORES_HEADING.search(section.title):
            candidates += list(section_lines(section))
    for line in candidates:
        m = _NAMED_SCORE.match(line.plain.lstrip("-*+ "))
        if not m or OVERALL_LABEL.match(m.group("name").strip()) or _ROUND_NAME.match(m.group("name")):
            continue
        value = parse_score(m.group("score"))
        if value is None or value.scale is None:
            continue
        name = strip_markup(m.group("name")).strip(" :-—–")
        found = _merge(found, [DimensionScore(key=None, name=name, score=value.score, scale=value.scale)])
    return found if len(found) >= 2 else []


DIMENSION_RECOGNIZERS: tuple[tuple[str, DimensionRecognizer], ...] = (
    ("score-table", dimensions_from_tables),
    ("dimension-heading", dimensions_from_headings),
    ("bold-dimension-line", dimensions_from_bold_lines),
    ("named-score-line", dimensions_from_named_lines),
)


def find_dimensions(ctx: ScoreScope) -> list[DimensionScore]:
    """Dimension scores of the review in ``ctx``, from the first recognizer that finds any."""
    for _name, recognize in DIMENSION_RECOGNIZERS:
        found = recognize(ctx)
        if found:
            return found
    return []


def dimension_heading(title: str, round_: str | None) -> tuple[str | None, str, ScoreValue | None] | None:
    """(key, name, score or None) when ``title`` is a dimension heading."""
    m = _DIM_HEADING.match(title.strip())
    if not m:
        return None
    key = f"{m.group('kl').upper()}{int(m.group('knum'))}" if m.group("kl") else None
    rest = m.group("rest")
    name = re.split(r"\s*(?:\(|\[|\s[—–]\s|\s--\s|\s-\s|:\s|—|–|\s+score\b)", rest, maxsplit=1, flags=re.I)[0]
    name = strip_markup(name).strip(" :-—–")
    if not name and not key:
        return None
    if len(name.split()) > 8 or _NOT_A_DIMENSION.match(name):
        return None
    return key, name, _heading_score(rest[len(name) :] if rest.startswith(name) else rest, round_)


def _heading_score(rest: str, round_: str | None) -> ScoreValue | None:
    rest = strip_markup(rest)
    m = re.search(rf"\bscore\s*:?\s*({NUM}(?:\s*/\s*{NUM})?(?:\s*(?:->|→)\s*{NUM}(?:\s*/\s*{NUM})?)?)", rest, re.I)
    if m:
        return parse_score(m.group(1))
    for m in re.finditer(rf"\bR(\d+)\s*:\s*({NUM})", rest):
        if round_ is not None and f"R{int(m.group(1))}" == round_:
            return parse_score(m.group(2))
    m = re.search(rf"(?<![\w.])({NUM}\s*/\s*{NUM})", rest)
    if m:
        value = parse_score(m.group(1))
        if value is not None:
            return value
    m = re.search(rf"(?:^|[—–:]|\s--?\s|\)\s*:)\s*({NUM}(?:\s*(?:->|→)\s*{NUM})?)\s*(?:\(|$)", rest)
    if m and not _PREVIOUS.search(rest[: m.start(1)][-12:]):
        return parse_score(m.group(1))
    return None


def _score_line(section: Section) -> tuple[bool, ScoreValue] | None:
    """(is_calibrated, value) of the first ``Score:`` line directly in ``section``."""
    best: tuple[bool, ScoreValue] | None = None
    for line in section_lines(section):
        m = _SCORE_LINE.match(line.plain.lstrip("-* "))
        if not m:
            continue
        value = parse_score(m.group("value"))
        if value is None:
            continue
        calibrated = m.group("cal") is not None
        if best is None or (calibrated and not best[0]):
            best = (calibrated, value)
    return best


def is_dimension_section(section: Section, round_: str | None) -> bool:
    """True for a per-dimension section (``## D3: Data Model — 7/10``, ``## Dimension 2: RAG``)."""
    return section.level > 0 and dimension_heading(section.title, round_) is not None


def _merge(found: list[DimensionScore], new: list[DimensionScore]) -> list[DimensionScore]:
    seen = {(d.key or d.name.lower()) for d in found}
    out = list(found)
    for d in new:
        ident = d.key or d.name.lower()
        if ident not in seen:
            out.append(d)
            seen.add(ident)
    return out
