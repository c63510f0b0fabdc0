"""Items the reviewer takes back in their own lead line (issue 11, item 2: withdrawn or "by design")."""

from __future__ import annotations

from pathlib import Path

from reviewkit.parse import parse_text

FIXTURE = Path(__file__).parent / "fixtures" / "parse" / "dismissed" / "review.md"


def test_withdrawn_and_by_design_items_are_not_findings_but_a_mention_inside_a_title_is_kept() -> None:
    doc = parse_text(FIXTURE.read_text(encoding="utf-8"), path="review.md")
    assert [f.id for r in doc.reviews for f in r.findings] == ["F-1", "F-4"]
