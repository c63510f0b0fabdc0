"""A ledger reduced to the gate's snapshot: repo-relative review locations, scores on /10, canonical reviewers."""

from __future__ import annotations

import pytest

from reviewkit.check.gate import Gate, GatePolicy, evaluate
from reviewkit.check.records import SourceRef
from reviewkit.check.snapshot import OVERALL, snapshot_of
from reviewkit.model import Severity
from reviewkit.track import build_ledger
from reviewkit.track.records import Ledger

from .check_factories import kept
from .conftest import FIXTURES

REVIEWS = FIXTURES / "check" / "reviews"


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return build_ledger(None, REVIEWS)


def test_issues_carry_key_severity_and_their_latest_review_location(ledger: Ledger) -> None:
    snap = snapshot_of(ledger, ref="HEAD", commit=None, reviews_prefix="reviews")
    by_title = {i.title: i for i in snap.issues}
    cookie = by_title["Session cookie lacks the Secure flag"]
    assert cookie.severity is Severity.HIGH
    assert cookie.key.startswith("RK-")
    assert cookie.review is not None and cookie.review.path == "reviews/round-02/gpt.md"
    assert cookie.location is None  # without git nothing is resolved: the review is the only honest place
    assert cookie.last_round == "R2" and cookie.reviewers == ("gpt",)
    assert by_title["Password reset tokens never expire"].severity is Severity.CRITICAL


def test_review_paths_follow_the_prefix_and_vanish_outside_the_repo(ledger: Ledger) -> None:
    at_root = snapshot_of(ledger, ref="HEAD", commit=None, reviews_prefix="")
    assert {i.review.path for i in at_root.issues if i.review} == {"round-02/gpt.md"}
    outside = snapshot_of(ledger, ref="HEAD", commit=None, reviews_prefix=None)
    assert all(i.review is None for i in outside.issues)
    assert all(s.source is None for s in outside.scores)


def test_scores_are_normalised_to_ten_per_canonical_reviewer(ledger: Ledger) -> None:
    snap = snapshot_of(ledger, ref="HEAD", commit=None, reviews_prefix="reviews")
    table = {(s.round_label, s.dimension): s.score_10 for s in snap.scores}
    assert table == {
        ("R1", "security"): 8.0,
        ("R1", "testing"): 6.0,
        ("R1", OVERALL): 7.0,
        ("R2", "security"): 5.0,
        ("R2", "testing"): 6.0,
        ("R2", OVERALL): 5.5,
    }
    assert {s.reviewer for s in snap.scores} == {"gpt"}  # "GPT-5.2" through the alias table
    assert [s.round_order for s in snap.scores if s.dimension == OVERALL] == [0, 1]


def test_round_two_scores_drop_against_round_one(ledger: Ledger) -> None:
    head = snapshot_of(ledger, ref="HEAD", commit=None, reviews_prefix="reviews")
    base = head.model_copy(update={"scores": tuple(s for s in head.scores if s.round_order == 0)})
    result = evaluate(base, head, GatePolicy(fail_on=Severity.HIGH, max_score_drop=1.0), fix_gone=kept)
    drops = {v.drop.dimension: v.drop.drop for v in result.violations if v.drop is not None}
    assert drops == {"security": 3.0, OVERALL: 1.5}  # testing stayed at 6
    assert all(v.gate is Gate.SCORE_DROP for v in result.violations)
    assert next(v.drop for v in result.violations if v.drop).source == SourceRef(path="reviews/round-02/gpt.md", line=1)
