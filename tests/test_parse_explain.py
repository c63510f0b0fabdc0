"""``reviewkit parse --explain`` (issue 11, item 4) and the warning for a review-like document without findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.cli import main
from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import DocumentKind
from reviewkit.parse import parse_text
from reviewkit.parse.explain import explain, render
from reviewkit.parse.lookalike import finding_like_lines
from reviewkit.sources import source_from_bytes

AUDIT = Path(__file__).parent / "fixtures" / "parse" / "audits" / "security-audit.md"


def test_explain_names_each_findings_recognizer_lines_and_the_kind_signals() -> None:
    ex = explain(source_from_bytes("audit.md", AUDIT.read_bytes()))
    assert ex.document.kind is DocumentKind.REVIEW
    assert [(e.finding.id, e.recognizer, e.finding.line) for e in ex.findings] == [
        ("H-01", "heading", 12),
        ("H-02", "heading", 16),
        ("M-01", "heading", 22),
    ]
    votes = dict(ex.signals)
    assert votes["title-words"][DocumentKind.REVIEW] > 0
    text = render(ex)
    assert text.splitlines()[0] == "audit.md: kind review"
    assert "lines 12-15  heading" in text and "signal title-words" in text and "3 findings" in text


UNREAD = """# Sprint notes

Some words first.

> CRITICAL C-7 the cache at src/cache.py:40 is shared
> HIGH C-8 no retry around src/net.py:12

Nothing else.
"""


def test_a_document_that_looks_like_a_review_but_yields_nothing_names_those_lines() -> None:
    assert finding_like_lines(UNREAD, DEFAULT_VOCABULARY) == [5, 6]
    doc = parse_text(UNREAD, path="notes.md")
    assert not [f for r in doc.reviews for f in r.findings]
    assert any("looks like a review" in w.message and "lines 5, 6" in w.message for w in doc.warnings), doc.warnings


def test_a_plain_document_gets_no_lookalike_warning() -> None:
    doc = parse_text("# Plan\n\nWe will ship the high road in May.\n", path="plan.md")
    assert not any("looks like a review" in w.message for w in doc.warnings)


def test_cli_parse_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--explain", str(AUDIT)]) == 0
    out = capsys.readouterr().out
    assert "security-audit.md: kind review" in out and "H-02" in out and "heading" in out
