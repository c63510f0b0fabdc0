"""Score drops: newest round against each reviewer's previous score for the same dimension, on /10."""

from __future__ import annotations

import pytest

from reviewkit.check.scores import points, score_drops

from .check_factories import score


def test_score_drops_compare_newest_round_with_reviewers_previous_score() -> None:
    drops = score_drops(
        [
            score(1, 8),
            score(2, 7),
            score(3, 5),
            score(1, 6, reviewer="grok"),
            score(3, 5.5, reviewer="grok"),  # grok skipped round 2: compared with round 1
            score(2, 9, reviewer="claude"),  # claude did not score the newest round
            score(3, 9, dimension="D2"),  # no earlier score
        ]
    )
    assert [(d.reviewer, d.before, d.after, d.previous_round_label) for d in drops] == [
        ("gpt", 7, 5, "R2"),
        ("grok", 6, 5.5, "R1"),
    ]


def test_overall_and_several_scores_in_a_round_are_averaged() -> None:
    scores = (
        score(1, 8, dimension="overall"),
        score(2, 6, dimension="overall"),
        score(2, 7, dimension="overall"),
    )
    (drop,) = score_drops(scores)
    assert drop.after == 6.5
    assert drop.drop == pytest.approx(1.5)


@pytest.mark.parametrize(("value", "text"), [(6.25, "6.25"), (7.5, "7.5"), (8.0, "8"), (28 / 3, "9.33"), (0.0, "0")])
def test_points_are_printed_for_people(value: float, text: str) -> None:
    assert points(value) == text
