"""The vocabulary of reviewkit: immutable pydantic models passed between stages.

Parse produces :class:`Document` (reviews, findings, scores, fix decisions).
Link produces :class:`LinkedFinding` (anchor, resolved locations, fingerprints, fix).
Track groups linked findings into :class:`TrackedIssue` records.

No I/O happens here; every model is frozen and rejects unknown fields. The history records (``Hunk``,
``FileChange``, ``CommitInfo``) are slotted dataclasses: see the note above them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(StrEnum):
    """Normalised severity, ordered from most to least severe."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical … 4 for info: smaller is more severe."""
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        """True when this severity is as severe as ``other`` or more."""
        return self.rank <= other.rank


_SEVERITY_RANK: dict[Severity, int] = {s: n for n, s in enumerate(Severity)}
"""Severity → rank, computed once (the order of declaration is the order of severity)."""


class DocumentKind(StrEnum):
    """What a markdown document in a reviews folder is."""

    REVIEW = "review"
    FIX_SUMMARY = "fix-summary"
    SYNTHESIS = "synthesis"
    OTHER = "other"


class Location(_Frozen):
    """A place in the code a finding points at, as written in the review."""

    path: str | None = Field(None, description="File path as written, absolute prefixes cut when recognisable.")
    start: int | None = Field(None, description="First line (1-based), when given.")
    end: int | None = Field(None, description="Last line (inclusive); equals start for a single line.")
    symbol: str | None = Field(
        None, description="Function/class name when the review names one (`graph.py:chat_stream`)."
    )


class Finding(_Frozen):
    """One problem raised by one reviewer in one review."""

    id: str | None = Field(None, description="Identifier as written (C-001, H3, D1-M002), or None.")
    severity: Severity | None = Field(None, description="Normalised severity, None when the review gives none.")
    severity_raw: str | None = Field(None, description="The severity label exactly as the review wrote it.")
    title: str = Field(description="One-line title of the finding, markdown stripped.")
    body: str = Field("", description="Plain text of the finding's block, without the title.")
    dimension: str | None = Field(None, description="Dimension key or name it is filed under (D3, 'Security').")
    locations: tuple[Location, ...] = Field((), description="Code locations it points at, in order of mention.")
    snippets: tuple[str, ...] = Field((), description="Code quoted in the finding (fenced or inline blocks).")
    line: int = Field(description="1-based line in the document where the finding starts.")
    end_line: int = Field(description="1-based last line of the finding's block in the document.")


class DimensionScore(_Frozen):
    """A score for one review dimension (Scalability 5/10)."""

    key: str | None = Field(None, description="Short key such as D3 or B2, when the review uses one.")
    name: str = Field(description="Dimension name as written.")
    score: float = Field(description="This review's score (after-fix and previous-round columns ignored).")
    scale: float = Field(description="Maximum of the scale (10, 100, …).")


class Review(_Frozen):
    """One reviewer's review; a document may hold several."""

    reviewer: str | None = Field(None, description="Reviewer as written (model, persona or agent name).")
    round: str | None = Field(None, description="Round label as written in the document (R16, 47), if any.")
    commit: str | None = Field(None, description="Commit the review names (short or full sha), if any.")
    date: dt.date | None = Field(None, description="Review date, if given.")
    overall_score: float | None = Field(None, description="Overall score as written.")
    overall_scale: float | None = Field(None, description="Scale of the overall score (10 or 100 …).")
    dimensions: tuple[DimensionScore, ...] = Field((), description="Dimension scores in document order.")
    findings: tuple[Finding, ...] = Field((), description="Findings in document order.")
    line: int = Field(1, description="1-based line where this review starts in its document.")


class ParseWarning(_Frozen):
    """Something the parser did not understand or had to skip."""

    line: int | None = Field(None, description="1-based line it concerns, if any.")
    message: str = Field(description="What was wrong, in words a user can act on.")
    failed: bool = Field(
        False, description="A recognizer or stage failed here (a reviewkit defect): what it would have read is missing."
    )
    lossy: bool = Field(
        False,
        description="The text itself could not be read whole (bad bytes, cut, a fence never closed): findings in it "
        "may be missing, so their absence says nothing.",
    )


class Decision(StrEnum):
    """What a fix summary decided about a finding."""

    FIXED = "fixed"
    SKIPPED = "skipped"
    DEFERRED = "deferred"
    DISPUTED = "disputed"
    PARTIAL = "partial"
    NOTED = "noted"
    """Recorded (e.g. in a consensus matrix) without a decision."""


class FindingRef(_Frozen):
    """A reference to a reviewer's finding from another document (`Grok C1`, `GPT F10`)."""

    reviewer: str | None = Field(None, description="Reviewer named beside the id, if any.")
    id: str = Field(description="The finding id as cited.")


class FixDecision(_Frozen):
    """One decision recorded in a fix summary about one or more findings."""

    decision: Decision
    refs: tuple[FindingRef, ...] = Field((), description="The reviewers' findings this decision covers.")
    title: str = Field("", description="Title or description of the item.")
    severity: Severity | None = None
    consensus: str | None = Field(None, description="Consensus as written (`3/3`), if any.")
    line: int = Field(description="1-based line in the document.")


class Document(_Frozen):
    """A parsed markdown document from a reviews folder."""

    path: str = Field(description="Path relative to the folder given (POSIX separators).")
    kind: DocumentKind
    reviews: tuple[Review, ...] = ()
    decisions: tuple[FixDecision, ...] = Field((), description="Fix-summary decisions (empty for reviews).")
    warnings: tuple[ParseWarning, ...] = ()
    sha256: str = Field("", description="Hash of the document bytes, the cache key.")

    @property
    def degraded(self) -> bool:
        """A recognizer or stage failed on this document: what it holds may be incomplete (never cached)."""
        return any(w.failed for w in self.warnings)

    @property
    def incomplete(self) -> bool:
        """Findings may be missing from it (degraded, or its text could not be read whole)."""
        return any(w.failed or w.lossy for w in self.warnings)


# ---------------------------------------------------------------- git records


# History records are plain slotted dataclasses, not pydantic models: a real history holds millions of
# them, they are built by reviewkit itself from git's output (nothing to validate), and nothing serialises
# them — pydantic stays at the API boundary (documents, linked findings, the ledger).


@dataclass(frozen=True, slots=True, init=False)
class Hunk:
    """A diff hunk: old lines [old_start, old_start+old_len) replaced by new ones.

    Each side's lines are kept as one string (a real history has millions of lines: one object per side, not
    one per line); ``removed`` and ``added`` give them back as tuples.
    """

    old_start: int
    old_len: int
    new_start: int
    new_len: int
    removed_text: str | None
    """The removed lines joined by newlines; None when none was removed."""
    added_text: str | None
    """The added lines joined by newlines; None when none was added."""

    def __init__(
        self,
        *,
        old_start: int,
        old_len: int,
        new_start: int,
        new_len: int,
        removed: Sequence[str] = (),
        added: Sequence[str] = (),
    ) -> None:
        for name, value in (("old_start", old_start), ("old_len", old_len), ("new_start", new_start)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "new_len", new_len)
        object.__setattr__(self, "removed_text", "\n".join(removed) if removed else None)
        object.__setattr__(self, "added_text", "\n".join(added) if added else None)

    @property
    def removed(self) -> tuple[str, ...]:
        return () if self.removed_text is None else tuple(self.removed_text.split("\n"))

    @property
    def added(self) -> tuple[str, ...]:
        return () if self.added_text is None else tuple(self.added_text.split("\n"))

    @property
    def size(self) -> int:
        """Lines removed plus lines added."""
        return sum(t.count("\n") + 1 for t in (self.removed_text, self.added_text) if t is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class FileChange:
    """One file touched by a commit, with its hunks."""

    old_path: str | None
    """Path before the commit (None when added)."""
    new_path: str | None
    """Path after the commit (None when deleted)."""
    hunks: tuple[Hunk, ...] = ()
    new_blob: str | None = None
    """Blob sha of the file after the commit (None when deleted)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitInfo:
    """A commit, with everything downstream stages read from it computed once."""

    sha: str
    """Full 40-hex sha."""
    date: dt.datetime
    parents: tuple[str, ...] = ()
    author: str = ""
    message: str = ""
    changes: tuple[FileChange, ...] = ()
    merged: tuple[str, ...] = ()
    """For a merge on the first-parent line: the side-branch commits it brings in, whose messages are appended
    to ``message`` (their changes are this commit's diff against its first parent)."""


# ---------------------------------------------------------------- link records


class AnchorRule(StrEnum):
    """How a review was tied to the commit it reviewed."""

    NAMED = "named"
    ADDED = "added"
    DATE = "date"


class Anchor(_Frozen):
    commit: str | None = Field(None, description="Full sha of the reviewed commit.")
    rule: AnchorRule | None = None
    note: str | None = Field(None, description="Why this rule won (e.g. named commit lacked the files).")


class ResolvedLocation(_Frozen):
    path: str | None = None
    start: int | None = None
    end: int | None = None
    symbol: str | None = None
    resolved: bool = False
    note: str | None = Field(None, description="Why it could not be resolved, or how it was.")


class Fingerprints(_Frozen):
    content: str | None = Field(None, description="Hash of the referenced lines, whitespace-normalised.")
    path_symbol: str | None = Field(None, description="path:symbol when a symbol is known.")
    title: str = Field("", description="Normalised title (lowercase words, ids and numbers dropped).")


class FindingStatus(StrEnum):
    OPEN = "open"
    FIXED = "fixed"
    REGRESSED = "regressed"
    UNKNOWN = "unknown"


class FixLink(_Frozen):
    commit: str = Field(description="Full 40-hex sha of the fixing commit.")
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: tuple[str, ...] = ()


class LinkedFinding(_Frozen):
    """A finding occurrence with its anchor, resolved code and fix status."""

    document: str = Field(description="Document path relative to the reviews folder.")
    review_index: int = Field(0, description="Index of the review within its document.")
    reviewer: str | None = None
    round: str | None = None
    finding: Finding
    anchor: Anchor = Anchor()
    locations: tuple[ResolvedLocation, ...] = ()
    fingerprints: Fingerprints = Fingerprints()
    status: FindingStatus = FindingStatus.UNKNOWN
    fix: FixLink | None = None
    alternatives: tuple[FixLink, ...] = ()
    regressed_by: str | None = Field(None, description="Commit that brought fixed code back.")


# ---------------------------------------------------------------- track records


class TriageStatus(StrEnum):
    WONT_FIX = "wont-fix"
    ACCEPTED_RISK = "accepted-risk"
    FALSE_POSITIVE = "false-positive"
    DUPLICATE = "duplicate"
    DEFERRED = "deferred"
    OPEN = "open"
    FIXED = "fixed"


class TriageEntry(_Frozen):
    key: str
    status: TriageStatus | None = None
    duplicate_of: str | None = None
    deferred_to: str | None = None
    owner: str | None = None
    note: str | None = None
