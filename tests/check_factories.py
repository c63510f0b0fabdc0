"""Hand-built gate records for the check tests (no git, no parsing)."""

from __future__ import annotations

from typing import Any

from reviewkit.check.records import IssueState, ScoreState, Snapshot, SourceRef
from reviewkit.model import FindingStatus, Severity

SHA_BASE = "b" * 40
SHA_HEAD = "h" * 40


def issue(key: str, severity: Severity | None = Severity.CRITICAL, **changes: Any) -> IssueState:
    fields: dict[str, Any] = {
        "key": key,
        "title": f"title of {key}",
        "severity": severity,
        "status": FindingStatus.UNKNOWN,
        "location": SourceRef(path="src/app.py", line=10),
        "review": SourceRef(path="reviews/r2/gpt.md", line=5),
        "fingerprint": f"fp-{key}",
        "reviewers": ("gpt",),
        "last_round": "r2",
    }
    fields.update(changes)
    return IssueState(**fields)


def score(order: int, value: float, *, reviewer: str = "gpt", dimension: str = "D1") -> ScoreState:
    return ScoreState(
        round_key=f"r{order}",
        round_label=f"R{order}",
        round_order=order,
        reviewer=reviewer,
        dimension=dimension,
        dimension_name=f"Dimension {dimension}",
        score_10=value,
        source=SourceRef(path=f"reviews/r{order}/{reviewer}.md", line=3),
    )


def snapshot(
    ref: str, issues: tuple[IssueState, ...] = (), scores: tuple[ScoreState, ...] = (), commit: str | None = None
) -> Snapshot:
    return Snapshot(ref=ref, commit=commit, issues=issues, scores=scores)


def base(*issues: IssueState, scores: tuple[ScoreState, ...] = ()) -> Snapshot:
    return snapshot("origin/main", issues, scores, SHA_BASE)


def head(*issues: IssueState, scores: tuple[ScoreState, ...] = ()) -> Snapshot:
    return snapshot("HEAD", issues, scores, SHA_HEAD)


def kept(_: str) -> None:
    """A ``fix_gone`` for which every fix commit is still in the branch."""


def gone(_: str) -> str:
    """A ``fix_gone`` for which no fix commit is in the branch."""
    return "not in this branch"
