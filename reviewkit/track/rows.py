"""Tracking fields for the ``reviewkit status --format json`` rows: ``key``, ``consensus``, ``triage``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.model import Document, LinkedFinding
from reviewkit.track.ledger import track_documents
from reviewkit.track.triage import load_triage

__all__ = ["RowKey", "row_key", "tracking_fields"]

RowKey = tuple[str, int, int]
"""(document, review index, finding line): one finding occurrence."""


def row_key(linked: LinkedFinding) -> RowKey:
    return (linked.document, linked.review_index, linked.finding.line)


def tracking_fields(
    documents: Sequence[Document],
    linked: Sequence[LinkedFinding],
    reviews: Path | None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> dict[RowKey, dict[str, Any]]:
    """Occurrence → ``{"key", "consensus", "consensus_of", "triage"}`` (triage read from ``reviews``)."""
    triage = load_triage(reviews) if reviews is not None and reviews.is_dir() else []
    ledger = track_documents(documents, linked, triage=triage, vocabulary=vocabulary)
    return {
        row_key(f): {
            "key": f.key,
            "consensus": f.consensus,
            "consensus_of": f.consensus_of,
            "triage": f.triage.value if f.triage is not None else None,
        }
        for f in ledger.findings
    }
