"""Tracked issues from tracked findings: one :class:`~reviewkit.track.records.TrackedIssue` per key, its
status decided from every occurrence, the fix summaries and the triage file (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from reviewkit.model import Decision, FindingStatus, TriageEntry, TriageStatus
from reviewkit.track.evidence import decide_status
from reviewkit.track.records import DecisionRecord, TrackedFinding, TrackedIssue

__all__ = ["issues_of"]


def _main_path(occurrences: Sequence[TrackedFinding]) -> str | None:
    paths = Counter(loc.path for f in occurrences for loc in f.locations if loc.path)
    return paths.most_common(1)[0][0] if paths else None


def _fixed_round(
    status: FindingStatus,
    decisions: Sequence[DecisionRecord],
    last_round: str,
    fix_round: str | None,
) -> str | None:
    if status not in (FindingStatus.FIXED, FindingStatus.REGRESSED):
        return None
    if fix_round is not None:
        return fix_round
    said = [d.round_key for d in decisions if d.decision is Decision.FIXED]
    return said[-1] if said else (last_round if status is FindingStatus.FIXED else None)


def _round_at(
    commit: str | None, round_starts: Sequence[tuple[int, str]], commit_rank: Mapping[str, int]
) -> str | None:
    """The last round whose reviewed commit comes before ``commit``: the round at whose end it landed."""
    at = commit_rank.get(commit or "")
    if at is None:
        return None
    before = [key for start, key in round_starts if start <= at]
    return before[-1] if before else None


def _latency_commits(first: TrackedFinding, fix: str | None, commit_rank: Mapping[str, int]) -> int | None:
    """Commits from the first occurrence's anchor to the fix, by position in history (None when unknown)."""
    start = commit_rank.get(first.anchor.commit or "")
    end = commit_rank.get(fix or "")
    return end - start if start is not None and end is not None and end >= start else None


def issues_of(
    tracked: Sequence[TrackedFinding],
    decisions: Mapping[str, list[DecisionRecord]],
    rank: Mapping[str, int],
    triage: Mapping[str, TriageEntry],
    commit_rank: Mapping[str, int],
    round_starts: Sequence[tuple[int, str]] = (),
) -> list[TrackedIssue]:
    groups: dict[str, list[TrackedFinding]] = {}
    for f in tracked:
        groups.setdefault(f.key, []).append(f)
    out: list[TrackedIssue] = []
    for key, occ in groups.items():
        first, last = occ[0], occ[-1]
        severities = [f.finding.severity for f in occ if f.finding.severity is not None]
        best = max(occ, key=lambda f: (f.consensus, -rank[f.round_key]))
        verdict = decide_status(occ, decisions.get(key, []), rank, commit_rank)
        entry = triage.get(key)
        status, evidence = verdict.status, verdict.evidence
        if entry is not None and entry.status in (TriageStatus.FIXED, TriageStatus.OPEN):
            status = FindingStatus.FIXED if entry.status is TriageStatus.FIXED else FindingStatus.OPEN
            evidence = (*evidence, f"triage: {entry.status.value} (human decision wins)")
        locations = tuple(dict.fromkeys(loc for f in occ for loc in f.locations))
        regressed_by = next((f.regressed_by for f in occ if f.regressed_by), None)
        out.append(
            TrackedIssue(
                key=key,
                title=first.finding.title,
                severity=min(severities, key=lambda s: s.rank) if severities else None,
                dimension=next((f.finding.dimension for f in occ if f.finding.dimension), None),
                path=_main_path(occ),
                first_round=first.round_key,
                last_round=last.round_key,
                times_raised=len({f.round_key for f in occ}),
                reviewers=tuple(sorted({f.reviewer_norm for f in occ})),
                consensus=best.consensus,
                consensus_of=best.consensus_of,
                status=status,
                status_confidence=verdict.confidence if status is FindingStatus.FIXED else None,
                status_evidence=evidence,
                fix=verdict.fix,
                latency_commits=_latency_commits(first, verdict.fix.commit if verdict.fix else None, commit_rank),
                fixed_round=_fixed_round(
                    status,
                    decisions.get(key, []),
                    last.round_key,
                    _round_at(verdict.fix.commit if verdict.fix else None, round_starts, commit_rank),
                ),
                regressed_by=regressed_by,
                regressed_round=_round_at(regressed_by, round_starts, commit_rank),
                triage=entry.status if entry is not None else None,
                owner=entry.owner if entry is not None else None,
                duplicate_of=entry.duplicate_of if entry is not None else None,
                deferred_to=entry.deferred_to if entry is not None else None,
                note=entry.note if entry is not None else None,
                decisions=tuple(decisions.get(key, [])),
                occurrences=len(occ),
                locations=locations[:20],
                fingerprints=first.fingerprints,
                flags=tuple(dict.fromkeys(flag for f in occ for flag in f.flags)),
            )
        )
    return sorted(out, key=lambda i: (rank[i.first_round], i.key))
