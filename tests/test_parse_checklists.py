"""Per-feature code reviews (issue 11, family 1): ✅/⚠️/❌ check lists and "Issues found" sections."""

from __future__ import annotations

from pathlib import Path

from reviewkit.parse import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "parse" / "checklists"


def _findings(name: str) -> list[tuple[str | None, str]]:
    doc = parse_text((FIXTURES / name).read_text(encoding="utf-8"), path=name)
    return [(f.severity.value if f.severity else None, f.title) for r in doc.reviews for f in r.findings]


def test_failed_and_doubtful_checks_are_findings_passed_ones_are_not() -> None:
    assert _findings("feature-review.md") == [
        (None, "Error messages leak the SQL query in api/cart.py:88"),
        (None, "No test covers the refund path"),
        (None, "The discount is applied twice when the coupon is reused"),
        (None, "checkout/total.py:41 rounds before summing"),
    ]


def test_a_review_whose_checks_all_passed_has_no_findings() -> None:
    assert _findings("all-passed.md") == []
