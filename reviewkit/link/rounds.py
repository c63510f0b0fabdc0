"""Round-level fix commits: the commit that says it fixes a review round.

On real histories most of a round's findings are fixed in one or two commits right after the
round, whose subject names the round in the team's own words (``fix: prod-r1 — 14 consensus
findings fixed``, ``fix: R4 testing gaps``) rather than the finding ids, and which often touch a
helper, a test or a config beside the cited lines. Such a commit is evidence for every finding
of that round (the fix summary's Skipped/Deferred decisions take it back, in ``track``).

Round labels are reused across series (``R3`` of one series, ``R3`` of the next): the round's
*folder* is its identity. A subject names a round by its folder name (``prod-r2``) or by its
number (``R4``, ``round 4``); a number means the most recent round with that number that had
begun by then. Only a fix-like subject counts, and only the first such commit after the round began.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reviewkit.link.text import round_number, round_numbers
from reviewkit.model import CommitInfo

__all__ = ["RoundSpan", "round_fix_positions", "round_folder"]

_FIX_SUBJECT = re.compile(r"\b(fix|fixes|fixed|resolv|address|harden|remediat|patch|close[sd]?)\w*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RoundSpan:
    """A review round as the history sees it."""

    folder: str
    """Its folder (relative to the reviews folder): the round's identity."""
    start: int
    """Position of the last commit before the round: a fix of it comes later."""
    number: str | None = None
    """Its number (``R4`` → ``4``), from the reviews' round labels or the folder name."""


def round_folder(document_path: str) -> str:
    """The round folder of a review document (``prod-r1/grok.md`` → ``prod-r1``; top level → "")."""
    return document_path.rsplit("/", 1)[0] if "/" in document_path else ""


def _names_folder(subject: str, folder: str) -> bool:
    name = folder.rsplit("/", 1)[-1]
    if not name or round_number(name) is None:  # a folder without a round number is no word to look for
        return False
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w])", subject, re.IGNORECASE) is not None


def round_fix_positions(commits: Sequence[CommitInfo], rounds: Sequence[RoundSpan]) -> dict[str, int]:
    """Round folder → position of the first fix-like commit after the round whose subject names it."""
    by_number: dict[str, list[RoundSpan]] = {}
    for r in rounds:
        if r.number:
            by_number.setdefault(r.number, []).append(r)
    found: dict[str, int] = {}
    for pos, commit in enumerate(commits):
        subject = commit.message.split("\n", 1)[0]
        if not _FIX_SUBJECT.search(subject):
            continue
        named = {r.folder for r in rounds if r.start < pos and _names_folder(subject, r.folder)}
        for number in round_numbers(subject):
            begun = [r for r in by_number.get(number, ()) if r.start < pos]
            if begun:
                named.add(max(begun, key=lambda r: r.start).folder)
        for folder in named:
            found.setdefault(folder, pos)
    return found


def round_evidence(commit: CommitInfo, folder: str, files: Sequence[str]) -> tuple[float, str]:
    """Strength and words of "this commit fixes the finding's round": stronger when it touches the
    finding's file, or a file beside it or a test named after it (a fix often lands there)."""
    subject = commit.message.split("\n", 1)[0][:80]
    changed = [p for c in commit.changes for p in (c.new_path, c.old_path) if p]
    if any(p in files for p in changed):
        return ROUND_FIX_ON_FILE, f"the commit fixing round {folder} touches the file ({subject})"
    stems = {f.rsplit("/", 1)[-1].rsplit(".", 1)[0] for f in files}
    dirs = {f.rsplit("/", 1)[0] for f in files if "/" in f}
    if any(p.rsplit("/", 1)[0] in dirs or any(s and s in p.rsplit("/", 1)[-1] for s in stems) for p in changed):
        return ROUND_FIX_NEARBY, f"the commit fixing round {folder} touches code beside it ({subject})"
    return ROUND_FIX, f"the commit fixing round {folder} ({subject})"


ROUND_FIX_ON_FILE = 0.62
ROUND_FIX_NEARBY = 0.56
ROUND_FIX = 0.5
"""The commit that fixes a round is the fix of its findings unless something stronger says otherwise
(a commit naming the finding's id); touching the finding's code makes it surer."""
