"""Blocking: which findings are worth comparing at all, so identity costs near-linear time.

Two findings can only be one problem when they share something specific — the same quoted code,
a code identifier, a file, or a word — so identity scores only the pairs that share such a key,
instead of every pair. A key shared by more than ``cap`` findings (``README.md`` in a
documentation round, "error", "missing") says nothing about which of them belong together: it
is skipped as a blocking key (it still counts in the score of pairs found through another key).
On top of that, each finding proposes partners through its rarest keys first and stops at a budget
(``BLOCK_BUDGET`` partners), so the work per finding is bounded whatever the size of the round, and loses
nothing real: findings of one problem share their most specific keys, and findings that share only words
every other finding also uses do not reach a similarity threshold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from reviewkit.track.fingerprint import Features

__all__ = ["BLOCK_BUDGET", "BLOCK_CAP", "BLOCK_EXACT", "block_keys", "candidate_pairs", "postings"]

BLOCK_CAP = 48
"""A key shared by more findings than this is too common to propose pairs."""
BLOCK_BUDGET = 24
"""Each finding proposes pairs through its rarest keys until they name this many partners. Measured on the
hey-seven rounds of 20-100 findings: 24 loses no consensus pair (20 does), and leaves out two wrong ones that
share only common keys; on the rounds of 150 findings of benchmarks/identity_bench.py it proposes 30% fewer
pairs than 32."""
BLOCK_EXACT = 0
"""Rounds up to this many findings pair through every key under the cap. 0: every round is held to the budget,
so the pairs scored grow with the findings, not with the square of a round's size."""


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


def candidate_pairs(
    keys: Sequence[Sequence[str] | set[str]], cap: int = BLOCK_CAP, budget: int = BLOCK_BUDGET, exact: int = BLOCK_EXACT
) -> list[tuple[int, int]]:
    """Pairs ``(x, y)``, ``x < y``, sharing a key held by at most ``cap`` positions, sorted.

    Past ``exact`` positions (a bulk review of thousands of findings) each position proposes pairs through its
    rarest keys only, until they name ``budget`` partners: two findings of one problem share their most
    specific keys (a quoted line, an identifier, a rare word), and the work per finding stays bounded.
    """
    index = postings(keys)
    limit = math.inf if len(keys) <= exact else budget
    pairs: set[tuple[int, int]] = set()
    for x, ks in enumerate(keys):
        usable = sorted((len(index[k]), k) for k in set(ks) if 1 < len(index[k]) <= cap)
        named = 0
        for size, k in usable:
            if named and named + size - 1 > limit:
                break
            named += size - 1
            pairs.update((min(x, y), max(x, y)) for y in index[k] if y != x)
    return sorted(pairs)
