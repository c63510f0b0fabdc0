"""Score drops: the newest round's scores against each reviewer's previous score, on /10."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from reviewkit.check.records import ScoreState, SourceRef

__all__ = ["SCORE_EPSILON", "ScoreDrop", "points", "score_drops"]

SCORE_EPSILON = 1e-9
"""Scores are floats: a drop equal to the threshold must not fail through rounding."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ScoreDrop(_Frozen):
    """A score in the newest round lower than the same reviewer's previous score for the same dimension."""

    reviewer: str
    dimension: str
    dimension_name: str
    round_key: str
    round_label: str
    previous_round_label: str
    before: float
    after: float
    source: SourceRef | None = None

    @property
    def drop(self) -> float:
        return self.before - self.after

    @property
    def identity(self) -> tuple[str, str, str, float, float]:
        return (self.round_key, self.reviewer, self.dimension, round(self.before, 6), round(self.after, 6))


def score_drops(scores: Iterable[ScoreState]) -> tuple[ScoreDrop, ...]:
    """Every score in the newest round lower than the same reviewer's previous score for the same dimension.

    "Previous" is the latest earlier round in which that reviewer scored that dimension; several scores
    for one (round, reviewer, dimension) are averaged.
    """
    grouped: dict[tuple[str, str], dict[int, list[ScoreState]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        grouped[(s.reviewer, s.dimension)][s.round_order].append(s)
    if not grouped:
        return ()
    newest = max(order for by_round in grouped.values() for order in by_round)
    drops: list[ScoreDrop] = []
    for (reviewer, dimension), by_round in sorted(grouped.items()):
        earlier = [order for order in by_round if order < newest]
        if newest not in by_round or not earlier:
            continue
        now, prev = by_round[newest], by_round[max(earlier)]
        after, before = _mean(now), _mean(prev)
        if before - after > SCORE_EPSILON:
            drops.append(
                ScoreDrop(
                    reviewer=reviewer,
                    dimension=dimension,
                    dimension_name=now[0].dimension_name,
                    round_key=now[0].round_key,
                    round_label=now[0].round_label,
                    previous_round_label=prev[0].round_label,
                    before=before,
                    after=after,
                    source=now[0].source,
                )
            )
    return tuple(drops)


def points(value: float) -> str:
    """A score for people: at most two decimals, no trailing zeros (6.25, 7.5, 8)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _mean(scores: list[ScoreState]) -> float:
    return sum(s.score_10 for s in scores) / len(scores)
