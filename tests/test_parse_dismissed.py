"""Items the reviewer takes back in their own lead line (issue 11, item 2: withdrawn or "by design")."""

from __future__ import annotations

from pathlib import Path

from reviewkit.parse import parse_text

FIXTURE = Path(__file__).parent / "fixtures" / "parse" / "dismissed" / "review.md"


def test_withdrawn_and_by_design_items_are_not_findings_but_a_mention_inside_a_title_is_kept() -> None:
    doc = parse_text(FIXTURE.read_text(encoding="utf-8"), path="review.md")
    assert [f.id for r in doc.reviews for f in r.findings] == ["F-1", "F-4"]


def test_a_finding_whose_own_impact_line_says_none_is_taken_back_but_none_yet_is_not() -> None:
    from reviewkit.parse import parse_text

    text = (
        "# Review\n\n## Findings\n\n### F-1: global used for the counter (INFO)\n\nActually this is required.\n\n"
        "**Impact**: None. The implementation is correct.\n\n"
        "### F-2: splitter never runs on long files (LOW)\n\n- Impact: None currently. Larger files would trigger it.\n"
    )
    doc = parse_text(text, "r1/deepseek.md")
    assert [f.id for r in doc.reviews for f in r.findings] == ["F-2"]
