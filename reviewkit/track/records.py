"""Track records: rounds, finding occurrences with their issue key, tracked issues, the ledger.

Like :mod:`reviewkit.model`, these are frozen pydantic models without I/O; frames and
reports are built from their ``model_dump``.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from reviewkit.model import (
    Decision,
    Document,
    FindingStatus,
    Fingerprints,
    FixLink,
    LinkedFinding,
    ResolvedLocation,
    Severity,
    TriageEntry,
    TriageStatus,
)

__all__ = ["DecisionRecord", "Ledger", "RoundInfo", "TrackedFinding", "TrackedIssue"]

CLOSED_TRIAGE = frozenset(
    {
        TriageStatus.WONT_FIX,
        TriageStatus.ACCEPTED_RISK,
        TriageStatus.FALSE_POSITIVE,
        TriageStatus.DUPLICATE,
        TriageStatus.DEFERRED,
        TriageStatus.FIXED,
    }
)
"""Triage statuses that take an issue off the open backlog."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RoundInfo(_Frozen):
    """One review round: the documents of one folder (or one explicitly labelled top-level file)."""

    key: str = Field(description="Folder path relative to the reviews folder: unique, unlike labels.")
    label: str = Field(description="Round label as written (R16) or the folder name.")
    order: int = Field(description="0-based position in the ordered history.")
    date: dt.date | None = Field(None, description="Earliest review date in the round.")
    anchor_commit: str | None = Field(None, description="Commit the round's reviews were anchored to.")
    reviewers: tuple[str, ...] = Field((), description="Normalised reviewer names, sorted.")
    documents: tuple[str, ...] = Field((), description="Document paths in this round, sorted.")


class TrackedFinding(LinkedFinding):
    """One finding occurrence (a :class:`LinkedFinding`) with its issue key and round context."""

    key: str = Field(description="Key of the tracked issue this occurrence belongs to.")
    round_key: str
    reviewer_norm: str = Field(description="Canonical reviewer name (alias map applied).")
    consensus: int = Field(1, description="How many of the round's reviewers raised this issue.")
    consensus_of: int = Field(1, description="How many reviewers the round had.")
    triage: TriageStatus | None = None
    flags: tuple[str, ...] = Field((), description="Identity notes, e.g. 'ambiguous: kept apart from …'.")


class DecisionRecord(_Frozen):
    """A fix-summary decision attached to an issue."""

    document: str
    round_key: str
    decision: Decision
    line: int
    title: str = ""


class TrackedIssue(_Frozen):
    """One problem across reviewers and rounds: every occurrence shares its key."""

    key: str
    title: str
    severity: Severity | None = Field(None, description="Highest severity any occurrence gave.")
    dimension: str | None = None
    path: str | None = Field(None, description="Main file the issue points at.")
    first_round: str = Field(description="Round key of the first occurrence.")
    last_round: str
    times_raised: int = Field(description="Number of rounds it was raised in.")
    reviewers: tuple[str, ...] = ()
    consensus: int = Field(1, description="Most reviewers of one round that raised it.")
    consensus_of: int = Field(1, description="Reviewers in that round.")
    status: FindingStatus = FindingStatus.UNKNOWN
    status_confidence: float | None = Field(None, description="Confidence in a 'fixed' status, when fixed.")
    status_evidence: tuple[str, ...] = Field((), description="Why the status is what it is.")
    fix: FixLink | None = None
    latency_commits: int | None = Field(
        None, description="Commits from the first occurrence's anchor to the fix commit (history order)."
    )
    fixed_round: str | None = Field(
        None,
        description="Round the fix is credited to: the last round reviewed before the fix commit (by commit "
        "position), else the fix summary's round, else the last round raised. Set for regressed issues too.",
    )
    regressed_by: str | None = None
    regressed_round: str | None = Field(
        None, description="Round at whose end the fixed code had come back (by commit position), if it did."
    )
    triage: TriageStatus | None = None
    owner: str | None = None
    duplicate_of: str | None = None
    deferred_to: str | None = None
    note: str | None = None
    decisions: tuple[DecisionRecord, ...] = ()
    occurrences: int = Field(description="Number of finding occurrences.")
    locations: tuple[ResolvedLocation, ...] = ()
    fingerprints: Fingerprints = Fingerprints()
    flags: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        """Not fixed and not closed by a human decision."""
        if self.triage is not None:
            return self.triage is TriageStatus.OPEN
        return self.status is not FindingStatus.FIXED


NOT_A_REVIEW = "not a review"
"""How the parser's warning for a document that holds no review begins."""


class Ledger(_Frozen):
    """Everything tracking knows about a review history."""

    documents: tuple[Document, ...] = ()
    rounds: tuple[RoundInfo, ...] = ()
    findings: tuple[TrackedFinding, ...] = ()
    issues: tuple[TrackedIssue, ...] = ()
    triage: tuple[TriageEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    reviewer_names: tuple[tuple[str, int, str], ...] = Field(
        (),
        description="(document, review index, reviewer) for every review, normalised with the vocabulary the "
        "ledger was built with: frames, check and report read names here instead of re-deriving them.",
    )

    def reading_problems(self) -> list[tuple[str, int | None, str]]:
        """(document, line, message) for every parse warning that means something may be missing.

        A document that is simply not a review (a README beside the reviews) is not a problem.
        """
        return [
            (d.path, w.line, w.message)
            for d in self.documents
            for w in d.warnings
            if not w.message.startswith(NOT_A_REVIEW)
        ]

    def reviewer_of(self, document: str, index: int) -> str | None:
        """The normalised reviewer of review ``index`` of ``document`` (None when unknown)."""
        return next((name for doc, i, name in self.reviewer_names if doc == document and i == index), None)

    def round(self, key: str) -> RoundInfo:
        """The round with ``key``; KeyError when absent."""
        for r in self.rounds:
            if r.key == key:
                return r
        raise KeyError(key)

    def issue(self, key: str) -> TrackedIssue:
        """The issue with ``key``; KeyError when absent."""
        for i in self.issues:
            if i.key == key:
                return i
        raise KeyError(key)
