"""Tie each review to the commit it reviewed: named commit, else the commit that added it, else its date."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reviewkit.model import Anchor, AnchorRule, CommitInfo, Review

_HEX = re.compile(r"(?<![0-9A-Za-z])([0-9a-f]{7,40})(?![0-9A-Za-z])")

Resolve = Callable[[str], str | None]
"""Full sha of a (short) commit name, or None when the repository does not know it."""
CoverageAt = Callable[[str], float]
"""Share (0–1) of a review's locations that exist (file and lines) at a commit."""


def blob_sha(data: bytes) -> str:
    """The git blob id of ``data`` (what ``git hash-object`` prints)."""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class HistoryIndex:
    """Positions, dates and first appearances of paths and blobs in one linear history (oldest first)."""

    commits: list[CommitInfo]
    position: dict[str, int] = field(default_factory=dict)
    added_by_path: dict[str, int] = field(default_factory=dict)
    added_by_blob: dict[str, int] = field(default_factory=dict)
    _by_date: list[tuple[dt.datetime, int]] = field(default_factory=list)

    @classmethod
    def build(cls, commits: list[CommitInfo]) -> HistoryIndex:
        index = cls(commits)
        for pos, commit in enumerate(commits):
            index.position[commit.sha] = pos
            for side in commit.merged:  # a review naming a branch commit is anchored where it joins the line
                index.position.setdefault(side, pos)
            for change in commit.changes:
                if change.new_path is not None:
                    index.added_by_path.setdefault(change.new_path, pos)
                if change.new_blob:
                    index.added_by_blob.setdefault(change.new_blob, pos)
        index._by_date = sorted((c.date.astimezone(dt.UTC), pos) for pos, c in enumerate(commits))
        return index

    def last_on_or_before(self, day: dt.date) -> int | None:
        """Position of the latest commit made on or before ``day`` (UTC), or None."""
        cutoff = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        i = bisect.bisect_left(self._by_date, (cutoff, -1))
        if i == 0:
            return None
        return self._by_date[i - 1][1]


def named_commit(review: Review) -> str | None:
    """The first sha-like token of the review's commit field (``9655fd2 (base) -> …`` → ``9655fd2``)."""
    if not review.commit:
        return None
    m = _HEX.search(review.commit.lower())
    return m.group(1) if m else None


@dataclass(frozen=True, slots=True)
class AnchorInput:
    """What is known about one review's document: its repo path and/or its bytes' blob id."""

    review: Review
    repo_path: str | None
    blob: str | None


def anchor_review(
    item: AnchorInput, history: HistoryIndex, resolve: Resolve, coverage_at: CoverageAt
) -> tuple[Anchor, list[str]]:
    """The anchor for one review, and warnings (named commit missing, replaced, …)."""
    warnings: list[str] = []
    named_pos = _named_position(item.review, history, resolve, warnings)
    added_pos = _added_position(item, history)
    if named_pos is not None:
        named_sha = history.commits[named_pos].sha
        if added_pos is not None and added_pos != named_pos:
            added_sha = history.commits[added_pos].sha
            named_cov, added_cov = coverage_at(named_sha), coverage_at(added_sha)
            if added_cov > named_cov:
                note = (
                    f"named commit {named_sha[:7]} lacks the files/lines the review points at "
                    f"({named_cov:.0%} found, {added_cov:.0%} at the commit that added the review)"
                )
                return Anchor(commit=added_sha, rule=AnchorRule.ADDED, note=note), warnings
        return Anchor(commit=named_sha, rule=AnchorRule.NAMED), warnings
    if added_pos is not None:
        return Anchor(commit=history.commits[added_pos].sha, rule=AnchorRule.ADDED, note=_why_not_named(item)), warnings
    if item.review.date is not None:
        pos = history.last_on_or_before(item.review.date)
        if pos is not None:
            note = f"last commit on or before {item.review.date.isoformat()}"
            return Anchor(commit=history.commits[pos].sha, rule=AnchorRule.DATE, note=note), warnings
    named = "named commit not in history" if named_commit(item.review) else "no commit named"
    return Anchor(note=f"{named}, review not found in history, no usable date"), warnings


def _why_not_named(item: AnchorInput) -> str | None:
    return None if named_commit(item.review) is None else "named commit not in history"


def _named_position(review: Review, history: HistoryIndex, resolve: Resolve, warnings: list[str]) -> int | None:
    short = named_commit(review)
    if short is None:
        if review.commit:
            warnings.append(f"commit {review.commit!r} is not a sha: ignored")
        return None
    full = resolve(short)
    if full is None:
        warnings.append(f"named commit {short} does not exist in the repository: falling back")
        return None
    if full not in history.position:
        warnings.append(f"named commit {short} is not in the history scanned: falling back")
        return None
    return history.position[full]


def _added_position(item: AnchorInput, history: HistoryIndex) -> int | None:
    if item.repo_path is not None and item.repo_path in history.added_by_path:
        return history.added_by_path[item.repo_path]
    if item.blob is not None:
        return history.added_by_blob.get(item.blob)
    return None
