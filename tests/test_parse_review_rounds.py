"""LLM review rounds of other teams: per-dimension concern sections, advice lists, dimension keys, aggregates."""

from __future__ import annotations

from reviewkit.parse import parse_text

ROUND = """\
# Round 7 Review — Grok

**Reviewer:** Grok 4

## D1 Architecture: 6/10

### Gap
- The router falls back to keyword matching with no metrics (`src/graph.py:120`).

### Weakness
- Retries are unbounded in `src/llm.py`.

## D2. Testing: 5/10

### Suggestions
- Consider adding property tests.

**Aggregate:** 55/100
"""


def test_singular_concern_sections_hold_findings_and_a_suggestions_list_is_advice() -> None:
    doc = parse_text(ROUND, path="round-07-grok.md")
    [review] = doc.reviews
    assert [(f.title, f.severity) for f in review.findings] == [
        ("The router falls back to keyword matching with no metrics", None),
        ("Retries are unbounded in src/llm.py", None),
    ]
    assert [f.dimension for f in review.findings] == ["D1", "D1"]


def test_a_key_with_a_trailing_dot_and_an_aggregate_inside_the_last_dimension() -> None:
    [review] = parse_text(ROUND, path="round-07-grok.md").reviews
    assert [(d.key, d.name, d.score) for d in review.dimensions] == [("D1", "Architecture", 6), ("D2", "Testing", 5)]
    assert (review.overall_score, review.overall_scale) == (55, 100)


def test_a_tagged_suggestion_is_still_an_info_finding() -> None:
    text = ROUND.replace("- Consider adding property tests.", "- **[SUGGESTION]** Cache the parsed prompt templates")
    [review] = parse_text(text, path="round-07-grok.md").reviews
    assert ("Cache the parsed prompt templates", "info") in [
        (f.title, f.severity.value if f.severity else None) for f in review.findings
    ]
