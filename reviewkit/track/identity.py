"""Identity: which occurrences are the same problem — across the reviewers of a round (consensus)
and across rounds (recurring).

Inside a round, every candidate pair (:mod:`~reviewkit.track.blocking`) of findings of different
reviewers gets one combined similarity (:mod:`~reviewkit.track.similarity`: the same quoted code in
one file decides alone; then shared rare words,
code identifiers, files and titles, each weighed against the round itself). Pairs are merged from
the best score down, one-to-one between any two reviewers. When a finding has a rival — another
free finding of the same reviewer scoring within ``round_margin`` — the match is *ambiguous*:
kept apart, flagged, never merged on a guess. With ``repeat_threshold`` set (the default; ``None``
turns it off) a lone finding that restates a group's problem — close to every other reviewer's
member and to its own reviewer's member — joins that group, flagged as a repeat:
reviewers often report one problem once per symptom.

Across rounds, a round's groups are matched to earlier issues (:mod:`~reviewkit.track.recurrence`):
from the same code to near-identical titles, each side the other's clear best, fail closed.

Findings are ordered by (document, line) and ties broken by that order, so the grouping does not
depend on the order documents were read. Rounds are processed in order, term weights come from
the round itself, and a new issue's key is derived from its first occurrence, so adding a later
round never changes an existing key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reviewkit.track.blocking import block_keys, candidate_pairs
from reviewkit.track.fingerprint import Features
from reviewkit.track.grouping import absorb_repeats, cluster_pairs
from reviewkit.track.recurrence import Group, IssueIndex, match_context, match_groups
from reviewkit.track.similarity import IdentityTuning, RoundIndex

__all__ = ["IdentityResult", "IdentityTuning", "Occurrence", "assign_identity"]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One finding occurrence as identity sees it."""

    round_key: str
    reviewer: str
    sort_key: tuple[str, int]
    """(document, line): the deterministic order inside a round."""
    seed: str
    """Stable text the issue key is derived from when this occurrence is first seen."""
    features: Features


@dataclass(slots=True)
class IdentityResult:
    keys: list[str]
    consensus: list[int]
    consensus_of: list[int]
    flags: list[tuple[str, ...]]


def _key_for(seed: str, used: set[str]) -> str:
    salt = 0
    while True:
        digest = hashlib.sha256(f"{seed}#{salt}".encode() if salt else seed.encode()).hexdigest()[:8]
        key = f"RK-{digest}"
        if key not in used:
            used.add(key)
            return key
        salt += 1


def assign_identity(
    occurrences: Sequence[Occurrence], round_order: Sequence[str], tuning: IdentityTuning | None = None
) -> IdentityResult:
    """Issue key, consensus and flags for every occurrence."""
    tuning = tuning or IdentityTuning()
    n = len(occurrences)
    result = IdentityResult(keys=[""] * n, consensus=[1] * n, consensus_of=[1] * n, flags=[()] * n)
    by_round: dict[str, list[int]] = {}
    for i, occ in enumerate(occurrences):
        by_round.setdefault(occ.round_key, []).append(i)
    issues: list[Group] = []
    issue_keys: list[str] = []
    used: set[str] = set()
    index = IssueIndex()
    for round_key in round_order:
        members = by_round.get(round_key, [])
        ctx = match_context(tuning, [occurrences[i].features for i in members])
        clusters = _round_clusters(members, occurrences, tuning, result)
        reviewers = {occurrences[i].reviewer for i in members}
        merged, ambiguous = match_groups(issues, clusters, ctx, lambda _l, _r: True, index)
        for ci, cluster in enumerate(clusters):
            if ci in merged:
                target = merged[ci]
                issues[target].extend(cluster)
                key = issue_keys[target]
            else:
                first = min(cluster.members, key=lambda i: occurrences[i].sort_key)
                key = _key_for(occurrences[first].seed, used)
                target = len(issues)
                issues.append(Group(list(cluster.members), set(cluster.reviewers), list(cluster.features)))
                issue_keys.append(key)
            index.add(target, cluster.features)
            for i in cluster.members:
                result.keys[i] = key
                result.consensus[i] = len(cluster.reviewers)
                result.consensus_of[i] = max(len(reviewers), 1)
                if ci in ambiguous:
                    result.flags[i] = (*result.flags[i], f"across rounds: {ambiguous[ci]}")
    return result


def _round_clusters(
    members: list[int], occurrences: Sequence[Occurrence], tuning: IdentityTuning, result: IdentityResult
) -> list[Group]:
    """Group one round's findings across its reviewers (two of one reviewer only as a flagged repeat).

    Every cross-reviewer pair is scored (:mod:`~reviewkit.track.similarity`); pairs are merged
    from the best score down, one-to-one between any two reviewers. A pair whose finding has a
    rival — another finding of the same reviewer, still free, scoring within ``round_margin`` — is
    ambiguous: kept apart and flagged, and that finding takes no weaker match from that reviewer.
    """
    ordered = sorted(members, key=lambda i: occurrences[i].sort_key)
    index = RoundIndex([occurrences[i].features for i in ordered], tuning.signals)
    who = [occurrences[i].reviewer for i in ordered]
    candidates = candidate_pairs([block_keys(f) for f in index.features])
    # a pair scoring below every threshold it could be held to counts as no pair at all
    floor = min(tuning.round_threshold - tuning.round_margin, tuning.round_linkage)
    scores = _pair_scores(index, who, candidates, floor=floor)
    restates = _restatements(index, tuning.restated) if tuning.repeat_threshold is not None else None
    groups, notes = cluster_pairs(
        scores, who, tuning.round_threshold, tuning.round_margin, tuning.round_linkage, restates
    )
    if tuning.repeat_threshold is not None:
        grouped = {k for group in groups if len(group) > 1 for k in group}
        # a repeat joins a group through its reviewer's member there: only (lone, grouped) pairs matter
        repeats = [(x, y) for x, y in candidates if (x in grouped) != (y in grouped)]
        same = _pair_scores(index, who, repeats, same_reviewer=True, floor=tuning.repeat_same)
        groups, more = absorb_repeats(groups, scores, same, who, tuning.repeat_threshold, tuning.repeat_same)
        notes = [*notes, *more]
    for k, note in notes:
        result.flags[ordered[k]] = (*result.flags[ordered[k]], note)
    return [
        Group([ordered[k] for k in group], {who[k] for k in group}, [occurrences[ordered[k]].features for k in group])
        for group in groups
    ]


def _restatements(index: RoundIndex, restated: float) -> Callable[[int, int], bool]:
    """Whether two findings of one reviewer restate one problem: alike, and not about different symbols."""

    def restates(x: int, y: int) -> bool:
        a, b = index.features[x], index.features[y]
        return not _other_symbols(a, b) and index.score(x, y, one_reviewer=True) >= restated

    return restates


def _other_symbols(a: Features, b: Features) -> bool:
    """True when both findings name symbols and none is the same: one reviewer split two problems on purpose."""
    return bool(a.path_symbols and b.path_symbols and not a.path_symbols & b.path_symbols)


def _pair_scores(
    index: RoundIndex,
    who: Sequence[str],
    candidates: Sequence[tuple[int, int]],
    same_reviewer: bool = False,
    floor: float = 0.0,
) -> dict[tuple[int, int], float]:
    """Score of each candidate pair (x < y, :mod:`~reviewkit.track.blocking`) of findings of different reviewers
    (of one: ``same_reviewer``), when above zero and not below ``floor``."""
    out: dict[tuple[int, int], float] = {}
    for x, y in candidates:
        if (who[x] == who[y]) == same_reviewer and (s := index.score(x, y, floor, same_reviewer)) > 0.0 and s >= floor:
            out[(x, y)] = s
    return out
