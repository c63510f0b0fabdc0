"""The gate's inputs: the ledger at one commit reduced to what the rules read.

:mod:`reviewkit.check.snapshot` builds these from a ledger; tests build them by hand.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from reviewkit.model import FindingStatus, Severity, TriageStatus

__all__ = ["EXEMPTING_TRIAGE", "IssueState", "ScoreState", "Snapshot", "SourceRef"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


EXEMPTING_TRIAGE: frozenset[TriageStatus] = frozenset(
    {
        TriageStatus.WONT_FIX,
        TriageStatus.ACCEPTED_RISK,
        TriageStatus.FALSE_POSITIVE,
        TriageStatus.DUPLICATE,
        TriageStatus.DEFERRED,
    }
)
"""Human decisions that take an issue out of every gate: the same set the backlog treats as closed
(``fixed`` is not here: a human "fixed" makes the issue fixed, and a fixed issue fails no gate).
A duplicate is gated through its original; a deferral is a decision taken on purpose."""


class SourceRef(_Frozen):
    """A place in the repository: a repo-relative POSIX path and an optional 1-based line."""

    path: str
    line: int | None = None


class IssueState(_Frozen):
    """One tracked issue as the gate sees it in one snapshot."""

    key: str = Field(description="Stable issue key (RK-…), the identity compared across snapshots.")
    title: str
    severity: Severity | None = None
    status: FindingStatus = FindingStatus.UNKNOWN
    triage: TriageStatus | None = Field(None, description="The human decision, which wins over computed status.")
    triage_note: str | None = None
    location: SourceRef | None = Field(None, description="The code it points at (first resolved location).")
    review: SourceRef | None = Field(None, description="Where the latest review raised it.")
    fingerprint: str | None = Field(None, description="Content fingerprint of the referenced code.")
    fix_commit: str | None = None
    regressed_by: str | None = None
    last_round: str | None = None
    reviewers: tuple[str, ...] = ()
    documents: tuple[str, ...] = Field((), description="The review documents that raised it (reviews-relative).")

    @property
    def exempt(self) -> bool:
        """Triaged out of the gate on purpose."""
        return self.triage in EXEMPTING_TRIAGE

    @property
    def fixed(self) -> bool:
        """Fixed by evidence, or declared fixed by a human (who wins over evidence)."""
        if self.triage is TriageStatus.FIXED:
            return True
        if self.triage is TriageStatus.OPEN:
            return False
        return self.status is FindingStatus.FIXED

    @property
    def open(self) -> bool:
        """Open means: not fixed and not triaged out. `unknown` (no fix evidence) counts as open."""
        return not self.exempt and not self.fixed


class ScoreState(_Frozen):
    """One reviewer's score for one dimension (or ``overall``) in one round, normalised to /10."""

    round_key: str
    round_label: str
    round_order: int
    reviewer: str = Field(description="Reviewer name after alias normalisation.")
    dimension: str = Field(description="Dimension key (D3), or the name when there is no key, or 'overall'.")
    dimension_name: str
    score_10: float = Field(description="Score on a /10 scale.")
    source: SourceRef | None = None


class Snapshot(_Frozen):
    """The ledger at one commit, reduced to what the gate reads."""

    ref: str = Field(description="The revision as given (HEAD, origin/main, a sha).")
    commit: str | None = Field(None, description="Full sha it resolved to; None for the empty baseline.")
    issues: tuple[IssueState, ...] = ()
    scores: tuple[ScoreState, ...] = ()
    incomplete_documents: tuple[str, ...] = Field(
        (), description="Review documents read only in part here (bad bytes, unclosed fence, a recognizer failed)."
    )
