"""Structure facts of hand-checked corpus documents (tests/golden/corpus_structure.yaml).

Covers every score/metadata family of the catalog: numbered tables, bare ints with total
rows, before/after and Raw/Calibrated columns, weighted D-key tables, per-dimension
headings and ``**Score:**`` lines, 0-100 and /15 and /8 scales, labelled and conflicting
overall scores, H2/plain/bold metadata, footers, several reviewers in one file, kinds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from reviewkit.model import Document
from reviewkit.parse import parse_paths

from .conftest import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "golden" / "corpus_structure.yaml"
EXPECTED: dict[str, Any] = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))

pytestmark = pytest.mark.corpus


def facts(doc: Document) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": doc.kind.value}
    if doc.reviews:
        entry["reviews"] = [
            {
                "reviewer": r.reviewer,
                "round": r.round,
                "commit": r.commit,
                "date": r.date.isoformat() if r.date else None,
                "overall": [r.overall_score, r.overall_scale] if r.overall_score is not None else None,
                "dimensions": [f"{d.key or '-'} | {d.name} | {d.score:g}/{d.scale:g}" for d in r.dimensions],
            }
            for r in doc.reviews
        ]
    return entry


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir: Path) -> dict[str, Document]:
    return {d.path: d for d in parse_paths([corpus_dir])}


def test_golden_covers_enough_documents() -> None:
    assert len(EXPECTED) >= 30
    kinds = {e["kind"] for e in EXPECTED.values()}
    assert kinds == {"review", "fix-summary", "synthesis", "other"}
    assert any(len(e.get("reviews", [])) > 1 for e in EXPECTED.values()), "no multi-reviewer document"


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_corpus_document_structure(path: str, corpus_docs: dict[str, Document]) -> None:
    assert facts(corpus_docs[path]) == EXPECTED[path]


def test_seed_review(corpus_docs: dict[str, Document]) -> None:
    review = corpus_docs["prod-r16/grok-review.md"].reviews[0]
    assert len(review.dimensions) == 10
    assert (review.overall_score, review.overall_scale) == (70, 100)
    assert (review.commit, str(review.date)) == ("a0bb225", "2026-02-21")
