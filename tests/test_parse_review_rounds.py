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


SCORECARD = """\
# Code Quality Assessment Report

## Executive Summary

**Critical Issues:**
- ❌ Large files with high complexity (1,200+ lines)

## 1. Code Organization & Architecture

### Score: 7/10

#### Issues:

**🔴 CRITICAL: Large files with high complexity**
- `engine.py`: 1,213 lines

**Recommendation:**
1. Split the engine by concern

**🟡 MODERATE: Inconsistent module imports**
```python
# enhanced_engine.py:18-26
sys.path.append("src")
```
"""


def test_a_scorecards_bold_findings_beat_the_summary_list_that_repeats_them() -> None:
    [review] = parse_text(SCORECARD, path="CODE_QUALITY_REPORT.md").reviews
    got = [(f.title, f.severity.value if f.severity else None, f.line) for f in review.findings]
    assert got == [
        ("Large files with high complexity", "critical", 14),
        ("Inconsistent module imports", "medium", 20),
    ]


def test_a_code_blocks_comment_caption_is_the_findings_location_and_include_lines_are_not() -> None:
    [review] = parse_text(SCORECARD, path="CODE_QUALITY_REPORT.md").reviews
    loc = review.findings[1].locations[0]
    assert (loc.path, loc.start, loc.end) == ("enhanced_engine.py", 18, 26)
    text = SCORECARD.replace("# enhanced_engine.py:18-26", "#include <engine/core.hpp>")
    [review] = parse_text(text, path="CODE_QUALITY_REPORT.md").reviews
    assert review.findings[1].locations == ()
