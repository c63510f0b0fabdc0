"""Grouping one round's findings from pair scores: best pairs first, one-to-one between reviewers;
optionally a reviewer's repeat of one problem joins its group afterwards (:func:`absorb_repeats`).

A pure algorithm on numbers (positions, reviewers, scores); :mod:`~reviewkit.track.identity`
computes the scores and turns the groups into issues.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

__all__ = ["absorb_repeats", "cluster_pairs"]


def cluster_pairs(
    scores: Mapping[tuple[int, int], float],
    who: Sequence[str],
    threshold: float,
    margin: float,
    linkage: float = 0.0,
    restates: Callable[[int, int], bool] | None = None,
) -> tuple[list[list[int]], list[tuple[int, str]]]:
    """Groups of positions (at most one finding per reviewer) from pair scores, and (position, flag) notes.

    ``scores`` maps position pairs ``(x, y)``, ``x < y``, of different reviewers to a similarity;
    ``who[x]`` is the reviewer at position ``x``. Ties are broken by position, so the result does
    not depend on the order the pairs were given in. Two groups join only when every cross pair
    scores at least ``linkage``: a finding like one member but unlike the others is not chained in.

    A finding equally close to two findings of one reviewer is ambiguous — unless those two restate
    each other (``restates(x, y)``, asked only about such rivals, ``x < y``): then either match is the same
    problem, and the better one is taken (the other may join as a repeat).
    """
    clusters = _Clusters(who)
    near = _neighbours(scores)
    blocked: set[tuple[int, str]] = set()
    notes: list[tuple[int, str]] = []
    for (x, y), score in sorted(scores.items(), key=lambda e: (-e[1], e[0])):
        if score < threshold:
            break
        if not clusters.can_merge(x, y) or (x, who[y]) in blocked or (y, who[x]) in blocked:
            continue
        ambiguous = [
            (a, b)
            for a, b in ((x, y), (y, x))
            if _has_rival(scores, near, clusters, a, b, who, score - margin, restates)
        ]
        for a, b in ambiguous:
            blocked.add((a, who[b]))
            notes.append((a, f"ambiguous: two findings of {who[b]} match equally well, kept apart"))
        if not ambiguous and _weakest_link(scores, clusters, x, y) >= linkage:
            clusters.merge(x, y)
    return clusters.groups(), notes


def _weakest_link(scores: Mapping[tuple[int, int], float], clusters: _Clusters, x: int, y: int) -> float:
    """The lowest score between a member of ``x``'s group and a member of ``y``'s."""
    return min(scores.get((min(a, b), max(a, b)), 0.0) for a in clusters.members(x) for b in clusters.members(y))


def _neighbours(scores: Mapping[tuple[int, int], float]) -> dict[int, list[int]]:
    """Position → the positions it has a score with (the only possible rivals: any other scores 0)."""
    out: dict[int, list[int]] = {}
    for x, y in scores:
        out.setdefault(x, []).append(y)
        out.setdefault(y, []).append(x)
    return out


def _has_rival(
    scores: Mapping[tuple[int, int], float],
    near: Mapping[int, Sequence[int]],
    clusters: _Clusters,
    a: int,
    b: int,
    who: Sequence[str],
    floor: float,
    restates: Callable[[int, int], bool] | None,
) -> bool:
    """True when ``a`` scores above ``floor`` with another finding of ``b``'s reviewer that ``a`` could still
    join and that does not restate ``b``."""
    for c in near.get(a, ()):
        if c == b or who[c] != who[b] or scores.get((min(a, c), max(a, c)), 0.0) <= floor:
            continue
        if clusters.can_merge(a, c) and (restates is None or not restates(min(b, c), max(b, c))):
            return True
    return False


class _Clusters:
    """Union-find over a round's findings that keeps each group's reviewers."""

    def __init__(self, who: Sequence[str]) -> None:
        self._who = who
        self._parent = list(range(len(who)))
        self._reviewers = [{r} for r in who]
        self._members = [[k] for k in range(len(who))]

    def _root(self, k: int) -> int:
        while self._parent[k] != k:
            self._parent[k] = self._parent[self._parent[k]]
            k = self._parent[k]
        return k

    def can_merge(self, x: int, y: int) -> bool:
        rx, ry = self._root(x), self._root(y)
        return rx != ry and not self._reviewers[rx] & self._reviewers[ry]

    def merge(self, x: int, y: int) -> None:
        rx, ry = sorted((self._root(x), self._root(y)))
        self._parent[ry] = rx
        self._reviewers[rx] |= self._reviewers[ry]
        self._members[rx].extend(self._members[ry])
        self._members[ry] = []

    def members(self, k: int) -> list[int]:
        return self._members[self._root(k)]

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for k in range(len(self._who)):
            out.setdefault(self._root(k), []).append(k)
        return [out[r] for r in sorted(out)]


def absorb_repeats(
    groups: Sequence[Sequence[int]],
    scores: Mapping[tuple[int, int], float],
    same_scores: Mapping[tuple[int, int], float],
    who: Sequence[str],
    threshold: float,
    same_threshold: float,
) -> tuple[list[list[int]], list[tuple[int, str]]]:
    """Groups after letting a lone finding join a group that already holds a finding of its reviewer.

    Reviewers often report one problem once per symptom; the one-to-one grouping then leaves the
    second report alone. A lone finding joins a group when it scores at least ``threshold`` with
    every member of the other reviewers and at least ``same_threshold`` (``same_scores``: pairs of
    one reviewer, ``x < y``) with its reviewer's member there. A lone finding that qualifies for two
    groups, or a group two lone findings qualify for, is left as it is (fail closed) and noted.
    Decisions are taken against the groups as given, so the order of the groups does not matter.
    """
    out = [list(g) for g in groups]
    group_of = {k: gi for gi, g in enumerate(out) if len(g) > 1 for k in g}
    near = _neighbours(scores)
    wants: dict[int, list[int]] = {}
    for (lone,) in (g for g in out if len(g) == 1):
        # only a group holding a finding it scores with can take it (every other score is 0)
        for gi in sorted({group_of[k] for k in near.get(lone, ()) if k in group_of}):
            if _repeats_into(lone, out[gi], scores, same_scores, who, threshold, same_threshold):
                wants.setdefault(lone, []).append(gi)
    claimed: dict[int, list[int]] = {}
    for lone, targets in wants.items():
        if len(targets) == 1:
            claimed.setdefault(targets[0], []).append(lone)
    notes = [(lone, "ambiguous: repeats two groups, kept apart") for lone, t in sorted(wants.items()) if len(t) > 1]
    absorbed: set[int] = set()
    for gi, lones in sorted(claimed.items()):
        if len(lones) == 1:
            out[gi] = sorted([*out[gi], lones[0]])
            absorbed.add(lones[0])
            notes.append((lones[0], f"repeat: {who[lones[0]]} raised this problem twice in the round"))
        else:
            notes.extend((lone, "ambiguous: two findings repeat one group, kept apart") for lone in sorted(lones))
    return sorted((g for g in out if not (len(g) == 1 and g[0] in absorbed)), key=min), notes


def _repeats_into(
    lone: int,
    group: Sequence[int],
    scores: Mapping[tuple[int, int], float],
    same_scores: Mapping[tuple[int, int], float],
    who: Sequence[str],
    threshold: float,
    same_threshold: float,
) -> bool:
    """True when ``lone`` restates the problem of ``group``, whose finding of its reviewer it is like."""
    mine = [m for m in group if who[m] == who[lone]]
    others = [m for m in group if who[m] != who[lone]]
    if len(mine) != 1 or not others:
        return False
    pair = (min(lone, mine[0]), max(lone, mine[0]))
    if same_scores.get(pair, 0.0) < same_threshold:
        return False
    return all(scores.get((min(lone, m), max(lone, m)), 0.0) >= threshold for m in others)
