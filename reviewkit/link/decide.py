"""Turn a finding's fix candidates into a status, a fix link and ranked alternatives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewkit.link.scan import ID_AND_ROUND, Candidate, ScanResult
from reviewkit.model import CommitInfo, FindingStatus, FixLink

FIX_THRESHOLD = 0.5
"""Score a candidate needs to count as the fix: changed lines or removed quoted code alone,
the id and round named in the message, or weaker signals that agree."""
ALTERNATIVE_MIN = 0.2
MAX_ALTERNATIVES = 3


@dataclass(frozen=True, slots=True)
class Verdict:
    status: FindingStatus
    fix: FixLink | None = None
    alternatives: tuple[FixLink, ...] = ()
    regressed_by: str | None = None


def _link(cand: Candidate, commits: Sequence[CommitInfo]) -> FixLink:
    return FixLink(
        commit=commits[cand.pos].sha, confidence=round(min(1.0, cand.score), 3), evidence=tuple(cand.evidence)
    )


def decide(result: ScanResult, commits: Sequence[CommitInfo], *, trackable: bool) -> Verdict:
    """Pick the fix among the candidates at or above the threshold; else the finding is open or unknown.

    A commit whose message names the finding with its round wins (the strongest such one).
    Otherwise the EARLIEST passing candidate wins: the first fix-like change to the referenced
    code after the review is the fix; later commits that touch the same code again only pile
    up incidental word overlap. ``trackable``: the finding had resolved code the pass could
    follow; without it and without a fix the status stays unknown.
    """
    scored = [(c.score, c) for c in result.candidates.values()]
    passing = sorted(((s, c) for s, c in scored if s >= FIX_THRESHOLD), key=lambda t: t[1].pos)
    named = [t for t in passing if t[1].signals.get("id", 0.0) >= ID_AND_ROUND]
    best = max(named, key=lambda t: (t[0], -t[1].pos))[1] if named else passing[0][1] if passing else None
    ranked = sorted(((s, c) for s, c in scored if c is not best), key=lambda t: (-t[0], t[1].pos))
    alternatives = tuple(_link(c, commits) for s, c in ranked if s >= ALTERNATIVE_MIN)[:MAX_ALTERNATIVES]
    if best is None:
        status = FindingStatus.OPEN if trackable else FindingStatus.UNKNOWN
        return Verdict(status, None, alternatives)
    back = result.regressions.get(best.pos)
    if back is not None:
        return Verdict(FindingStatus.REGRESSED, _link(best, commits), alternatives, commits[back].sha)
    return Verdict(FindingStatus.FIXED, _link(best, commits), alternatives)
