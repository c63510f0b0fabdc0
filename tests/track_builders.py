"""Small builders of parsed documents for the track, frames, backlog and export tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reviewkit.model import (
    Decision,
    DimensionScore,
    Document,
    DocumentKind,
    Finding,
    FindingRef,
    FixDecision,
    Location,
    Review,
    Severity,
)


@dataclass(frozen=True)
class F:
    """A finding spec: id, title, severity, file path, symbol, quoted code."""

    id: str | None
    title: str
    severity: Severity | None = Severity.HIGH
    path: str | None = None
    symbol: str | None = None
    snippet: str | None = None
    body: str = ""
    dimension: str | None = None


def finding(spec: F, line: int) -> Finding:
    locations = (Location(path=spec.path, symbol=spec.symbol),) if spec.path or spec.symbol else ()
    return Finding(
        id=spec.id,
        severity=spec.severity,
        title=spec.title,
        body=spec.body,
        dimension=spec.dimension,
        locations=locations,
        snippets=(spec.snippet,) if spec.snippet else (),
        line=line,
        end_line=line + 2,
    )


def review_doc(
    path: str,
    reviewer: str | None,
    findings: Sequence[F],
    *,
    date: dt.date | None = None,
    round_label: str | None = None,
    overall: float | None = None,
    dimensions: Sequence[tuple[str, str, float]] = (),
) -> Document:
    review = Review(
        reviewer=reviewer,
        round=round_label,
        date=date,
        overall_score=overall,
        overall_scale=100.0 if overall is not None else None,
        dimensions=tuple(DimensionScore(key=k, name=n, score=s, scale=10.0) for k, n, s in dimensions),
        findings=tuple(finding(spec, 10 + 5 * i) for i, spec in enumerate(findings)),
    )
    return Document(path=path, kind=DocumentKind.REVIEW, reviews=(review,), sha256=f"sha-{path}")


def summary_doc(path: str, decisions: Sequence[tuple[Decision, Sequence[tuple[str | None, str]]]]) -> Document:
    return Document(
        path=path,
        kind=DocumentKind.FIX_SUMMARY,
        decisions=tuple(
            FixDecision(decision=d, refs=tuple(FindingRef(reviewer=r, id=i) for r, i in refs), line=5 + n)
            for n, (d, refs) in enumerate(decisions)
        ),
        sha256=f"sha-{path}",
    )


DAY1 = dt.date(2026, 2, 20)
DAY2 = dt.date(2026, 2, 21)
DAY3 = dt.date(2026, 2, 22)


def two_round_history() -> list[Document]:
    """r1: gemini+grok agree on the lock race (same file), grok alone on the healthcheck; r2: it recurs."""
    return [
        review_doc(
            "r1/gemini-review.md",
            "Gemini 3 Pro",
            [
                F("F-001", "Retriever cache bare dict without lock", Severity.HIGH, "src/rag/pipeline.py"),
                F("F-002", "Duplicated Firestore clients", Severity.MEDIUM, "src/data/profile.py"),
            ],
            date=DAY1,
            overall=70.0,
            dimensions=[("D1", "Architecture", 7.0)],
        ),
        review_doc(
            "r1/grok-review.md",
            "Grok 4",
            [
                F("C-001", "Retriever cache race: bare dict, no lock", Severity.CRITICAL, "/x/src/rag/pipeline.py"),
                F("H-002", "Dockerfile HEALTHCHECK probes /health instead of /live", Severity.HIGH, "Dockerfile"),
            ],
            date=DAY1,
            overall=60.0,
            dimensions=[("D1", "Architecture", 6.0)],
        ),
        summary_doc("r1/summary.md", [(Decision.FIXED, [("gemini", "F-001"), ("grok", "C-001")])]),
        review_doc(
            "r2/grok-review.md",
            "Grok",
            [F("H-001", "Dockerfile HEALTHCHECK probes /health, not /live", Severity.HIGH, "Dockerfile")],
            date=DAY2,
            overall=75.0,
            dimensions=[("D1", "Architecture", 8.0)],
        ),
    ]
