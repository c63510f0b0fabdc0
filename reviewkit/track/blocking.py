"""Blocking: which findings are worth comparing at all, so identity costs near-linear time.

Two findings can only be one problem when they share something specific — the same quoted code,
a code identifier, a file, or a word — so identity scores only the pairs that share such a key,
instead of every pair. A key shared by more than ``cap`` findings (``README.md`` in a
documentation round, "error", "missing") says nothing about which of them belong together: it
is skipped as a blocking key (it still counts in the score of pairs found through another key).
That keeps the work per finding bounded by ``cap`` times its number of keys, whatever the size of
the round, and loses nothing real: findings that share only words every other finding also uses
do not reach a similarity threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reviewkit.track.fingerprint import Features

__all__ = ["BLOCK_CAP", "block_keys", "candidate_pairs", "postings"]

BLOCK_CAP = 48
"""A key shared by more findings than this is too common to propose pairs."""


def block_keys(f: Features) -> set[str]:
    """The keys a finding can share with another of the same problem: content, identifiers, files, symbols, words."""
    keys = {f"c:{c}" for c in f.contents}
    keys.update(f"i:{i}" for i in f.idents)
    keys.update(f"f:{k}" for k in f.files)
    keys.update(f"s:{s}" for s in f.path_symbols)
    keys.update(f"w:{t}" for t, _ in f.bag)
    return keys


def postings(keys: Sequence[Iterable[str]]) -> dict[str, list[int]]:
    """Key → positions holding it, in position order."""
    out: dict[str, list[int]] = {}
    for position, ks in enumerate(keys):
        for k in ks:
            out.setdefault(k, []).append(position)
    return out


def candidate_pairs(keys: Sequence[Iterable[str]], cap: int = BLOCK_CAP) -> list[tuple[int, int]]:
    """Pairs ``(x, y)``, ``x < y``, of positions sharing a key held by at most ``cap`` positions, sorted."""
    pairs: set[tuple[int, int]] = set()
    for members in postings(keys).values():
        if 1 < len(members) <= cap:
            for n, x in enumerate(members):
                pairs.update((x, y) for y in members[n + 1 :])
    return sorted(pairs)
