"""An upper-bound anchor moved back before the commit that removed the code a finding quotes.

A review anchored by its date or by the commit that added it (both only upper bounds of the state it
reviewed) whose finding quotes code no longer in its file there reviewed the code before the last commit
that removed that code. The history is read once, for the files of the findings that need it (usually none).
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewkit.gitio import RepoReader
from reviewkit.link.anchor import HistoryIndex
from reviewkit.link.locate import clean_path
from reviewkit.link.text import significant_keys
from reviewkit.model import Anchor, AnchorRule, CommitInfo, Finding

__all__ = ["UPPER_BOUNDS", "anchors_before_quoted_code_left"]

UPPER_BOUNDS = frozenset((AnchorRule.DATE, AnchorRule.ADDED))
"""Anchor rules that bound the reviewed state from above rather than name it."""


def anchors_before_quoted_code_left(
    reader: RepoReader, items: Sequence[tuple[Anchor, Finding]], history: HistoryIndex, commits: list[CommitInfo]
) -> dict[int, Anchor]:
    """Index of each (anchor, finding) in ``items`` whose anchor moves → its new anchor."""
    wanted: dict[int, tuple[set[str], frozenset[str]]] = {}
    for n, (anchor, finding) in enumerate(items):
        need = _quoted_code_gone(reader, anchor, finding, history)
        if need is not None:
            wanted[n] = need
    if not wanted:
        return {}
    files = frozenset().union(*(f for _, f in wanted.values()))
    removed: dict[str, list[tuple[int, set[str]]]] = {}
    for pos, commit in enumerate(commits):  # one pass, over the files that matter
        for change in commit.changes:
            if change.old_path in files:
                keys = significant_keys(line for h in change.hunks for line in h.removed)
                if keys:
                    removed.setdefault(change.old_path, []).append((pos, keys))
    out: dict[int, Anchor] = {}
    for n, (quoted, paths) in wanted.items():
        anchor = items[n][0]
        upper = history.position[anchor.commit or ""]
        hits = [pos for p in paths for pos, keys in removed.get(p, ()) if 0 < pos <= upper and quoted & keys]
        if hits:
            pos = max(hits)
            note = f"moved before {commits[pos].sha[:12]}, which removed the code the finding quotes"
            out[n] = anchor.model_copy(update={"commit": commits[pos - 1].sha, "note": note})
    return out


def _quoted_code_gone(
    reader: RepoReader, anchor: Anchor, finding: Finding, history: HistoryIndex
) -> tuple[set[str], frozenset[str]] | None:
    """(quoted code keys, files at the anchor) when ``anchor`` is an upper bound and the code ``finding`` quotes
    is not in its files there; None otherwise."""
    sha = anchor.commit
    if sha is None or anchor.rule not in UPPER_BOUNDS or sha not in history.position:
        return None
    quoted = significant_keys(line for snippet in finding.snippets for line in snippet.splitlines())
    paths = [clean_path(loc.path) for loc in finding.locations if loc.path]
    if not quoted or not paths:
        return None
    files = frozenset(t for t in reader.tree_paths(sha) if any(t == p or t.endswith("/" + p) for p in paths))
    present = significant_keys(line for f in files for line in (reader.read_text(sha, f) or "").splitlines())
    if not files or quoted & present:
        return None  # the quoted code is still there (or the file is not): the upper bound may be what was reviewed
    return quoted, files
