"""Reduce a :class:`~reviewkit.track.records.Ledger` to the gate's :class:`Snapshot`.

Paths become repo-relative: code locations as link resolved them, review documents
under the reviews folder's path inside the repository (``reviews_prefix``). Scores are
normalised to /10 and attributed to the canonical reviewer name tracking uses.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from reviewkit.check.records import IssueState, ScoreState, Snapshot, SourceRef
from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.model import Document, DocumentKind, Review
from reviewkit.track.records import Ledger, RoundInfo, TrackedFinding, TrackedIssue

__all__ = ["OVERALL", "issue_states", "score_states", "snapshot_of"]

OVERALL = "overall"


def snapshot_of(
    ledger: Ledger,
    *,
    ref: str,
    commit: str | None,
    reviews_prefix: str | None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> Snapshot:
    """The gate's view of ``ledger`` computed at ``ref`` (resolved to ``commit``).

    ``reviews_prefix`` is the reviews folder relative to the repository root (``reviews``),
    ``""`` when it is the root, or None when it lies outside (review locations are then dropped).
    The human decisions are the ledger's: ``build_ledger(at=ref)`` reads the triage file as of ``ref``.
    """
    return Snapshot(
        ref=ref,
        commit=commit,
        issues=issue_states(ledger, reviews_prefix),
        scores=score_states(ledger, reviews_prefix, vocabulary),
        incomplete_documents=tuple(d.path for d in ledger.documents if d.incomplete),
    )


def issue_states(ledger: Ledger, reviews_prefix: str | None) -> tuple[IssueState, ...]:
    labels = {r.key: r.label for r in ledger.rounds}
    latest = _latest_occurrences(ledger)
    documents: dict[str, set[str]] = {}
    for f in ledger.findings:
        documents.setdefault(f.key, set()).add(f.document)
    return tuple(
        _issue_state(i, latest.get(i.key), labels, reviews_prefix).model_copy(
            update={"documents": tuple(sorted(documents.get(i.key, ())))}
        )
        for i in ledger.issues
    )


def _latest_occurrences(ledger: Ledger) -> dict[str, TrackedFinding]:
    order = {r.key: r.order for r in ledger.rounds}
    latest: dict[str, TrackedFinding] = {}
    for f in ledger.findings:
        seen = latest.get(f.key)
        if seen is None or order.get(f.round_key, -1) >= order.get(seen.round_key, -1):
            latest[f.key] = f
    return latest


def _issue_state(
    issue: TrackedIssue, occurrence: TrackedFinding | None, labels: dict[str, str], reviews_prefix: str | None
) -> IssueState:
    code = next((loc for loc in issue.locations if loc.resolved and loc.path), None)
    review = None
    if occurrence is not None:
        review = _review_ref(reviews_prefix, occurrence.document, occurrence.finding.line)
    return IssueState(
        key=issue.key,
        title=issue.title,
        severity=issue.severity,
        status=issue.status,
        triage=issue.triage,
        triage_note=issue.note,
        location=SourceRef(path=code.path, line=code.start) if code is not None and code.path else None,
        review=review,
        fingerprint=issue.fingerprints.content,
        fix_commit=issue.fix.commit if issue.fix else None,
        regressed_by=issue.regressed_by,
        last_round=labels.get(issue.last_round, issue.last_round),
        reviewers=issue.reviewers,
    )


def _review_ref(reviews_prefix: str | None, document: str, line: int | None) -> SourceRef | None:
    if reviews_prefix is None:
        return None
    path = PurePosixPath(reviews_prefix, document).as_posix() if reviews_prefix else document
    return SourceRef(path=path, line=line)


def score_states(
    ledger: Ledger, reviews_prefix: str | None, vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> tuple[ScoreState, ...]:
    """Every dimension and overall score of every review, on /10, with its round."""
    round_of_doc: dict[str, RoundInfo] = {doc: r for r in ledger.rounds for doc in r.documents}
    named = {(doc, index): name for doc, index, name in ledger.reviewer_names}
    out: list[ScoreState] = []
    for document in ledger.documents:
        rnd = round_of_doc.get(document.path)
        if document.kind is not DocumentKind.REVIEW or rnd is None:
            continue
        for index, review in enumerate(document.reviews):
            reviewer = named.get((document.path, index)) or _reviewer(document, review, vocabulary)
            out += _review_scores(document, review, reviewer, rnd, reviews_prefix)
    return tuple(out)


def _reviewer(document: Document, review: Review, vocabulary: Vocabulary) -> str:
    """A ledger built by hand may not name its reviewers: the name rounds give (imported only then)."""
    from reviewkit.track.rounds import review_reviewer

    return review_reviewer(document, review, vocabulary)


def _review_scores(
    document: Document, review: Review, reviewer: str, rnd: RoundInfo, reviews_prefix: str | None
) -> list[ScoreState]:
    source = _review_ref(reviews_prefix, document.path, review.line)

    def score(dimension: str, name: str, value: float, scale: float) -> ScoreState:
        return ScoreState(
            round_key=rnd.key,
            round_label=rnd.label,
            round_order=rnd.order,
            reviewer=reviewer,
            dimension=dimension,
            dimension_name=name,
            score_10=value * 10 / scale,
            source=source,
        )

    out = [score(_dimension_id(d.key, d.name), d.name, d.score, d.scale) for d in review.dimensions if d.scale > 0]
    if review.overall_score is not None and review.overall_scale:
        out.append(score(OVERALL, "Overall", review.overall_score, review.overall_scale))
    return out


def _dimension_id(key: str | None, name: str) -> str:
    """The key (D3) when the review gives one, else the name folded to lower case."""
    return key.strip().upper() if key and key.strip() else " ".join(name.lower().split())
