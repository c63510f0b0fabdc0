"""When a round's link result computed at an older HEAD still holds at a newer one.

Committing a review round moves HEAD, and link results depend on the history they were read
at, so a cache keyed by HEAD alone would link every round again. The commits that only add
reviews cannot change what link decides about an older round, so its entry at ``old`` stands
for ``new`` when all of these hold (anything else links the round again):

1. ``old`` is an ancestor of ``new`` — history only grew;
2. every commit in ``old..new`` changes files under the reviews folder only (a new round, a
   fix summary, a triage decision; markdown and the triage file when the reviews folder is the
   repository root): no code changed, so no finding's lines or files moved or were fixed;
3. no message in ``old..new`` names an id of the round's findings (link reads an id named in a
   message as fix evidence);
4. no line added in ``old..new`` repeats a code line of the files a fix of the round changed
   (link reads fixed code coming back as a regression), and no line removed repeats code the
   round's findings quote (link reads quoted code removed anywhere as fix evidence);
5. findings anchored by date (the last commit on or before the review date) only when every
   new commit is dated after that day, so their anchor cannot move.

The checks read ``old..new`` once (usually a few commits) and a few files at the fix commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reviewkit.gitio import RepoReader
from reviewkit.link.text import id_tokens, significant_keys
from reviewkit.model import AnchorRule, CommitInfo, Document, FindingStatus, LinkedFinding
from reviewkit.track.triage import TRIAGE_FILENAME

__all__ = ["HistoryGrowth", "still_valid"]


_code_keys = significant_keys


@dataclass
class HistoryGrowth:
    """What happened between an older head and the new one (read once per older head)."""

    old: str
    ancestor: bool
    reviews_only: bool = False
    commits: list[CommitInfo] = field(default_factory=list)
    message_ids: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    earliest: dt.date | None = None

    @classmethod
    def read(cls, reader: RepoReader, old: str, new: str, reviews_prefix: str | None) -> HistoryGrowth:
        if reviews_prefix is None or not reader.is_ancestor(old, new):
            return cls(old=old, ancestor=False)
        commits = reader.history(new, since=old)
        paths = {p for c in commits for ch in c.changes for p in (ch.old_path, ch.new_path) if p is not None}
        only = all(_is_review_file(p, reviews_prefix) for p in paths)
        growth = cls(old=old, ancestor=True, reviews_only=only, commits=commits)
        for c in commits:
            growth.message_ids |= id_tokens(c.message)
            growth.added |= _code_keys([x for ch in c.changes for h in ch.hunks for x in h.added])
            growth.removed |= _code_keys([x for ch in c.changes for h in ch.hunks for x in h.removed])
        dates = [c.date.astimezone(dt.UTC).date() for c in commits]
        growth.earliest = min(dates) if dates else None
        return growth


def _is_review_file(path: str, reviews_prefix: str) -> bool:
    """Under the reviews folder; when that is the repository root, only markdown and the triage file."""
    if reviews_prefix:
        return path.startswith(f"{reviews_prefix}/")
    return path == TRIAGE_FILENAME or path.endswith(".md")


def still_valid(
    reader: RepoReader, growth: HistoryGrowth, documents: Sequence[Document], findings: Sequence[LinkedFinding]
) -> bool:
    """True when the round's ``findings`` (linked at ``growth.old``) hold at the new head (module rule)."""
    if not growth.ancestor or not growth.reviews_only:
        return False
    if not growth.commits:
        return True
    ids = {f.finding.id.strip() for f in findings if f.finding.id and f.finding.id.strip()}
    if ids & growth.message_ids:
        return False
    quoted = _code_keys([line for f in findings for s in f.finding.snippets for line in s.splitlines()])
    if quoted & growth.removed:
        return False
    by_path = {d.path: d for d in documents}
    for f in findings:
        if f.anchor.rule is AnchorRule.DATE and not _date_anchor_holds(f, by_path, growth.earliest):
            return False
    return all(_fix_not_undone(reader, f, growth.added) for f in findings if f.status is FindingStatus.FIXED)


def _date_anchor_holds(f: LinkedFinding, by_path: dict[str, Document], earliest: dt.date | None) -> bool:
    doc = by_path.get(f.document)
    review = doc.reviews[f.review_index] if doc is not None and f.review_index < len(doc.reviews) else None
    if review is None or review.date is None or earliest is None:
        return False
    return earliest > review.date


def _fix_not_undone(reader: RepoReader, f: LinkedFinding, added: set[str]) -> bool:
    """No added line repeats code of the files the fix changed (as they were just before the fix)."""
    if f.fix is None:
        return True
    keys = _code_keys([line for s in f.finding.snippets for line in s.splitlines()])
    for path in {loc.path for loc in f.locations if loc.resolved and loc.path}:
        text = reader.read_text(f"{f.fix.commit}^", path)
        if text is None:  # renamed or created by the fix: cannot tell, so link again
            return False
        keys |= _code_keys(text.splitlines())
    return not keys & added
