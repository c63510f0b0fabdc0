"""Anchor rules on a hand-built history (no repository needed)."""

from __future__ import annotations

import datetime as dt

from reviewkit.link.anchor import AnchorInput, HistoryIndex, anchor_review, blob_sha, named_commit
from reviewkit.model import AnchorRule, CommitInfo, FileChange, Review

SHAS = [f"{i:x}" * 40 for i in range(1, 5)]


def commit(i: int, *paths: str, blob: str | None = None, day: int = 1) -> CommitInfo:
    changes = tuple(FileChange(old_path=None, new_path=p, new_blob=blob) for p in paths)
    return CommitInfo(sha=SHAS[i], date=dt.datetime(2026, 2, day, 12, tzinfo=dt.UTC), changes=changes)


HISTORY = HistoryIndex.build(
    [
        commit(0, "src/a.py", day=1),
        commit(1, "src/b.py", day=3),
        commit(2, "reviews/r1/grok.md", blob="b" * 40, day=5),
        commit(3, "src/c.py", day=9),
    ]
)


def resolve(name: str) -> str | None:
    return next((s for s in SHAS if s.startswith(name)), None)


def anchor(review: Review, path: str | None = None, blob: str | None = None, coverage: dict[str, float] | None = None):
    cov = coverage or {}
    return anchor_review(AnchorInput(review, path, blob), HISTORY, resolve, lambda sha: cov.get(sha, 1.0))


def test_named_commit_wins_and_short_shas_resolve() -> None:
    result, warnings = anchor(Review(commit=f"`{SHAS[1][:7]}` (base) -> [post-fix]"), "reviews/r1/grok.md")
    assert (result.commit, result.rule, warnings) == (SHAS[1], AnchorRule.NAMED, [])


def test_named_commit_without_the_files_gives_way_to_the_add_commit() -> None:
    cov = {SHAS[1]: 0.0, SHAS[2]: 1.0}
    result, _ = anchor(Review(commit=SHAS[1][:7]), "reviews/r1/grok.md", coverage=cov)
    assert result.rule is AnchorRule.ADDED and result.commit == SHAS[2]
    assert result.note and "lacks" in result.note


def test_unknown_named_commit_falls_back_to_added_then_date() -> None:
    added, warnings = anchor(Review(commit="0badc0de"), "reviews/r1/grok.md")
    assert added.rule is AnchorRule.ADDED and added.commit == SHAS[2]
    assert "does not exist" in warnings[0]
    by_blob, _ = anchor(Review(), None, blob="b" * 40)
    assert by_blob.rule is AnchorRule.ADDED
    dated, _ = anchor(Review(date=dt.date(2026, 2, 4)), "elsewhere.md")
    assert dated.rule is AnchorRule.DATE and dated.commit == SHAS[1]
    early, _ = anchor(Review(date=dt.date(2026, 1, 1)))
    assert early.commit is None and early.rule is None


def test_named_commit_parsing_and_blob_ids() -> None:
    assert named_commit(Review(commit="af90bde (Phase 5 wiring) + e22422a")) == "af90bde"
    assert named_commit(Review(commit="see git log")) is None
    assert blob_sha(b"") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
