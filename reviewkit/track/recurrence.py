"""Recurrence: which of a round's groups raise an issue of an earlier round again.

A round's groups are matched to earlier issues in passes from the strongest evidence to the weakest
(``PASSES``): the same quoted/referenced code → the same file+symbol with similar titles → the same
file with similar title and text → shared rare terms → near-identical titles. Across rounds the code
has moved on, so words alone must agree almost exactly. A match needs each side to be the other's
clear best; otherwise it is flagged and no weaker pass may merge it (fail closed).

A group is compared only with the earlier issues sharing the most rare keys with it (code, names,
files, title words; :class:`IssueIndex`, kept up to date across rounds), and the passes on words — a
fuzzy comparison each — only with the best-ranked few, so the work per group is bounded however many
issues share its file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reviewkit.track.blocking import BLOCK_CAP
from reviewkit.track.fingerprint import Features
from reviewkit.track.similarity import IdentityTuning, idf

__all__ = [
    "CROSS_CANDIDATES",
    "CROSS_SCORED",
    "PASSES",
    "Group",
    "IssueIndex",
    "MatchContext",
    "match_context",
    "match_groups",
]


@dataclass(frozen=True, slots=True)
class MatchContext:
    tuning: IdentityTuning
    weights: Mapping[str, float]
    """Term → inverse document frequency within the round being matched."""
    default_weight: float
    totals: dict[frozenset[str], float] = field(default_factory=dict)
    """Memo: a term set → the sum of its weights (every pass weighs the same sets again)."""
    titles: dict[tuple[str, str], float] = field(default_factory=dict)
    """Memo: two texts → their fuzzy similarity."""


@dataclass(slots=True)
class Group:
    members: list[int] = field(default_factory=list)
    reviewers: set[str] = field(default_factory=set)
    features: list[Features] = field(default_factory=list)
    """The members' features, each different view (:func:`_view`) once: a problem raised again in the same
    words adds nothing to compare."""

    def __post_init__(self) -> None:
        self.features = _distinct(self.features)

    def extend(self, other: Group) -> None:
        self.members.extend(other.members)
        self.reviewers |= other.reviewers
        self.features = _distinct([*self.features, *other.features])


def _view(f: Features) -> tuple[object, ...]:
    """What the passes compare of a finding."""
    return (f.title, f.text, f.files, f.terms, f.contents, f.path_symbols)


def _distinct(features: Sequence[Features]) -> list[Features]:
    return list({_view(f): f for f in reversed(features)}.values())[::-1]


CROSS_CANDIDATES = 40
"""Earlier issues a round's group is compared with: those sharing the most blocking keys with it."""

Score = Callable[[Features, Features, MatchContext], float | None]


def _similarity(a: str, b: str, ctx: MatchContext | None = None) -> float:
    if not a or not b:
        return 0.0
    if ctx is None:
        return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    s = ctx.titles.get((a, b))
    if s is None:
        s = ctx.titles[(a, b)] = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    return s


def _by_content(a: Features, b: Features, ctx: MatchContext) -> float | None:
    if _files_disagree(a, b):
        return None  # the same code in two different files is an idiom, not one problem
    return 100.0 if a.contents & b.contents else None


def _by_symbol(a: Features, b: Features, ctx: MatchContext) -> float | None:
    if not a.path_symbols & b.path_symbols:
        return None
    s = _similarity(a.title, b.title, ctx)
    return s if s >= ctx.tuning.symbol_title else None


def _by_file(a: Features, b: Features, ctx: MatchContext) -> float | None:
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


def _by_terms(a: Features, b: Features, ctx: MatchContext) -> float | None:
    if _files_disagree(a, b):
        return None  # both name files, different ones: not the same problem on words alone
    s = _term_overlap(a.terms, b.terms, ctx)
    return s if s >= ctx.tuning.terms else None


def _by_title(a: Features, b: Features, ctx: MatchContext) -> float | None:
    if _files_disagree(a, b):
        return None
    s = _similarity(a.title, b.title, ctx)
    return s if s >= ctx.tuning.title_only else None


def _term_overlap(a: frozenset[str], b: frozenset[str], ctx: MatchContext) -> float:
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


def _total(terms: frozenset[str], ctx: MatchContext) -> float:
    total = ctx.totals.get(terms)
    if total is None:
        total = ctx.totals[terms] = sum(ctx.weights.get(t, ctx.default_weight) for t in terms)
    return total


def match_context(tuning: IdentityTuning, features: Sequence[Features]) -> MatchContext:
    """IDF weights from the findings of one round (a later round never changes them: keys stay stable)."""
    n = max(len(features), 1)
    return MatchContext(tuning, idf((f.terms for f in features), n), math.log(1 + n) + 1.0)


CROSS_SCORED = 4
"""How many of a group's best-ranked candidates the passes on words score: words cost a fuzzy comparison
each, and a problem that recurs shares rare keys with its issue, so ranks high (measured on hey-seven: 142
of 144 recurrences rank in the first four)."""

PASSES: tuple[tuple[str, Score, str | None, int], ...] = (
    ("content", _by_content, "content:", CROSS_CANDIDATES),
    ("path+symbol", _by_symbol, "symbol:", CROSS_CANDIDATES),
    ("file+text", _by_file, "file:", CROSS_SCORED),
    ("terms", _by_terms, None, CROSS_SCORED),
    ("title", _by_title, None, CROSS_SCORED),
)
"""Identity passes, strongest first: the kind of key a candidate must share with the group to score at all
(the issues holding it are looked up, not searched for), and how many ranked candidates each pass scores."""


COMPARED_MEMBERS = 4
"""How many of an earlier issue's occurrences a group is compared with: its first and its latest."""


def _group_score(score: Score, left: Group, right: Group, ctx: MatchContext) -> float | None:
    best: float | None = None
    earlier = left.features
    if len(earlier) > COMPARED_MEMBERS:
        earlier = [earlier[0], *earlier[1 - COMPARED_MEMBERS :]]
    for a in earlier:
        for b in right.features:
            s = score(a, b, ctx)
            if s is not None and (best is None or s > best):
                best = s
    return best


def _words(features: Sequence[Features]) -> set[str]:
    """The keys a group shares with an earlier issue of the same problem: title words, files, code, names."""
    return (
        {w for f in features for w in f.title.split() if len(w) >= 4}
        | {f"file:{k}" for f in features for k in f.files}
        | {f"content:{c}" for f in features for c in f.contents}
        | {f"ident:{i}" for f in features for i in f.idents}
        | {f"symbol:{s}" for f in features for s in f.path_symbols}
    )


class IssueIndex:
    """Key → the earlier issues holding it, kept up to date as issues are created and grow (not rebuilt per round)."""

    def __init__(self) -> None:
        self.postings: dict[str, set[int]] = {}

    def add(self, issue: int, features: Sequence[Features]) -> None:
        for w in _words(features):
            self.postings.setdefault(w, set()).add(issue)


def _cross_candidates(index: Mapping[str, set[int]], words: set[str]) -> list[int]:
    """The earlier issues sharing the most keys with a group, best first (at most ``CROSS_CANDIDATES``); a key
    shared by too many issues proposes none (:mod:`~reviewkit.track.blocking`)."""
    shared: dict[int, float] = {}
    for w in words:
        found = index.get(w)
        if found is not None and len(found) <= BLOCK_CAP:
            rarity = 1.0 / len(found)  # a key few issues share says more than a common one
            for li in found:
                shared[li] = shared.get(li, 0.0) + rarity
    ranked = sorted(shared.items(), key=lambda e: (-e[1], e[0]))
    return [li for li, _ in ranked[:CROSS_CANDIDATES]]


def _pass_candidates(
    index: IssueIndex, words: set[str], ranked: Sequence[int], kind: str | None, reach: int, taken: set[int]
) -> list[int]:
    """The issues a pass scores for one group: the best ``reach`` of the ranked candidates holding a key of
    ``kind`` (any, for None), in index order."""
    if kind is None:
        return sorted([li for li in ranked if li not in taken][:reach])
    holders = {li for w in words if w.startswith(kind) for li in index.postings.get(w, ())}
    if reach >= CROSS_CANDIDATES:  # a code key is specific: every issue holding it, ranked or not
        return sorted(holders - taken)
    return sorted([li for li in ranked if li in holders and li not in taken][:reach])


def match_groups(
    left: list[Group],
    right: list[Group],
    ctx: MatchContext,
    allowed: Callable[[Group, Group], bool],
    index: IssueIndex | None = None,
) -> tuple[dict[int, int], dict[int, str]]:
    """right index → left index merges, and right index → ambiguity note (``index``: of ``left``, if kept)."""
    if index is None:
        index = IssueIndex()
        for li, g in enumerate(left):
            index.add(li, g.features)
    words = [_words(g.features) for g in right]
    candidates = [_cross_candidates(index.postings, w) for w in words]
    merged: dict[int, int] = {}
    ambiguous: dict[int, str] = {}
    taken: set[int] = set()
    for name, score, kind, reach in PASSES:
        scores: dict[int, dict[int, float]] = {}
        for ri, ranked_cands in enumerate(candidates):
            if ri in merged or ri in ambiguous:
                continue
            for li in _pass_candidates(index, words[ri], ranked_cands, kind, reach, taken):
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
