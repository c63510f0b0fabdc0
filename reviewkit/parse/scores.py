"""Scores of one review scope: its dimension scores and its overall score.

:class:`ScopeReader` (a :class:`~reviewkit.parse.score_scope.ScoreScope`) reads what several
recognizers share (score tables, which sections are per-dimension sections, candidate label lines) once; the recognizers
live in :mod:`reviewkit.parse.dimensions` and :mod:`reviewkit.parse.overall`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from reviewkit.model import DimensionScore
from reviewkit.parse.dimensions import find_dimensions, is_dimension_section
from reviewkit.parse.overall import find_overall, label_lines
from reviewkit.parse.score_tables import TableScores, read_score_table
from reviewkit.parse.score_values import ScoreValue
from reviewkit.parse.text import TextLine
from reviewkit.parse.tree import Node, Section

__all__ = ["ScopeReader", "ScopeScores", "dimension_names", "find_scores", "with_names"]


@dataclass(frozen=True, slots=True)
class ScopeScores:
    """What the score recognizers found in one review scope."""

    dimensions: tuple[DimensionScore, ...] = ()
    overall: ScoreValue | None = None
    overall_line: int | None = None


class ScopeReader:
    """One review scope and what several recognizers read from it, computed once."""

    def __init__(self, section: Section, round_: str | None) -> None:
        self.section = section
        self.round = round_

    @cached_property
    def tables(self) -> list[TableScores]:
        """Score tables of the scope in document order (non-score tables dropped)."""
        return [t for t in (read_score_table(node, self.round) for node in _tables(self.section)) if t is not None]

    @cached_property
    def dimension_sections(self) -> frozenset[Section]:
        """The sections that are per-dimension sections (``## D3: Data Model — 7/10``)."""
        return frozenset(s for s in self.section.walk() if is_dimension_section(s, self.round))

    @cached_property
    def label_lines(self) -> list[TextLine]:
        """Lines that may state an overall score (see :func:`reviewkit.parse.overall.label_lines`)."""
        return list(label_lines(self.section, self.dimension_sections))


def find_scores(scope: Section, round_: str | None) -> ScopeScores:
    """Dimension scores and overall score of the review in ``scope``."""
    ctx = ScopeReader(scope, round_)
    overall = find_overall(ctx)
    return ScopeScores(
        dimensions=tuple(find_dimensions(ctx)),
        overall=overall[0] if overall else None,
        overall_line=overall[1] if overall else None,
    )


def dimension_names(scope: Section, round_: str | None) -> dict[str, str]:
    """Key → name from every score table of ``scope`` (``D3`` → ``Data Model``)."""
    names: dict[str, str] = {}
    for table in ScopeReader(scope, round_).tables:
        for d in table.dimensions:
            if d.key and d.name != d.key:
                names.setdefault(d.key, d.name)
    return names


def with_names(dimensions: tuple[DimensionScore, ...], names: dict[str, str]) -> tuple[DimensionScore, ...]:
    """Dimensions written by key only (``**D1: 9.8**``) named from ``names`` when known."""
    return tuple(
        d.model_copy(update={"name": names[d.key]}) if d.key and d.name == d.key and d.key in names else d
        for d in dimensions
    )


def _tables(scope: Section) -> Iterator[Node]:
    for section in scope.walk():
        if section is not scope and _is_history(section.title):
            continue
        for block in section.blocks:
            if block.type == "table" and any(part.type != "thead" and part.children for part in block.children):
                yield block


def _is_history(title: str) -> bool:
    return bool(re.search(r"trajector|histor|previous|baseline|prior\b|finding status|tracker", title, re.I))
