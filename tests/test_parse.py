"""The document parser end to end: golden structure facts per score/metadata layout family, bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from reviewkit.model import Document, DocumentKind
from reviewkit.parse import parse_document, parse_paths, parse_text
from reviewkit.sources import source_from_bytes

from .conftest import FIXTURES

STRUCTURE = FIXTURES / "parse" / "structure"
CASES = sorted(p.stem for p in STRUCTURE.glob("*.md"))


def structure_facts(doc: Document) -> dict[str, Any]:
    """The facts a golden file pins: kind, and per review its metadata, overall and dimensions."""
    return {
        "kind": doc.kind.value,
        "reviews": [
            {
                "reviewer": r.reviewer,
                "round": r.round,
                "commit": r.commit,
                "date": r.date.isoformat() if r.date else None,
                "overall": [r.overall_score, r.overall_scale] if r.overall_score is not None else None,
                "dimensions": [[d.key, d.name, d.score, d.scale] for d in r.dimensions],
            }
            for r in doc.reviews
        ],
    }


@pytest.mark.parametrize("name", CASES)
def test_structure_golden(name: str) -> None:
    text = (STRUCTURE / f"{name}.md").read_text(encoding="utf-8")
    expected = yaml.safe_load((STRUCTURE / f"{name}.yaml").read_text(encoding="utf-8"))
    doc = parse_text(text, path=f"{name}.md")
    assert structure_facts(doc) == expected


def test_every_fixture_has_a_golden() -> None:
    assert CASES, "no structure fixtures found"
    for name in CASES:
        assert (STRUCTURE / f"{name}.yaml").is_file(), name


def test_parse_text_keeps_path_and_hash() -> None:
    doc = parse_text("# R1 Review\n\n**Reviewer**: Grok 4\n", path="r1/grok.md")
    assert doc.path == "r1/grok.md"
    assert len(doc.sha256) == 64
    assert doc.reviews[0].reviewer == "Grok 4"


def test_parse_paths_makes_paths_relative_to_the_folder(tmp_path: Path) -> None:
    (tmp_path / "round-1").mkdir()
    (tmp_path / "round-1" / "gemini.md").write_text("# Round 1 Review — Gemini\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not markdown", encoding="utf-8")
    docs = parse_paths([tmp_path])
    assert [d.path for d in docs] == ["round-1/gemini.md"]


def test_fix_summary_has_no_reviews() -> None:
    text = "# Round 3 Fix Summary\n\n## Fixes Applied (2/2)\n\n1. **Refund check** fixed.\n"
    doc = parse_text(text, path="summary.md")
    assert doc.kind is DocumentKind.FIX_SUMMARY
    assert doc.reviews == ()


# ------------------------------------------------------------------ bad input (issue item 5)


def _messages(doc: Document) -> str:
    return " | ".join(w.message for w in doc.warnings)


def test_binary_file_is_a_warning() -> None:
    doc = parse_document(source_from_bytes("img.md", b"\x89PNG\r\n\x00\x00\x00IHDR"))
    assert "binary" in _messages(doc)
    assert doc.reviews == ()


def test_invalid_utf8_is_a_warning_and_the_rest_parses() -> None:
    data = "# Round 5 Review — Grok 4\n\n**Overall Score: 61/100**\n\nbad: ".encode() + b"\xff\xfe\n"
    doc = parse_document(source_from_bytes("grok.md", data))
    assert "invalid UTF-8 at line 5" in _messages(doc)
    assert doc.reviews[0].overall_score == 61


def test_empty_file_is_a_warning() -> None:
    doc = parse_text("", path="empty.md")
    assert doc.warnings and "empty" in doc.warnings[0].message
    assert doc.kind is DocumentKind.OTHER


def test_unclosed_fence_is_a_warning_naming_its_line() -> None:
    text = "# R2 Review — Gemini\n\n**Overall Score: 80/100**\n\n```python\nx = 1\n"
    doc = parse_text(text, path="gemini.md")
    warning = next(w for w in doc.warnings if "never closed" in w.message)
    assert warning.line == 5
    assert doc.reviews[0].overall_score == 80


def test_ragged_table_is_a_warning_naming_the_row() -> None:
    text = (
        "# R2 Review — Gemini\n\n| # | Dimension | Score |\n|---|---|---|\n"
        "| 1 | API | 7/10 | extra |\n| 2 | RAG | 6/10 |\n"
    )
    doc = parse_text(text, path="gemini.md")
    warning = next(w for w in doc.warnings if "cells" in w.message)
    assert warning.line == 5
    assert doc.reviews[0].dimensions[0].score == 7


def test_a_document_that_is_not_a_review_is_a_warning() -> None:
    doc = parse_text("# Shopping list\n\n- milk\n- eggs\n", path="list.md")
    assert doc.kind is DocumentKind.OTHER
    assert "not a review" in _messages(doc)


def test_oversized_file_is_cut_with_a_warning() -> None:
    head = "# R7 Review — Grok 4\n\n**Overall Score: 44/100**\n\n"
    data = (head + ("filler " * 150 + "\n\n") * 20_000).encode()
    assert len(data) > 20 * 1024 * 1024
    doc = parse_document(source_from_bytes("big.md", data))
    assert "larger than" in _messages(doc)
    assert doc.reviews[0].overall_score == 44


TWO_FINDINGS = """# Review

**Reviewer**: Grok

## Findings

### C-001: Boom heading trips a recognizer
`src/a.py:3` fails.

### H-002: Cache never expires
`src/b.py:9` grows.
"""


def _trip_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewkit.parse.findings as findings

    real = findings.recognize_heading

    def tripping(section, *args):  # type: ignore[no-untyped-def]
        if "Boom" in section.title:
            raise RuntimeError("recognizer bug")
        return real(section, *args)

    monkeypatch.setattr(findings, "recognize_heading", tripping)


def test_a_recognizer_bug_costs_one_finding_not_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    # RK-013: one failing recognizer used to drop every review of the document
    monkeypatch.delenv("REVIEWKIT_STRICT")
    _trip_on_boom(monkeypatch)
    doc = parse_text(TWO_FINDINGS, "r1/grok.md")
    (review,) = doc.reviews
    assert [f.id for f in review.findings] == ["H-002"]
    (failed,) = [w for w in doc.warnings if w.failed]
    assert failed.line == 7 and "heading recognizer failed (RuntimeError: recognizer bug)" in failed.message
    assert doc.degraded


def test_strict_mode_re_raises_recognizer_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWKIT_STRICT", "1")
    _trip_on_boom(monkeypatch)
    with pytest.raises(RuntimeError, match="recognizer bug"):
        parse_text(TWO_FINDINGS, "r1/grok.md")


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("#### H-001: power 2**10 overflows", "power 2**10 overflows"),
        ("#### H-002: Escaped \\*args are dropped", "Escaped *args are dropped"),
        ("#### H-003: **Bold** title with `code` and [a link](x.md)", "Bold title with code and a link"),
    ],
)
def test_titles_read_inline_markdown_as_commonmark_does(heading: str, title: str) -> None:
    # RK-010: hand-written stripping turned `2**10` into `210` and kept the backslash of `\*args`
    doc = parse_text(f"# Review\n\n## Findings\n\n### HIGH\n\n{heading}\n`src/a.py:3` overflows.\n", "r1/grok.md")
    (finding,) = doc.reviews[0].findings
    assert finding.title == title


def test_a_severity_section_beats_the_guess_that_c_ids_mean_critical() -> None:
    under_high = "# Review\n\n## Findings\n\n### HIGH\n\n#### C-001: Cache never expires\n`a.py:3`\n"
    (finding,) = parse_text(under_high, "r1/grok.md").reviews[0].findings
    assert finding.severity is not None and finding.severity.value == "high"
    no_section = "# Review\n\n## Findings\n\n#### C-001: Cache never expires\n`a.py:3`\n"
    (finding,) = parse_text(no_section, "r1/grok.md").reviews[0].findings
    assert finding.severity is not None and finding.severity.value == "critical"
