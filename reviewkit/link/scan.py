"""Fix detection: ONE forward pass over history, every commit's diff read once.

Each finding becomes a :class:`Target` (anchor position, tracked line ranges, quoted
code, id, round, title words). From its anchor on, every commit that changes its
lines, removes its quoted code, names it in the message, or resembles it in words
becomes a :class:`Candidate` with per-signal strengths and human evidence. Later
commits that bring a candidate's removed code back are recorded as regressions.
Choosing the fix from the candidates is :mod:`reviewkit.link.decide`'s job.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reviewkit.link.lines import HunkIndex, move_range
from reviewkit.link.text import id_tokens, round_numbers, significant_keys, words
from reviewkit.model import CommitInfo, FileChange

CODE_SIGNALS = ("lines", "snippet", "deleted")
_FIX_WORDS = re.compile(
    r"\b(fix|resolv|address|harden|patch|bug|secur|vulnerab|saniti[sz]|validat|guard|prevent|handl|correct"
    r"|remov|drop|delet|replac|bound|limit|leak|race|safe|close[sd]?\b)",
    re.IGNORECASE,
)

# Signal strengths. Code signals (changed lines, removed quoted code, deleted file) describe one
# fact, so they count once (the strongest, plus CODE_AGREE when several agree); the rest combine
# by noisy-or (1 - Π(1 - s)). FIX_THRESHOLD in decide.py is 0.5: code evidence alone stays
# just under it and needs one corroborating signal — a fix-like message, the round named, words
# of the title — while the id and round named together reach it alone. A file touch is nothing.
LINES = 0.45
LINES_BROAD = 0.3  # the referenced range is large, or the change rewrites hundreds of lines
FILE_DELETED = 0.45
SNIPPET = 0.45
SNIPPET_ELSEWHERE = 0.3
CODE_AGREE = 0.03
EXPLAINED_AWAY = 0.6  # code evidence scaled when the message names other findings, not this one
ID_AND_ROUND = 0.6
ID_AND_REVIEWER = 0.5  # "Grok C-001" without a round: the latest review by that reviewer
ID_AND_FILE = 0.35
ID_ONLY = 0.1
ROUND_AND_FILE = 0.12
FIX_WORDS = 0.12
TEXT_WEIGHT = 0.45  # times the share of title words found: words alone never make a fix
TEXT_MIN_SHARE = 0.34
BROAD_RANGE = 60
BROAD_CHANGE = 400


@dataclass(frozen=True, slots=True)
class Target:
    """What the pass looks for on behalf of one finding."""

    anchor_pos: int
    ranges: tuple[tuple[str, int, int], ...] = ()
    files: tuple[str, ...] = ()
    snippet_keys: frozenset[str] = frozenset()
    finding_id: str | None = None
    round: str | None = None
    reviewer: str | None = None
    title_words: frozenset[str] = frozenset()
    review: int = 0
    """Which review (document + index) the finding belongs to: a commit naming some findings of a
    review but not this one is explained away; other reviewers' duplicates are not."""


@dataclass(slots=True)
class Candidate:
    """A commit that may have fixed a finding: signal strengths and the evidence behind them.

    Slotted, and ``signature`` starts as the shared empty frozenset: a big history holds ~100k candidates.
    """

    pos: int
    signals: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    signature: frozenset[str] = frozenset()

    def add(self, signal: str, strength: float, evidence: str) -> None:
        if strength > self.signals.get(signal, 0.0):
            self.signals[signal] = strength
            self.evidence.append(evidence)

    @property
    def score(self) -> float:
        code = [v for k, v in self.signals.items() if k in CODE_SIGNALS]
        miss = 1.0 - (max(code) + CODE_AGREE * (len(code) > 1) if code else 0.0)
        for k, v in self.signals.items():
            if k not in CODE_SIGNALS:
                miss *= 1.0 - v
        return 1.0 - miss

    def explain_away(self) -> None:
        """The commit fixes other findings it names: its code changes say less about this one."""
        for k in (*CODE_SIGNALS, "text"):
            if k in self.signals:
                self.signals[k] *= EXPLAINED_AWAY
        self.signals.pop("round", None)  # the round it names is the other findings' round
        self.evidence.append("the message names other findings, not this one")


@dataclass
class ScanResult:
    candidates: dict[int, Candidate] = field(default_factory=dict)
    regressions: dict[int, int] = field(default_factory=dict)
    """candidate position → position of the first commit that brought its removed code back."""


@dataclass(slots=True)
class _Range:
    """A referenced line range as it moves through history; ``alive`` is False once its lines are gone."""

    path: str
    start: int
    end: int
    alive: bool = True


@dataclass
class _Live:
    target: Target
    ranges: list[_Range]
    files: set[str]
    result: ScanResult

    def candidate(self, pos: int) -> Candidate:
        found = self.result.candidates.get(pos)
        if found is None:
            found = self.result.candidates[pos] = Candidate(pos)
        return found


_SPECIFIC_ID = re.compile(r"^[A-Za-z]{2,}[-_]?\d{2,}$|^[A-Za-z]+-[A-Za-z]+-?\d+$")
"""Ids specific enough to stand for one finding when unique: letters then digits (RK-014, SEC_07, CRIT-12),
not a bare letter-digit pair (C1, H2) that a message may use for anything."""

_PROSE_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc")


def _is_prose(path: str | None) -> bool:
    """Documentation and review files: code quoted there is not code."""
    return path is not None and path.lower().endswith(_PROSE_SUFFIXES)


class _Pass:
    """The mutable indexes of the single pass (targets by path, id, quoted code, regression signatures)."""

    def __init__(self, targets: Sequence[Target]) -> None:
        self.live = [_Live(t, [_Range(p, s, e) for p, s, e in t.ranges], set(t.files), ScanResult()) for t in targets]
        self.by_path: dict[str, set[int]] = defaultdict(set)
        self.by_id: dict[str, set[int]] = defaultdict(set)
        self.by_snippet: dict[str, set[int]] = defaultdict(set)
        self.signatures: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.signature_need: dict[tuple[int, int], int] = {}

    def activate(self, i: int) -> None:
        live = self.live[i]
        for path in live.files:
            self.by_path[path].add(i)
        if live.target.finding_id:
            self.by_id[live.target.finding_id].add(i)
        if not live.files:
            for key in live.target.snippet_keys:
                self.by_snippet[key].add(i)

    def commit(self, pos: int, commit: CommitInfo) -> None:
        touched: dict[int, list[FileChange]] = defaultdict(list)
        regress_hits: dict[tuple[int, int], int] = defaultdict(int)
        quoted_elsewhere: set[int] = set()
        for change in commit.changes:
            watchers = list(self.by_path.get(change.old_path, ())) if change.old_path is not None else []
            need_keys = self.signatures or self.by_snippet or watchers
            # each line's key is computed once per commit, here (ranges followed below reuse them)
            added_keys = significant_keys(x for h in change.hunks for x in h.added) if need_keys else set()
            removed_keys = (
                significant_keys(x for h in change.hunks for x in h.removed) - added_keys if need_keys else set()
            )
            size = sum(h.size for h in change.hunks)
            # Code quoted in prose (a later review or fix summary citing the old code) is not code coming back,
            # and prose dropping a quote fixes nothing: only watchers of that very file read prose changes.
            prose = _is_prose(change.new_path or change.old_path)
            for key in () if prose else added_keys:
                for ref in self.signatures.get(key, ()):
                    if ref[1] < pos:
                        regress_hits[ref] += 1
            index = HunkIndex(change.hunks) if watchers else None
            for i in watchers:
                touched[i].append(change)
                self._follow(i, pos, change, index, (removed_keys, added_keys), size)
            for key in () if prose else removed_keys:
                for i in self.by_snippet.get(key, ()):
                    quoted_elsewhere.add(i)
                    self.live[i].candidate(pos).add(
                        "snippet", SNIPPET_ELSEWHERE, f"removes quoted code in {change.old_path}"
                    )
        for ref, hits in regress_hits.items():
            if hits >= self.signature_need[ref]:
                self.live[ref[0]].result.regressions.setdefault(ref[1], pos)
        named, strong = self._message(pos, commit, touched)
        fix_like = _FIX_WORDS.search(commit.message) is not None
        named_reviews = {self.live[i].target.review for i in strong}
        named_rounds = {self.live[i].target.round for i in strong} & round_numbers(commit.message)
        message_words = words(commit.message)
        change_words: dict[int, set[str]] = {}  # words of each change's lines, computed once per commit
        for i in set(touched) | named | quoted_elsewhere:
            changed: set[str] = set()
            for change in touched.get(i, []):
                if id(change) not in change_words:
                    lines = [x for h in change.hunks for x in (*h.removed, *h.added)]
                    change_words[id(change)] = words(" ".join(lines))
                changed |= change_words[id(change)]
            self._text(i, pos, message_words, changed)
            cand = self.live[i].result.candidates.get(pos)
            if cand is None:
                continue
            other_round = bool(named_rounds) and self.live[i].target.round not in named_rounds
            if (
                (self.live[i].target.review in named_reviews or other_round)
                and i not in strong
                and "id" not in cand.signals
            ):
                cand.explain_away()
            elif fix_like and any(k in cand.signals for k in (*CODE_SIGNALS, "id")):
                cand.add("fixword", FIX_WORDS, "the message reads like a fix")
            self._remember_signature(i, pos)

    def _follow(
        self, i: int, pos: int, change: FileChange, index: HunkIndex | None, keys: tuple[set[str], set[str]], size: int
    ) -> None:
        """Move ``i``'s ranges through ``change``; record line, deletion and quoted-code evidence."""
        live = self.live[i]
        old, new = change.old_path, change.new_path
        removed_keys, added_keys = keys
        for rng in live.ranges:
            if rng.path != old or not rng.alive:
                continue
            start, end = rng.start, rng.end
            if new is None:
                live.candidate(pos).add("deleted", FILE_DELETED, f"deletes {old} (referenced lines {start}-{end})")
                rng.alive = False
                continue
            moved = index.move(start, end) if index is not None else move_range(start, end, change.hunks)
            if moved.touched:
                broad = end - start + 1 > BROAD_RANGE or size > BROAD_CHANGE
                strength = LINES_BROAD if broad else LINES
                cand = live.candidate(pos)
                cand.add("lines", strength, f"changes referenced lines {old}:{start}-{end}")
                cand.signature |= frozenset(significant_keys(moved.removed) - added_keys)
            rng.start, rng.end, rng.path = moved.start, moved.end, new
            if moved.emptied:
                rng.alive = False
        quoted = live.target.snippet_keys & removed_keys
        if quoted:
            cand = live.candidate(pos)
            cand.add("snippet", SNIPPET, f"removes quoted code in {old} ({len(quoted)} line(s))")
            cand.signature |= frozenset(quoted)
        if new != old and old is not None:
            live.files.discard(old)
            self.by_path[old].discard(i)
            if new is not None:
                live.files.add(new)
                self.by_path[new].add(i)

    def _message(self, pos: int, commit: CommitInfo, touched: dict[int, list[FileChange]]) -> tuple[set[int], set[int]]:
        """Ids and rounds the message names; reused ids go to the best-fitting (latest, on-file) review.

        Returns the findings whose id the message names, and those named with their round.
        """
        rounds = round_numbers(commit.message)
        out: set[int] = set()
        strong: set[int] = set()
        message_words = words(commit.message)
        for token in id_tokens(commit.message) & self.by_id.keys():
            holders = self.by_id[token]
            out |= holders
            label = token
            if len(holders) == 1 and _SPECIFIC_ID.match(token):
                # an id no other finding of the history carries (RK-014, SEC-7) names its finding by itself
                (i,) = holders
                strong.add(i)
                note = f"message names {label}, an id no other finding has"
                self.live[i].candidate(pos).add("id", ID_AND_ROUND, note)
                continue
            if rounds:  # the message says which round's finding it means: only those count
                named = [i for i in holders if self.live[i].target.round in rounds]
                for i in _disambiguate(named, touched, message_words, self.live):
                    strong.add(i)
                    round_label = f"R{self.live[i].target.round}"
                    self.live[i].candidate(pos).add(
                        "id", ID_AND_ROUND, f"message names {label} and round {round_label}"
                    )
                continue
            by_reviewer = [i for i in holders if self.live[i].target.reviewer in message_words]
            if by_reviewer:
                for i in _latest(by_reviewer, self.live):
                    strong.add(i)
                    self.live[i].candidate(pos).add("id", ID_AND_REVIEWER, f"message names {label} and its reviewer")
                continue
            on_file = [i for i in holders if i in touched]
            for i in _latest(on_file or list(holders), self.live):
                if i in touched:
                    self.live[i].candidate(pos).add(
                        "id", ID_AND_FILE, f"message names {label}; commit touches the file"
                    )
                else:
                    self.live[i].candidate(pos).add("id", ID_ONLY, f"message names {label}")
        for i in touched:
            if self.live[i].target.round in rounds:
                self.live[i].candidate(pos).add(
                    "round", ROUND_AND_FILE, f"message names round R{self.live[i].target.round}"
                )
        return out, strong

    def _text(self, i: int, pos: int, message: set[str], changed: set[str]) -> None:
        """Title words found in the message count fully, those found only in changed code count half:
        code of the file a finding names shares its identifiers with the title anyway."""
        title = self.live[i].target.title_words
        if len(title) < 2:
            return
        in_message = len(title & message)
        share = (in_message + 0.5 * len((title - message) & changed)) / len(title)
        if share >= TEXT_MIN_SHARE:
            self.live[i].candidate(pos).add(
                "text", TEXT_WEIGHT * share, f"{share:.0%} title-word overlap with the message/changed lines"
            )

    def _remember_signature(self, i: int, pos: int) -> None:
        cand = self.live[i].result.candidates.get(pos)
        if cand is None or not cand.signature or (i, pos) in self.signature_need:
            return
        self.signature_need[(i, pos)] = max(1, (len(cand.signature) + 1) // 2)
        for key in cand.signature:
            self.signatures[key].append((i, pos))


def _disambiguate(
    named: list[int], touched: dict[int, list[FileChange]], message_words: set[str], live: list[_Live]
) -> list[int]:
    """When several findings share an id and a round, keep the ones this commit fits best."""
    if len(named) <= 1:
        return named
    on_file = [i for i in named if i in touched]
    pool = on_file or named
    by_reviewer = [i for i in pool if live[i].target.reviewer and live[i].target.reviewer in message_words]
    pool = by_reviewer or pool
    return _latest(pool, live)


def _latest(pool: list[int], live: list[_Live]) -> list[int]:
    """The findings of the most recent review in ``pool``: a reused id means the latest one."""
    if not pool:
        return []
    latest = max(live[i].target.anchor_pos for i in pool)
    return [i for i in pool if live[i].target.anchor_pos == latest]


def scan_history(
    commits: Sequence[CommitInfo],
    targets: Sequence[Target],
    *,
    on_commit: Callable[[int, int], None] | None = None,
) -> list[ScanResult]:
    """Run the single forward pass; one :class:`ScanResult` per target, in order."""
    state = _Pass(targets)
    order = sorted(range(len(targets)), key=lambda i: targets[i].anchor_pos)
    if not order:
        return []
    nxt = 0
    first = targets[order[0]].anchor_pos + 1
    for pos in range(first, len(commits)):
        while nxt < len(order) and targets[order[nxt]].anchor_pos < pos:
            state.activate(order[nxt])
            nxt += 1
        state.commit(pos, commits[pos])
        if on_commit is not None:
            on_commit(pos - first + 1, len(commits) - first)
    return [live.result for live in state.live]
