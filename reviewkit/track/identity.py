"""Identity: which occurrences are the same problem — across the reviewers of a round (consensus)
and across rounds (recurring).

Inside a round, every pair of findings of different reviewers gets one combined similarity
(:mod:`~reviewkit.track.similarity`: the same quoted code in one file decides alone; then shared rare words,
code identifiers, files and titles, each weighed against the round itself). Pairs are merged from
the best score down, one-to-one between any two reviewers. When a finding has a rival — another
free finding of the same reviewer scoring within ``round_margin`` — the match is *ambiguous*:
kept apart, flagged, never merged on a guess. With ``repeat_threshold`` set (the default; ``None``
turns it off) a lone finding that restates a group's problem — close to every other reviewer's
member and to its own reviewer's member — joins that group, flagged as a repeat:
reviewers often report one problem once per symptom.

Across rounds, a round's groups are matched to earlier issues in passes from the strongest
evidence to the weakest (``PASSES``): the same quoted/referenced code → the same file+symbol with
similar titles → the same file with similar title and text → shared rare terms → near-identical
titles. A match needs each side to be the other's clear best; otherwise it is flagged and no
weaker pass may merge it (fail closed).

Findings are ordered by (document, line) and ties broken by that order, so the grouping does not
depend on the order documents were read. Rounds are processed in order, term weights come from
the round itself, and a new issue's key is derived from its first occurrence, so adding a later
round never changes an existing key.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reviewkit.track.blocking import BLOCK_CAP, block_keys, candidate_pairs
from reviewkit.track.fingerprint import Features
from reviewkit.track.grouping import absorb_repeats, cluster_pairs
from reviewkit.track.similarity import RoundIndex, SignalWeights, idf

__all__ = ["IdentityResult", "IdentityTuning", "Occurrence", "assign_identity"]


@dataclass(frozen=True, slots=True)
class IdentityTuning:
    """One set of thresholds for every corpus, measured by benchmarks/consensus_eval.py.

    ``round_*`` and ``signals`` group the findings of one round; the others (0-100 similarity)
    match a round's groups to the issues of earlier rounds, pass by pass.
    """

    round_threshold: float = 0.36
    """Inside one round: the combined similarity (0-1, :mod:`~reviewkit.track.similarity`) a pair needs."""
    round_margin: float = 0.02
    """Inside one round: a rival this close to a pair's score makes the pair ambiguous."""
    round_linkage: float = 0.36
    """Inside one round: every pair across two groups must score this much for them to join (complete
    linkage: a finding like one member of a group but unlike the others is not chained in)."""
    repeat_threshold: float | None = 0.44
    """Inside one round: a lone finding scoring this much with every member of the other reviewers of a
    group joins it although its reviewer is already there (one problem reported once per symptom);
    ``None`` keeps groups to one finding per reviewer."""
    repeat_same: float = 0.3
    """Inside one round: how alike the repeat must be to its own reviewer's finding in the group."""
    restated: float = 0.44
    """Inside one round: two findings of one reviewer this alike restate one problem, so a finding of another
    reviewer close to both is not ambiguous between them (with ``repeat_threshold`` set)."""
    signals: SignalWeights = field(default_factory=SignalWeights)
    symbol_title: float = 40.0
    file_text: float = 62.0
    title_only: float = 82.0
    """Across rounds the code has moved on, so words alone must agree almost exactly."""
    terms: float = 50.0
    """Weighted share of distinctive terms (rare words, code identifiers) two findings have in common."""
    file_terms_bonus: float = 0.0
    """Added to the term overlap of two findings naming the same file (the file already agrees)."""
    margin: float = 6.0
    """A runner-up this close to the best match makes the match ambiguous (kept apart)."""


@dataclass(frozen=True, slots=True)
class _Context:
    tuning: IdentityTuning
    weights: Mapping[str, float]
    """Term → inverse document frequency within the round being matched."""
    default_weight: float
    totals: dict[frozenset[str], float] = field(default_factory=dict)
    """Memo: a term set → the sum of its weights (every pass weighs the same sets again)."""
    titles: dict[tuple[str, str], float] = field(default_factory=dict)
    """Memo: two texts → their fuzzy similarity."""


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


@dataclass(slots=True)
class _Group:
    members: list[int] = field(default_factory=list)
    reviewers: set[str] = field(default_factory=set)
    features: list[Features] = field(default_factory=list)


CROSS_CANDIDATES = 40
"""Earlier issues a round's group is compared with: those sharing the most blocking keys with it."""

Score = Callable[[Features, Features, _Context], float | None]


def _similarity(a: str, b: str, ctx: _Context | None = None) -> float:
    if not a or not b:
        return 0.0
    if ctx is None:
        return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    s = ctx.titles.get((a, b))
    if s is None:
        s = ctx.titles[(a, b)] = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    return s


def _by_content(a: Features, b: Features, ctx: _Context) -> float | None:
    if _files_disagree(a, b):
        return None  # the same code in two different files is an idiom, not one problem
    return 100.0 if a.contents & b.contents else None


def _by_symbol(a: Features, b: Features, ctx: _Context) -> float | None:
    if not a.path_symbols & b.path_symbols:
        return None
    s = _similarity(a.title, b.title, ctx)
    return s if s >= ctx.tuning.symbol_title else None


def _by_file(a: Features, b: Features, ctx: _Context) -> float | None:
    if not a.files & b.files:
        return None
    s = max(
        _similarity(a.title, b.title, ctx),
        _similarity(a.text, b.text, ctx),
        _term_overlap(a.terms, b.terms, ctx) + ctx.tuning.file_terms_bonus,
    )
    return s if s >= ctx.tuning.file_text else None


def _files_disagree(a: Features, b: Features) -> bool:
    return bool(a.files and b.files and not a.files & b.files)


def _by_terms(a: Features, b: Features, ctx: _Context) -> float | None:
    if _files_disagree(a, b):
        return None  # both name files, different ones: not the same problem on words alone
    s = _term_overlap(a.terms, b.terms, ctx)
    return s if s >= ctx.tuning.terms else None


def _by_title(a: Features, b: Features, ctx: _Context) -> float | None:
    if _files_disagree(a, b):
        return None
    s = _similarity(a.title, b.title, ctx)
    return s if s >= ctx.tuning.title_only else None


def _term_overlap(a: frozenset[str], b: frozenset[str], ctx: _Context) -> float:
    """Weighted Dice coefficient of two term sets (0-100): rare shared terms count most."""
    if not a or not b:
        return 0.0
    common = a & b
    if not common:
        return 0.0
    w = ctx.weights
    shared = sum(w.get(t, ctx.default_weight) for t in common)
    total = _total(a, ctx) + _total(b, ctx)
    return 200.0 * shared / total if total else 0.0


def _total(terms: frozenset[str], ctx: _Context) -> float:
    total = ctx.totals.get(terms)
    if total is None:
        total = ctx.totals[terms] = sum(ctx.weights.get(t, ctx.default_weight) for t in terms)
    return total


def _context(tuning: IdentityTuning, features: Sequence[Features]) -> _Context:
    """IDF weights from the findings of one round (a later round never changes them: keys stay stable)."""
    n = max(len(features), 1)
    return _Context(tuning, idf((f.terms for f in features), n), math.log(1 + n) + 1.0)


PASSES: tuple[tuple[str, Score], ...] = (
    ("content", _by_content),
    ("path+symbol", _by_symbol),
    ("file+text", _by_file),
    ("terms", _by_terms),
    ("title", _by_title),
)
"""Identity passes, strongest first."""


def _group_score(score: Score, left: _Group, right: _Group, ctx: _Context) -> float | None:
    best: float | None = None
    for a in left.features:
        for b in right.features:
            s = score(a, b, ctx)
            if s is not None and (best is None or s > best):
                best = s
    return best


def _words(features: Sequence[Features]) -> set[str]:
    return (
        {w for f in features for w in f.title.split() if len(w) >= 4}
        | {f"file:{k}" for f in features for k in f.files}
        | {f"content:{c}" for f in features for c in f.contents}
    )


def _cross_candidates(index: Mapping[str, set[int]], words: set[str]) -> set[int]:
    """The earlier issues sharing the most keys with a group (at most ``CROSS_CANDIDATES``); a key shared
    by too many issues proposes none (:mod:`~reviewkit.track.blocking`)."""
    shared: dict[int, float] = {}
    for w in words:
        found = index.get(w)
        if found is not None and len(found) <= BLOCK_CAP:
            rarity = 1.0 / len(found)  # a key few issues share says more than a common one
            for li in found:
                shared[li] = shared.get(li, 0.0) + rarity
    ranked = sorted(shared.items(), key=lambda e: (-e[1], e[0]))
    return {li for li, _ in ranked[:CROSS_CANDIDATES]}


def _match(
    left: list[_Group], right: list[_Group], ctx: _Context, allowed: Callable[[_Group, _Group], bool]
) -> tuple[dict[int, int], dict[int, str]]:
    """right index → left index merges, and right index → ambiguity note."""
    index: dict[str, set[int]] = {}
    for li, g in enumerate(left):
        for w in _words(g.features):
            index.setdefault(w, set()).add(li)
    candidates = {ri: _cross_candidates(index, _words(g.features)) for ri, g in enumerate(right)}
    merged: dict[int, int] = {}
    ambiguous: dict[int, str] = {}
    taken: set[int] = set()
    for name, score in PASSES:
        scores: dict[int, dict[int, float]] = {}
        for ri, cands in candidates.items():
            if ri in merged or ri in ambiguous:
                continue
            for li in sorted(cands - taken):
                if allowed(left[li], right[ri]):
                    s = _group_score(score, left[li], right[ri], ctx)
                    if s is not None:
                        scores.setdefault(ri, {})[li] = s
        by_left: dict[int, list[tuple[float, int]]] = {}
        for ri, row in scores.items():
            for li, s in row.items():
                by_left.setdefault(li, []).append((s, ri))
        for ri in sorted(scores):
            ranked = sorted(((s, li) for li, s in scores[ri].items()), reverse=True)
            best, li = ranked[0]
            rivals = sorted(by_left[li], reverse=True)
            if len(ranked) > 1 and best - ranked[1][0] < ctx.tuning.margin:
                ambiguous[ri] = f"ambiguous ({name}): {len(ranked)} equally close matches, kept apart"
            elif rivals[0][1] != ri or (len(rivals) > 1 and rivals[0][0] - rivals[1][0] < ctx.tuning.margin):
                if len(rivals) > 1 and rivals[0][0] - rivals[1][0] < ctx.tuning.margin:
                    ambiguous[ri] = f"ambiguous ({name}): competes with another finding for one match, kept apart"
            else:
                merged[ri] = li
                taken.add(li)
    return merged, ambiguous


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
    issues: list[_Group] = []
    issue_keys: list[str] = []
    used: set[str] = set()
    for round_key in round_order:
        members = by_round.get(round_key, [])
        ctx = _context(tuning, [occurrences[i].features for i in members])
        clusters = _round_clusters(members, occurrences, tuning, result)
        reviewers = {occurrences[i].reviewer for i in members}
        merged, ambiguous = _match(issues, clusters, ctx, lambda _l, _r: True)
        for ci, cluster in enumerate(clusters):
            if ci in merged:
                target = merged[ci]
                issues[target].members.extend(cluster.members)
                issues[target].features.extend(cluster.features)
                key = issue_keys[target]
            else:
                first = min(cluster.members, key=lambda i: occurrences[i].sort_key)
                key = _key_for(occurrences[first].seed, used)
                issues.append(_Group(list(cluster.members), set(cluster.reviewers), list(cluster.features)))
                issue_keys.append(key)
            for i in cluster.members:
                result.keys[i] = key
                result.consensus[i] = len(cluster.reviewers)
                result.consensus_of[i] = max(len(reviewers), 1)
                if ci in ambiguous:
                    result.flags[i] = (*result.flags[i], f"across rounds: {ambiguous[ci]}")
    return result


def _round_clusters(
    members: list[int], occurrences: Sequence[Occurrence], tuning: IdentityTuning, result: IdentityResult
) -> list[_Group]:
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
    scores = _pair_scores(index, who, candidates)
    restates = _restatements(index, tuning.restated) if tuning.repeat_threshold is not None else None
    groups, notes = cluster_pairs(
        scores, who, tuning.round_threshold, tuning.round_margin, tuning.round_linkage, restates
    )
    if tuning.repeat_threshold is not None:
        grouped = {k for group in groups if len(group) > 1 for k in group}
        # a repeat joins a group through its reviewer's member there: only (lone, grouped) pairs matter
        repeats = [(x, y) for x, y in candidates if (x in grouped) != (y in grouped)]
        same = _pair_scores(index, who, repeats, same_reviewer=True)
        groups, more = absorb_repeats(groups, scores, same, who, tuning.repeat_threshold, tuning.repeat_same)
        notes = [*notes, *more]
    for k, note in notes:
        result.flags[ordered[k]] = (*result.flags[ordered[k]], note)
    return [
        _Group([ordered[k] for k in group], {who[k] for k in group}, [occurrences[ordered[k]].features for k in group])
        for group in groups
    ]


def _restatements(index: RoundIndex, restated: float) -> Callable[[int, int], bool]:
    """Whether two findings of one reviewer restate one problem: alike, and not about different symbols."""

    def restates(x: int, y: int) -> bool:
        a, b = index.features[x], index.features[y]
        return not _other_symbols(a, b) and index.score(x, y) >= restated

    return restates


def _other_symbols(a: Features, b: Features) -> bool:
    """True when both findings name symbols and none is the same: one reviewer split two problems on purpose."""
    return bool(a.path_symbols and b.path_symbols and not a.path_symbols & b.path_symbols)


def _pair_scores(
    index: RoundIndex, who: Sequence[str], candidates: Sequence[tuple[int, int]], same_reviewer: bool = False
) -> dict[tuple[int, int], float]:
    """Score of each candidate pair (x < y, :mod:`~reviewkit.track.blocking`) of findings of different reviewers
    (of one: ``same_reviewer``), when above zero."""
    out: dict[tuple[int, int], float] = {}
    for x, y in candidates:
        if (who[x] == who[y]) == same_reviewer and (s := index.score(x, y)) > 0.0:
            out[(x, y)] = s
    return out
