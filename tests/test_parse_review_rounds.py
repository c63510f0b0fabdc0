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


def test_a_recommendations_heading_is_a_priorities_list_not_praise() -> None:
    from reviewkit.parse.findings.sections import Role, role_of_section

    assert role_of_section("Recommendations") is Role.PRIORITIES
    assert role_of_section("Commendations") is Role.EXCLUDED


RECOMMENDATIONS = """\
# Gemini Code Review

## Recommendations

### 1. Add Foreign Key Support

**Observation:**

The DAG `migration.py` never creates foreign keys in the target database.

**Recommendation:**

Add a `create_foreign_keys` task.

### 2. Improve Test Coverage

**Observation:** ✅ No gaps: every module of `pg_migration` is tested.

**Recommendation:** Keep it so.
"""


def test_a_heading_split_into_observation_and_recommendation_is_one_finding() -> None:
    [review] = parse_text(RECOMMENDATIONS, path="GEMINI_REVIEW.md").reviews
    assert [(f.id, f.title) for f in review.findings] == [("1", "Add Foreign Key Support")]


BOT_REVIEW = """\
# Sourcery Review Analysis

## Individual Comments

### Comment #1

**Location**: `tests/integration/generation-success.bats:63`

**Type**: suggestion (testing)

**Description**: Current generation tests all set INIT_GIT false. Please add a test for true.

## Priority Matrix Assessment

### Priority Levels
- 🔴 **CRITICAL**: Security, stability, or core functionality issues
- 🟠 **HIGH**: Bug risks or significant maintainability issues
- 🟡 **MEDIUM**: Code quality and maintainability improvements
"""


def test_a_numbered_comment_heading_is_a_finding_titled_by_its_description_and_a_legend_is_none() -> None:
    [review] = parse_text(BOT_REVIEW, path="pr29.md").reviews
    [finding] = review.findings
    assert (finding.id, finding.title) == ("1", "Current generation tests all set INIT_GIT false")
    assert [(loc.path, loc.start) for loc in finding.locations] == [("tests/integration/generation-success.bats", 63)]


def test_a_table_whose_finding_cells_open_with_ids_holds_findings_and_a_not_applicable_section_none() -> None:
    text = """\
# V1 Build Review Synthesis

## Accepted Findings And Fixes

| Finding | Disposition | Fix |
|---------|-------------|-----|
| F001: Non-accept verdicts complete the gate | accepted, fixed | route through `record_verdict` |
| C002/G001: Artifact versions lack metadata | accepted, deferred | carry forward |

## Findings Not Applicable Here

| Finding | Reason |
|---------|--------|
| **CLN-006** — Missing trimming | Python already trims |
| **CLN-003** — Negative length | already validated |
"""
    doc = parse_text(text, path="SYNTHESIS.md")
    assert [(f.id, f.title) for r in doc.reviews for f in r.findings] == [
        ("F001", "Non-accept verdicts complete the gate"),
        ("C002/G001", "Artifact versions lack metadata"),
    ]


ARCHITECTURE_REVIEW = """\
# Architecture review against the data-liberation skill

Reviewer: Brian Keegan + Claude

This document audits the repo against that template and proposes tiered changes.

## What's missing or below-the-bar

### Tier 1 — high value, low effort

**T1.1 — Rename `AGENT.md` → `AGENTS.md` (plural).** The skill's template uses `AGENTS.md`.

**T1.2 — Add a reject port.** Four of five parsers `dropna()` silently in `boco_panel.py`.
"""


def test_a_review_against_a_template_is_a_review_and_dotted_ids_lead_its_findings() -> None:
    doc = parse_text(ARCHITECTURE_REVIEW, path="docs/architecture-review.md")
    assert doc.kind.value == "review"
    assert [(f.id, f.title) for r in doc.reviews for f in r.findings] == [
        ("T1.1", "Rename AGENT.md → AGENTS.md (plural)"),
        ("T1.2", "Add a reject port"),
    ]


def test_a_metrics_table_with_an_overall_score_row_is_a_score_table() -> None:
    text = """\
# Rapport d'audit final

**Score global**: 100.0% (EXCELLENT)

| Métrique | Valeur | Status |
|----------|--------|--------|
| Score Global | 100% | ✅ PARFAIT |
| Structure | 90% | ✅ EXCELLENTE |
| Tests | 80% | ✅ EXHAUSTIFS |

| Filepath | nSLOC |
| --- | --- |
| src/Pool.sol | 35 |
| **Total** | **350** |
"""
    [review] = parse_text(text, path="RAPPORT_AUDIT_FINAL.md").reviews
    assert [(d.name, d.score, d.scale) for d in review.dimensions] == [("Structure", 90, 100), ("Tests", 80, 100)]
    assert (review.overall_score, review.overall_scale) == (100, 100)


def test_a_check_that_earlier_findings_were_resolved_raises_none() -> None:
    text = """\
# V1 Build Review — Claude

## Findings

### C001 [P2] Build synthesis document is stale

- **File:** `docs/SYNTHESIS.md`

## Codex Finding Resolution Check

- **F001: Non-accept verdicts still complete the gate** → **resolved**
- **F002: Build review did not use independent reviewers** → **resolved**
"""
    doc = parse_text(text, path="REVIEW_claude.md")
    assert [(f.id, f.title) for r in doc.reviews for f in r.findings] == [("C001", "Build synthesis document is stale")]


def test_minor_issues_and_suggestions_is_a_minor_section() -> None:
    text = """\
# Code Review: Self-Healing Infrastructure

## Minor Issues & Suggestions

1.  **Environment Detection:** The `detect_environment` logic should cache its result.
2.  **Type Safety:** `TestResult.failed_tests` defaults to `None` but is set to `[]` later.
"""
    doc = parse_text(text, path="REVIEW.md")
    got = [(f.title, f.severity.value if f.severity else None) for r in doc.reviews for f in r.findings]
    assert got == [("Environment Detection", "low"), ("Type Safety", "low")]


def test_an_issue_numbered_within_its_section_keeps_the_whole_number() -> None:
    text = (
        "# Code Review\n\n## Detailed Findings\n\n#### Issue 4.1: Validation Rules Duplicated in Validator\n\nText.\n"
    )
    doc = parse_text(text, path="review.md")
    assert [(f.id, f.title) for r in doc.reviews for f in r.findings] == [
        ("4.1", "Validation Rules Duplicated in Validator")
    ]


def test_a_recommendations_list_alone_is_advice_but_written_up_items_under_it_are_findings() -> None:
    advice = (
        "# Code Review\n\nThe code is fine overall.\n\n## Recommendations\n\n"
        "- Add more tests for the parser\n- Document the config file\n"
    )
    assert [f for r in parse_text(advice, path="review.md").reviews for f in r.findings] == []
    [review] = parse_text(RECOMMENDATIONS, path="GEMINI_REVIEW.md").reviews
    assert [f.title for f in review.findings] == ["Add Foreign Key Support"]


def test_key_findings_topic_subsections_hold_findings_and_qa_opening_a_sentence_is_no_tag() -> None:
    text = """\
# Tribe UI Review

## Key findings
### Global navigation and layout
- **Right pane secondary modules still vary.** Quick stats keep the older `px-4` padding.

## Recommended next steps
1. QA the navigation tokens against dark-mode experiments.
"""
    doc = parse_text(text, path="ui-review.md")
    got = [(f.title, f.severity) for r in doc.reviews for f in r.findings]
    assert got == [("Right pane secondary modules still vary", None)]


def test_a_numbered_heading_rated_at_its_end_beats_its_section_and_a_health_score_is_the_overall() -> None:
    text = """\
# CODEBASE ANALYSIS - KEY FINDINGS SUMMARY

## ARCHITECTURE HEALTH SCORE: 7.2/10

## CRITICAL FINDINGS (Immediate Attention)

### 1. GOD OBJECTS IN UI LAYER - HIGH PRIORITY

`definition_generator_tab.py` holds 2,400 lines.

### 2. LARGE REPOSITORY FILE - MEDIUM PRIORITY

`definitie_repository.py` mixes queries and caching.
"""
    [review] = parse_text(text, path="CODEBASE_FINDINGS_SUMMARY.md").reviews
    assert [(f.title, f.severity.value if f.severity else None) for f in review.findings] == [
        ("GOD OBJECTS IN UI LAYER", "high"),
        ("LARGE REPOSITORY FILE", "medium"),
    ]
    assert (review.overall_score, review.overall_scale) == (7.2, 10)


def test_a_heading_opening_with_a_passed_verdict_is_no_finding() -> None:
    text = """\
# Phase 4 QA Report

## Findings

### ADR-001: Schema-per-Service Pattern
✅ **PASS** - Service uses the `data_retention` schema exclusively.

### BUG-7: Migration drops the audit table
**Severity**: HIGH

`migrations/004.sql` drops `audit_log` without a backup.
"""
    doc = parse_text(text, path="QA-REPORT.md")
    assert [f.id for r in doc.reviews for f in r.findings] == ["BUG-7"]


def test_a_heading_naming_a_range_of_issues_groups_the_findings_listed_under_it() -> None:
    text = """\
# Code Audit Report

## 🟡 MEDIUM PRIORITY ISSUES

### ISSUE 26-35: Documentation & Configuration Issues
1. **Candidate Model Too Large** (220 lines) - Consider normalization
2. **50+ TODO Comments** - Need tracking in GitHub issues
"""
    doc = parse_text(text, path="AUDIT_REPORT.md")
    got = [(f.title, f.severity.value if f.severity else None) for r in doc.reviews for f in r.findings]
    assert got == [("Candidate Model Too Large", "medium"), ("50+ TODO Comments", "medium")]


def test_a_review_that_found_nothing_yields_no_finding_and_no_warning() -> None:
    doc = parse_text("# Review of PR 12\n\nNo issues found. LGTM.\n", path="pr12.md")
    assert [f for r in doc.reviews for f in r.findings] == []
    assert not any("no findings recognised" in w.message for w in doc.warnings)
    unknown = parse_text("# Review of PR 13\n\nSome layout we do not read: CRITICAL x.py:3\n", path="pr13.md")
    assert any("no findings recognised" in w.message for w in unknown.warnings)
