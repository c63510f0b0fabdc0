"""What the score recognizers read from one review scope: the contract below them.

The recognizers (:mod:`~reviewkit.parse.dimensions`, :mod:`~reviewkit.parse.overall`) take a
:class:`ScoreScope`; :mod:`~reviewkit.parse.scores` builds the concrete one above them. The order
is values → tables → scope → recognizers → scores, with no import going back up.
"""

from __future__ import annotations

from typing import Protocol

from reviewkit.parse.score_tables import TableScores
from reviewkit.parse.text import TextLine
from reviewkit.parse.tree import Section

__all__ = ["ScoreScope"]


class ScoreScope(Protocol):
    """One review scope and what several score recognizers share, computed once."""

    @property
    def section(self) -> Section: ...

    @property
    def round(self) -> str | None: ...

    @property
    def tables(self) -> list[TableScores]:
        """Score tables of the scope in document order."""
        ...

    @property
    def dimension_sections(self) -> frozenset[Section]:
        """The per-dimension sections (``## D3: Data Model — 7/10``)."""
        ...

    @property
    def label_lines(self) -> list[TextLine]:
        """Lines that may state an overall score."""
        ...
