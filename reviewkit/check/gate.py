"""The CI gate as pure rules over two snapshots of the ledger: the base and HEAD.

A snapshot is the ledger reduced to what the gate reads (:class:`IssueState`,
:class:`ScoreState`); :func:`evaluate` compares two of them and returns a
:class:`GateResult`. No git, no files: whether a fix commit is still in the branch
is asked through the injected ``fix_gone`` callable.

"New" always means new since the base *by issue identity* (the stable key), never
by line, so old issues in touched lines do not fire. Each issue feeds at most one
gate, strongest first: reverted fix, then regression, then new finding.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from reviewkit.check.records import IssueState, Snapshot, SourceRef
from reviewkit.check.scores import SCORE_EPSILON, ScoreDrop, points, score_drops
from reviewkit.model import FindingStatus, Severity, TriageStatus

__all__ = [
    "BaselineState",
    "ComparedIssue",
    "Gate",
    "GatePolicy",
    "GateResult",
    "Violation",
    "evaluate",
    "parse_fail_on",
]

FixGone = Callable[[str], str | None]
"""``fix_gone(sha)``: why a fix commit no longer holds on this branch, or None."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Gate(StrEnum):
    """The four rules, in the order they are reported."""

    NEW_FINDINGS = "new-findings"
    REGRESSIONS = "regressions"
    REVERTED_FIXES = "reverted-fixes"
    SCORE_DROP = "score-drop"


class BaselineState(StrEnum):
    """SARIF's comparison of a result with the base run."""

    NEW = "new"
    UNCHANGED = "unchanged"
    ABSENT = "absent"


class GatePolicy(_Frozen):
    """What makes the gate fail."""

    fail_on: Severity | None = Field(
        Severity.HIGH, description="Least severe severity that fails the finding gates; None turns them off."
    )
    max_score_drop: float | None = Field(
        1.0, ge=0, description="Largest allowed drop on the /10 scale; None turns the score gate off."
    )

    def gates_issue(self, issue: IssueState) -> bool:
        return self.fail_on is not None and issue.severity is not None and issue.severity.at_least(self.fail_on)

    @property
    def active_gates(self) -> tuple[Gate, ...]:
        finding_gates = (Gate.NEW_FINDINGS, Gate.REGRESSIONS, Gate.REVERTED_FIXES) if self.fail_on else ()
        return (*finding_gates, *((Gate.SCORE_DROP,) if self.max_score_drop is not None else ()))


class Violation(_Frozen):
    """One reason the gate fails: an issue or a score drop, and why, in words."""

    gate: Gate
    reason: str
    issue: IssueState | None = None
    drop: ScoreDrop | None = None

    @property
    def where(self) -> SourceRef | None:
        if self.issue is not None:
            return self.issue.location or self.issue.review
        return self.drop.source if self.drop is not None else None


class ComparedIssue(_Frozen):
    """An issue at HEAD and how it compares with the base (SARIF's baselineState)."""

    issue: IssueState
    baseline: BaselineState
    gated: bool = Field(description="At or above --fail-on.")


class GateResult(_Frozen):
    """Everything the gate decided; every output format renders this."""

    base: Snapshot = Field(description="The base snapshot, issues and scores dropped (see counts).")
    head: Snapshot = Field(description="The HEAD snapshot, issues and scores dropped.")
    policy: GatePolicy
    violations: tuple[Violation, ...] = ()
    open_issues: tuple[ComparedIssue, ...] = Field((), description="Open at HEAD (new or unchanged since the base).")
    closed_since_base: tuple[IssueState, ...] = Field((), description="Open at the base, not open at HEAD.")
    exempted: tuple[ComparedIssue, ...] = Field((), description="Triaged out at HEAD (won't fix, accepted …).")
    known_score_drops: tuple[ScoreDrop, ...] = Field((), description="Drops beyond the threshold already at base.")

    @property
    def passed(self) -> bool:
        return not self.violations

    def failures(self, gate: Gate) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.gate is gate)


def parse_fail_on(text: str) -> Severity | None:
    """``critical,high`` → HIGH (the least severe listed: everything at or above fails); ``none`` → None."""
    words = [w.strip().lower() for w in text.split(",") if w.strip()]
    if not words:
        raise ValueError("--fail-on is empty; give severities like critical,high or 'none'")
    if words == ["none"]:
        return None
    known = {s.value: s for s in Severity}
    unknown = [w for w in words if w not in known]
    if unknown:
        raise ValueError(f"--fail-on: unknown severity {', '.join(unknown)} (use {', '.join(known)} or none)")
    return max((known[w] for w in words), key=lambda s: s.rank)


def evaluate(base: Snapshot, head: Snapshot, policy: GatePolicy, *, fix_gone: FixGone) -> GateResult:
    """Compare ``head`` with ``base`` under ``policy``.

    ``fix_gone(sha)`` says why a fix commit no longer holds on this branch ("reverted by …",
    "not in this branch"), or None when it is an ancestor of HEAD and not reverted.
    """
    before = {i.key: i for i in base.issues}
    violations: list[Violation] = []
    open_issues: list[ComparedIssue] = []
    exempted: list[ComparedIssue] = []
    for issue in sorted(head.issues, key=_issue_order):
        old = before.get(issue.key)
        gated = policy.gates_issue(issue)
        if issue.exempt:
            seen = BaselineState.NEW if old is None else BaselineState.UNCHANGED
            exempted.append(ComparedIssue(issue=issue, baseline=seen, gated=gated))
            continue
        violation = _issue_violation(issue, old, fix_gone)
        if violation is not None and gated:
            violations.append(violation)
        if issue.open:
            was_open = old is not None and old.open
            baseline = BaselineState.UNCHANGED if was_open and violation is None else BaselineState.NEW
            open_issues.append(ComparedIssue(issue=issue, baseline=baseline, gated=gated))
    # an issue triaged or failing at HEAD is still reported as such, not as closed
    present = {c.issue.key for c in (*open_issues, *exempted)} | {v.issue.key for v in violations if v.issue}
    # a finding gone because its document could not be read whole at HEAD is not known to be closed
    unreadable = set(head.incomplete_documents)
    closed = tuple(
        i
        for i in sorted(base.issues, key=_issue_order)
        if i.open and i.key not in present and not (set(i.documents) & unreadable)
    )
    drops, known = _score_violations(base, head, policy)
    return GateResult(
        base=base.model_copy(update={"issues": (), "scores": ()}),
        head=head.model_copy(update={"issues": (), "scores": ()}),
        policy=policy,
        violations=(*violations, *drops),
        open_issues=tuple(open_issues),
        closed_since_base=closed,
        exempted=tuple(exempted),
        known_score_drops=known,
    )


def _issue_order(issue: IssueState) -> tuple[int, str]:
    return (issue.severity.rank if issue.severity else len(Severity), issue.key)


def _issue_violation(issue: IssueState, old: IssueState | None, fix_gone: FixGone) -> Violation | None:
    """The strongest rule this (non-exempt) issue breaks, or None."""
    if issue.triage is TriageStatus.FIXED:
        return None  # a human declared it fixed: that wins over every computed signal
    lost = _lost_fix(issue, old, fix_gone)
    if lost is not None:
        sha, why = lost
        return Violation(gate=Gate.REVERTED_FIXES, reason=f"fixed by {sha[:12]}, which is {why}", issue=issue)
    # a regression already present at the base (whichever commit link blames) is not this change's doing;
    # it still fails below as "new" when the base had it triaged and the branch withdrew the decision
    if issue.status is FindingStatus.REGRESSED and not (old is not None and old.status is FindingStatus.REGRESSED):
        by = f" by {issue.regressed_by[:12]}" if issue.regressed_by else ""
        return Violation(gate=Gate.REGRESSIONS, reason=f"the fixed code came back{by}", issue=issue)
    if issue.open and not (old is not None and old.open):
        reason = "open at HEAD, not open at the base" if old is None else f"was {_state_word(old)} at the base"
        return Violation(gate=Gate.NEW_FINDINGS, reason=reason, issue=issue)
    return None


def _lost_fix(issue: IssueState, old: IssueState | None, fix_gone: FixGone) -> tuple[str, str] | None:
    """(fix commit, why it is gone) when the branch lost the fix, unless HEAD has a fix that still holds."""
    fixed_by = [
        i.fix_commit for i in (issue, old) if i is not None and i.status is FindingStatus.FIXED and i.fix_commit
    ]
    if not fixed_by:
        return None
    why = fix_gone(fixed_by[0])  # HEAD's own fix first: a new fix on the branch replaces a lost one
    return None if why is None else (fixed_by[0], why)


def _state_word(issue: IssueState) -> str:
    return "fixed" if issue.fixed else (issue.triage.value if issue.triage else issue.status.value)


def _score_violations(
    base: Snapshot, head: Snapshot, policy: GatePolicy
) -> tuple[list[Violation], tuple[ScoreDrop, ...]]:
    """Drops beyond the threshold: new ones fail, ones already present at the base are only reported."""
    if policy.max_score_drop is None:
        return [], ()
    limit = policy.max_score_drop
    at_base = {d.identity for d in score_drops(base.scores)}
    violations: list[Violation] = []
    known: list[ScoreDrop] = []
    for drop in score_drops(head.scores):
        if drop.drop <= limit + SCORE_EPSILON:
            continue
        if drop.identity in at_base:
            known.append(drop)
            continue
        reason = (
            f"{drop.reviewer} scored {drop.dimension_name} {points(drop.after)}/10 in {drop.round_label}, "
            f"down {points(drop.drop)} from {points(drop.before)}/10 in {drop.previous_round_label} "
            f"(limit {points(limit)})"
        )
        violations.append(Violation(gate=Gate.SCORE_DROP, reason=reason, drop=drop))
    return violations, tuple(known)
