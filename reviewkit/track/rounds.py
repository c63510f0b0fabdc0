"""Rounds: which documents belong together, in which order, and who reviewed.

A round is a folder of the reviews tree (one folder per round is the convention), so
the folder path is the round *key*: labels such as "R16" repeat across series. A file at
the top of the reviews folder forms its own round, labelled by the round it names.

Only *reviewed* rounds count: a group needs at least one review document (kind ``review``
with a review in it), or a fix summary or synthesis that holds findings of its own. A README, an
index or a meta-analysis is not a round; fix summaries in a folder belong to that folder's round, and
a folder of summaries that only decide on findings is not a round either.

Order: the position of the round's anchor commit in history (oldest first), then date, then
the number in the label, then the key — a total, deterministic order. Rounds without an anchor
(no git, or nothing link could anchor) are merged in by date; without git the order is date,
then number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from reviewkit.config import Vocabulary
from reviewkit.model import Document, DocumentKind, Review
from reviewkit.parse.decision_refs import match_reviewer
from reviewkit.track.records import RoundInfo

__all__ = ["DocumentRound", "assign_rounds", "is_reviewed", "normalize_reviewer", "order_rounds", "review_reviewer"]

_FILE_NOISE = re.compile(r"(?<![a-z0-9])(review|reviews|findings|report|code|agent|all|models)(?![a-z0-9])")


@dataclass(frozen=True, slots=True)
class DocumentRound:
    """The round key and label a document belongs to."""

    key: str
    label: str


def round_of(document: Document) -> DocumentRound:
    """Folder of the document, or — for a top-level file — the round it names (else its own path)."""
    parent = PurePosixPath(document.path).parent.as_posix()
    written = next((r.round for r in document.reviews if r.round), None)
    if parent not in ("", "."):
        return DocumentRound(key=parent, label=written or PurePosixPath(parent).name)
    if written:
        return DocumentRound(key=f"round:{written}", label=written)
    return DocumentRound(key=document.path, label=PurePosixPath(document.path).stem)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def normalize_reviewer(written: str | None, file_path: str, vocabulary: Vocabulary, *, single: bool) -> str:
    """Canonical reviewer name: ``Grok 4`` → grok, ``grok-review.md`` → grok.

    For a document holding one review the file name is trusted first (files are named
    after the reviewer even when the text says "DeepSeek (simulated by Opus)"); in a
    multi-review document the name written in each review decides.
    """
    stem = PurePosixPath(file_path).stem
    from_file = match_reviewer(stem.replace("_", "-"), vocabulary)
    from_text = match_reviewer(written, vocabulary) if written else None
    if single and from_file:
        return from_file
    if from_text:
        return from_text
    if written and written.strip():
        return _slug(written)[:40] or "unknown"
    if from_file:
        return from_file
    return _slug(_FILE_NOISE.sub("", stem.lower())) or _slug(stem) or "unknown"


def review_reviewer(document: Document, review: Review, vocabulary: Vocabulary) -> str:
    """Canonical name of the reviewer of ``review`` in ``document``."""
    return normalize_reviewer(review.reviewer, document.path, vocabulary, single=len(document.reviews) <= 1)


def _label_number(label: str) -> float:
    m = re.search(r"(\d+(?:\.\d+)?)(?!.*\d)", label)
    return float(m.group(1)) if m else float("inf")


def assign_rounds(documents: Sequence[Document]) -> dict[str, DocumentRound]:
    """Document path → its round."""
    return {d.path: round_of(d) for d in documents}


def is_reviewed(documents: Sequence[Document]) -> bool:
    """True when ``documents`` (one round's) hold at least one review, or findings of a fix summary or synthesis
    standing alone (a bug-fix report is the only record of what it found); notes alone do not."""
    return any(
        (d.kind is DocumentKind.REVIEW and d.reviews)
        or (d.kind is not DocumentKind.OTHER and any(r.findings for r in d.reviews))
        for d in documents
    )


def _has_content(review: Review) -> bool:
    return bool(review.findings or review.dimensions or review.overall_score is not None)


_SortKey = tuple[dt.date, float, str]


def _merge_by_date(anchored: list[str], loose: list[str], key: Callable[[str], _SortKey]) -> list[str]:
    """Rounds in anchor order with the unanchored ones merged in by (date, number, key)."""
    out: list[str] = []
    i = j = 0
    while i < len(anchored) and j < len(loose):
        if key(loose[j]) < key(anchored[i]):
            out.append(loose[j])
            j += 1
        else:
            out.append(anchored[i])
            i += 1
    return [*out, *anchored[i:], *loose[j:]]


def order_rounds(
    documents: Sequence[Document],
    vocabulary: Vocabulary,
    *,
    anchors: Mapping[str, str] | None = None,
    commit_rank: Mapping[str, int] | None = None,
) -> list[RoundInfo]:
    """Ordered reviewed rounds of ``documents`` (groups without a review are left out).

    ``anchors`` maps a round key to the commit its reviews were anchored to;
    ``commit_rank`` gives each commit's position in history (oldest 0).
    """
    anchors = anchors or {}
    rank = commit_rank or {}
    grouped: dict[str, list[Document]] = {}
    labels: dict[str, str] = {}
    for d in documents:
        r = round_of(d)
        grouped.setdefault(r.key, []).append(d)
        labels.setdefault(r.key, r.label)
    reviewed = [k for k in grouped if is_reviewed(grouped[k])]

    def by_date(key: str) -> _SortKey:
        return (_round_date(grouped[key]) or dt.date.max, _label_number(labels[key]), key)

    positioned = [k for k in reviewed if rank.get(anchors.get(k, "")) is not None]
    anchored = sorted(positioned, key=lambda k: (rank[anchors[k]], *by_date(k)))
    loose = sorted((k for k in reviewed if k not in set(positioned)), key=by_date)
    out: list[RoundInfo] = []
    for order, key in enumerate(_merge_by_date(anchored, loose, by_date)):
        docs = sorted(grouped[key], key=lambda d: d.path)
        reviewers = {review_reviewer(d, rv, vocabulary) for d in docs for rv in d.reviews if _has_content(rv)}
        out.append(
            RoundInfo(
                key=key,
                label=labels[key],
                order=order,
                date=_round_date(docs),
                anchor_commit=anchors.get(key),
                reviewers=tuple(sorted(reviewers)),
                documents=tuple(d.path for d in docs),
            )
        )
    return out


def _round_date(documents: Sequence[Document]) -> dt.date | None:
    dates = [r.date for d in documents for r in d.reviews if r.date is not None]
    return min(dates) if dates else None
