"""Review layouts of other projects (issue 11): each rule with an inline document that needs it."""

from __future__ import annotations

from reviewkit.model import DocumentKind, Severity
from reviewkit.parse import parse_text


def _findings(text: str, path: str = "doc.md") -> list[tuple[str | None, Severity | None, str]]:
    doc = parse_text(text, path)
    return [(f.id, f.severity, f.title) for r in doc.reviews for f in r.findings]


FIX_SUMMARY = """# Bug Fixes Summary

## Fixed Bugs

### Critical Severity (2 bugs) ✅

#### BUG-001: Event handler leak in the client

**File:** `src/client.cs:40`

#### BUG-002: Race on cache replacement

**File:** `src/cache.cs:12`

## Fixes Applied

| Bug | Fix |
|-----|-----|
| BUG-001 | unsubscribe in Dispose |
"""


def test_a_fix_summary_yields_the_findings_it_describes_one_by_one() -> None:
    doc = parse_text(FIX_SUMMARY, "BUG_FIXES_SUMMARY.md")
    assert doc.kind is DocumentKind.FIX_SUMMARY
    assert _findings(FIX_SUMMARY, "BUG_FIXES_SUMMARY.md") == [
        ("BUG-001", Severity.CRITICAL, "Event handler leak in the client"),
        ("BUG-002", Severity.CRITICAL, "Race on cache replacement"),
    ]


def test_a_fix_summary_without_described_findings_yields_no_review() -> None:
    text = "# Fix Summary\n\n## Fixes Applied\n\n| # | Fix |\n|---|---|\n| 1 | renamed `x` |\n"
    assert parse_text(text, "summary.md").reviews == ()


def test_emoji_and_fix_words_in_a_severity_section_heading() -> None:
    text = "# Review\n\n## ✅ Medium Severity Fixes\n\n### PERF-6: Redundant locks\n\nBody.\n"
    assert _findings(text) == [("PERF-6", Severity.MEDIUM, "Redundant locks")]
