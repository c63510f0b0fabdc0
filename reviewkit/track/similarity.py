"""How alike two findings of one round are: several signals combined into one score (0-1).

Reviewers of one round read the same code at the same commit, so when two of them describe one
problem they tend to cite the same file and lines, name the same functions and settings, and use
the same rare words. Each signal is measured against the round itself — a file every finding
names (``README.md`` in a documentation round) or a word every finding uses says little, a
function named by two findings says much — so the weights adapt to the round without tuning:

* ``content`` — the same quoted or referenced code (a hash): decisive on its own, unless the two findings
  name different files (one decorator or ``return None`` line in two modules is an idiom, not one problem);
* ``lines`` — overlapping or nearby line ranges in the same file;
* ``idents`` — shared code identifiers (``get_retriever``, ``TTLCache``), weighted by rarity;
* ``files`` — shared files, weighted by rarity;
* ``text`` — TF-IDF cosine of title and body;
* ``title`` — fuzzy similarity of the normalised titles.

Two findings that both name files but share none are unlikely to be one problem; their score
is scaled down (not vetoed: reviewers sometimes point at the caller and the callee, or at where a
setting is defined and where it is read). The more rare code identifiers the two share, the less
it is scaled down: ``CMS_WEBHOOK_SECRET`` named beside ``config.py`` and beside ``webhook.py`` is
one setting — measured against the fewer names of the two when they share at least two (a narrow finding
on ``ApiKeyMiddleware`` and ``API_KEY`` beside a broad one naming those and much more), never for one
reviewer's two findings (a reviewer naming two files split two problems on purpose). A fix summary that
cites both findings as one item (:mod:`~reviewkit.track.citations`) lifts the penalty: its writer read both
and saw one problem.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from reviewkit.track.fingerprint import Features

__all__ = ["IdentityTuning", "RoundIndex", "SignalWeights", "Signals", "combine", "idf"]


@dataclass(frozen=True, slots=True)
class SignalWeights:
    """How much each signal counts; measured on the corpus by benchmarks/consensus_eval.py."""

    text: float = 0.85
    idents: float = 0.2
    files: float = 0.1
    title: float = 0.2
    lines: float = 0.0
    """Off by default: measured on the hey-seven corpus, where reviewers cite whole functions or
    files, nearby lines joined unrelated findings more often than they found missed ones. Raise it
    for reviews that cite exact lines."""
    disjoint_files: float = 0.3
    """Factor applied when both findings name files and share none: words alone rarely make two
    findings in different files one problem (a caller/callee pair with much in common still can).
    Shared identifiers raise it towards 1 (``factor + (1 - factor) * idents``)."""
    line_reach: int = 30
    """Line ranges this far apart (in one file) still count a little; closer counts more."""
    other_subject: float = 0.5
    """Factor applied when the two cite different lines of a file they share and one's title names code the other
    never mentions (``retrieve_with_scores`` beside a finding on another function of that file): the title says
    what the finding is about and the lines say where, and both point elsewhere — two problems in one file."""
    disjoint_lines: float = 1.0
    """Factor applied when both findings give line ranges in a file they share and no two of those
    ranges overlap: two neighbouring functions of one file are two problems more often than one."""


@dataclass(frozen=True, slots=True)
class Signals:
    """Each signal of one pair, 0-1."""

    content: float = 0.0
    lines: float = 0.0
    idents: float = 0.0
    idents_cover: float = 0.0
    """The weight of the shared identifiers over that of the pair's fewer ones (0-1), for two reviewers' findings
    (0 for one reviewer's: one reviewer naming two files split two problems on purpose)."""
    files: float = 0.0
    text: float = 0.0
    title: float = 0.0
    disjoint_files: bool = False
    disjoint_lines: bool = False
    other_subject: bool = False
    cited: bool = False


def combine(signals: Signals, weights: SignalWeights) -> float:
    """One score (0-1) from the signals of a pair."""
    if signals.content and not signals.disjoint_files:
        return 1.0  # the same code in two different files is an idiom (a decorator line), not one problem
    score = (
        weights.text * signals.text
        + weights.idents * signals.idents
        + weights.files * signals.files
        + weights.lines * signals.lines
        + weights.title * signals.title
    )
    if signals.disjoint_files and not signals.cited:  # a summary that cites both saw one problem
        # the same rare identifiers in two files: a definition and its use, or a caller and its callee (a narrow
        # finding whose every name the broader one repeats is about that code, however many more names it adds)
        shared = max(signals.idents, signals.idents_cover)
        score *= weights.disjoint_files + (1.0 - weights.disjoint_files) * shared
    if signals.disjoint_lines:
        score *= weights.disjoint_lines
    if signals.disjoint_lines and signals.other_subject:
        score *= weights.other_subject
    return score


def idf(sets: Iterable[Iterable[str]], n: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every term over ``n`` term sets."""
    df: Counter[str] = Counter(t for s in sets for t in set(s))
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def _lines_disjoint(a: frozenset[tuple[str, int, int]], b: frozenset[tuple[str, int, int]]) -> bool:
    """True when both cite lines of a shared file and none of those ranges overlap."""
    shared = {f for f, _, _ in a} & {f for f, _, _ in b}
    if not shared:
        return False
    return not any(fa == fb and max(sa, sb) <= min(ea, eb) for fa, sa, ea in a if fa in shared for fb, sb, eb in b)


def _names_elsewhere(subjects: frozenset[str], other_idents: frozenset[str]) -> bool:
    """True when a title names identifiers (``subjects``) and the other finding, which names code of its own
    (``other_idents``, underscores dropped), does not name them all."""
    return bool(subjects and other_idents) and not subjects <= other_idents


def _line_closeness(a: frozenset[tuple[str, int, int]], b: frozenset[tuple[str, int, int]], reach: int) -> float:
    """1 when two ranges of one file overlap, falling linearly to 0 at ``reach`` lines apart."""
    best = 0.0
    for file_a, start_a, end_a in a:
        for file_b, start_b, end_b in b:
            if file_a != file_b:
                continue
            gap = max(start_a, start_b) - min(end_a, end_b)
            best = max(best, 1.0 if gap <= 0 else max(0.0, 1.0 - gap / reach))
    return best


class RoundIndex:
    """The findings of one round with the round's term rarities; scores pairs by position.

    What every pair needs of one finding — its identifiers' and files' total weight, its identifiers without
    underscores, its text vector — is computed once here, so a pair costs the shared terms only."""

    def __init__(self, features: Sequence[Features], weights: SignalWeights | None = None) -> None:
        self.features = list(features)
        self.weights = weights or SignalWeights()
        n = max(len(self.features), 1)
        self._ident_idf = idf((f.idents for f in self.features), n)
        self._file_idf = idf((f.files for f in self.features), n)
        bag_idf = idf(((t for t, _ in f.bag) for f in self.features), n)
        self._vectors = [_unit_vector(f.bag, bag_idf) for f in self.features]
        self._ident_totals = [math.fsum(self._ident_idf[t] for t in f.idents) for f in self.features]
        self._file_totals = [math.fsum(self._file_idf[t] for t in f.files) for f in self.features]
        self._loose: dict[int, frozenset[str]] = {}
        """Position → its identifiers without underscores, for the few pairs scored in full."""

    def _cheap(self, i: int, j: int, one_reviewer: bool) -> Signals:
        """The signals that need no fuzzy matching, with a perfect title and lines: an upper bound of the score."""
        a, b = self.features[i], self.features[j]
        shared_files = a.files & b.files
        shared_idents = a.idents & b.idents
        smaller = min(self._ident_totals[i], self._ident_totals[j])
        return Signals(
            content=1.0 if a.contents & b.contents else 0.0,
            lines=1.0,
            idents=_dice(shared_idents, self._ident_idf, self._ident_totals[i] + self._ident_totals[j]),
            idents_cover=0.0
            if one_reviewer or len(shared_idents) < COVER_NAMES
            else _dice(shared_idents, self._ident_idf, 2.0 * smaller),
            files=_dice(shared_files, self._file_idf, self._file_totals[i] + self._file_totals[j]),
            text=_dot(self._vectors[i], self._vectors[j]),
            title=1.0,
            disjoint_files=bool(a.files and b.files and not shared_files),
            cited=bool(a.cited & b.cited),
        )

    def signals(self, i: int, j: int, one_reviewer: bool = False) -> Signals:
        return self._complete(i, j, self._cheap(i, j, one_reviewer))

    def _complete(self, i: int, j: int, cheap: Signals) -> Signals:
        a, b = self.features[i], self.features[j]
        return Signals(  # built field by field: dataclasses.replace costs more than the signals it keeps
            content=cheap.content,
            lines=_line_closeness(a.spans, b.spans, self.weights.line_reach),
            idents=cheap.idents,
            idents_cover=cheap.idents_cover,
            files=cheap.files,
            text=cheap.text,
            title=_title_similarity(a.title, b.title),
            disjoint_files=cheap.disjoint_files,
            disjoint_lines=_lines_disjoint(a.spans, b.spans),
            other_subject=_names_elsewhere(a.subjects, self._loose_idents(j))
            or _names_elsewhere(b.subjects, self._loose_idents(i)),
            cited=cheap.cited,
        )

    def _loose_idents(self, k: int) -> frozenset[str]:
        found = self._loose.get(k)
        if found is None:
            found = self._loose[k] = frozenset(i.replace("_", "") for i in self.features[k].idents)
        return found

    def score(self, i: int, j: int, floor: float = 0.0, one_reviewer: bool = False) -> float:
        """The combined score of a pair (``one_reviewer``: two findings of one reviewer); 0 when it cannot reach
        ``floor`` (the fuzzy title and the line signals are then not computed: the cheaper signals with a perfect
        title and lines bound the score)."""
        cheap = self._cheap(i, j, one_reviewer)
        if floor > 0.0 and combine(cheap, self.weights) < floor:
            return 0.0
        return combine(self._complete(i, j, cheap), self.weights)


COVER_NAMES = 2
"""Shared identifiers ``idents_cover`` needs: one name in two files is a call; two are one piece of code."""


def _dice(shared: frozenset[str], idf: Mapping[str, float], total: float) -> float:
    """Weighted Dice coefficient from the shared terms and both sets' total weight (0 when nothing is shared)."""
    if not shared or not total:
        return 0.0
    return 2.0 * math.fsum(idf[t] for t in shared) / total


def _unit_vector(bag: Sequence[tuple[str, float]], idf: Mapping[str, float]) -> dict[str, float]:
    vector = {t: (1.0 + math.log(tf)) * idf.get(t, 1.0) for t, tf in bag if tf > 0}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # the shared terms are few: intersect the key views (in C) instead of looking every term up; fsum is exact,
    # so the sum is the same whatever order the set gives the terms in
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def _title_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 200.0


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
