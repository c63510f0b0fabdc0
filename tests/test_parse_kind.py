"""Document kind: general signals on small documents, and accuracy over the whole corpus (catalog §1.2 truth)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewkit.model import DocumentKind
from reviewkit.parse import parse_paths, parse_text
from reviewkit.parse.kind import classify
from reviewkit.parse.tree import build_sections, parse_markdown

from .conftest import REPO_ROOT

K = DocumentKind
CATALOG = REPO_ROOT.parent / "shared" / "docs" / "format-catalog.md"
CATALOG_KIND = {"R1": K.REVIEW, "RM": K.REVIEW, "FS": K.FIX_SUMMARY, "FB": K.FIX_SUMMARY}
CATALOG_KIND |= {"SY": K.SYNTHESIS, "CA": K.SYNTHESIS, "BE": K.SYNTHESIS, "OT": K.OTHER}


def kind_of(text: str, path: str = "doc.md") -> DocumentKind:
    return classify(build_sections(parse_markdown(text), text.count("\n") + 1), path)


REVIEW = """# Round 3 Production Review — Grok 4

**Reviewer**: Grok 4
**Date**: 2026-02-20

## Findings

### CRITICAL (1)

#### C-001: Token check missing

### HIGH (2)

#### H-001: Retry without backoff
"""

FIX_SUMMARY = """# Round 3 Summary

**Fixer**: Claude

## Consensus Matrix

| Finding | Gemini | GPT | Consensus | Action |
|---|---|---|---|---|
| Token check | C-001 | F1 | 2/2 | **Fixed** |

## Fixes Applied (3/3)

## Deferred (not fixed this round)
"""

SYNTHESIS = """# Meta-Analysis: Rounds 1-10

## Per-Model Bias

| Dimension | Gemini | GPT | Grok |
|---|---|---|---|
| API | 7 | 6 | 5 |
"""

CALIBRATION = """# R40 Calibration: Score Normalization Across R35-R39

## D1: Graph Architecture (Weight: 0.20)

**Calibrated Score: 8.5**
"""

OTHER = """# Review Round History

| Round | Date | Score |
|---|---|---|
| R1 | 2026-02-12 | 58/100 |
"""

MULTI = """# R59 — 4-Model Hostile Review

## Gemini 3 Pro (D1, D2, D3)

### Findings

## GPT-5.2 Codex (D4, D5, D6)

### Findings

## Consolidated Scores
"""


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        (REVIEW, "grok.md", K.REVIEW),
        (FIX_SUMMARY, "notes.md", K.FIX_SUMMARY),
        (SYNTHESIS, "x.md", K.SYNTHESIS),
        (CALIBRATION, "x.md", K.SYNTHESIS),
        (OTHER, "INDEX.md", K.OTHER),
        (MULTI, "all-models.md", K.REVIEW),
        ("", "empty.md", K.OTHER),
    ],
)
def test_kind_signals(text: str, path: str, expected: DocumentKind) -> None:
    assert kind_of(text, path) is expected


def test_file_name_is_only_a_weak_hint() -> None:
    assert kind_of(REVIEW, "summary.md") is K.REVIEW
    assert kind_of(FIX_SUMMARY, "grok-review.md") is K.FIX_SUMMARY


def _catalog_truth() -> dict[str, DocumentKind]:
    if not CATALOG.is_file():
        pytest.skip(f"format catalog not found at {CATALOG}")
    truth: dict[str, DocumentKind] = {}
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([^`]+\.md)` \| (R1|RM|FS|FB|SY|CA|BE|OT) \|", line)
        if m:
            truth[m.group(1)] = CATALOG_KIND[m.group(2)]
    return truth


@pytest.mark.corpus
def test_kind_accuracy_over_the_whole_corpus(corpus_dir: Path) -> None:
    truth = _catalog_truth()
    docs = parse_paths([corpus_dir])
    assert len(docs) == len(truth) == 173
    misses = [(d.path, truth[d.path].value, d.kind.value) for d in docs if d.kind is not truth[d.path]]
    accuracy = 1 - len(misses) / len(docs)
    assert accuracy >= 0.95, f"kind accuracy {accuracy:.1%}; misses: {misses}"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (
            "# Plan: Fix Priority Data Transfer Bugs\n\nBased on the review, fix three bugs.\n\n"
            "### 1. Null Handling in COPY (Data Loss)\n\n**Severity**: CRITICAL\n\nChange the null marker.\n",
            "PRIORITY_FIXES_PLAN.md",
        ),
        (
            "# Relatório de Bugs - Template\n\nUse este template para documentar cada bug.\n\n"
            "## BUG-001: [Título do bug]\n\n| Severidade |\n|---|\n| Alta |\n",
            "TEMPLATE_RELATORIO.md",
        ),
        (
            "# Framework Audit Report\n\n**Audit Date:** `YYYY-MM-DD HH:MM:SS UTC`\n\n## Issues\n\n"
            "### 🔴 CRITICAL: Missing Core Files\n\n- `directives/001_*.md`\n",
            "GUARDIAN_AUDIT_REPORT.md",
        ),
    ],
)
def test_a_plan_or_a_template_is_other_and_yields_no_findings(text: str, path: str) -> None:
    doc = parse_text(text, path=path)
    assert doc.kind is DocumentKind.OTHER
    assert [f for r in doc.reviews for f in r.findings] == []
