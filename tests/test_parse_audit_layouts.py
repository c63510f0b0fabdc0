"""Security audit and bug audit layouts (issue 11): one tiny document per rule."""

from __future__ import annotations

from reviewkit.parse import parse_text


def _findings(text: str) -> list[tuple[str | None, str | None, str]]:
    doc = parse_text(text, path="audit.md")
    return [(f.id, f.severity.value if f.severity else None, f.title) for r in doc.reviews for f in r.findings]


def test_findings_under_a_recommendations_section_are_not_praise() -> None:
    # "Recommendations" contains "commend" (praise): it names the audit's findings section, not a commendation
    text = (
        "# Token Contract Audit\n\n## Recommendations\n\n### Moderate\n\n"
        "**M1: Sale.sol [80]** - There is an unchecked overflow possible here.\n\n"
        "### Low\n\n**L1: Sale.sol [205]** - The destroy() function can only be called by the owner.\n"
    )
    assert [(i, s) for i, s, _ in _findings(text)] == [("M1", "medium"), ("L1", "low")]


def test_a_commendations_section_is_still_praise() -> None:
    text = "# Review\n\n## Commendations\n\n**H1: Clean code** - well done.\n\n## Issues\n\n**H2: Bad** - a bug.\n"
    assert [i for i, _, _ in _findings(text)] == ["H2"]
