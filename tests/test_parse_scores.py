"""Score recognizers: one score as written, dimension headings, score-table columns, overall labels."""

from __future__ import annotations

import pytest

from reviewkit.model import DimensionScore
from reviewkit.parse.dimensions import dimension_heading
from reviewkit.parse.overall import overall_label_value
from reviewkit.parse.score_values import ScoreValue, parse_score, scale_from_header
from reviewkit.parse.scores import find_scores
from reviewkit.parse.tree import build_sections, parse_markdown


def scores(text: str, round_: str | None = None) -> tuple[list[tuple[str | None, str, float, float]], object]:
    root = build_sections(parse_markdown(text), text.count("\n") + 1)
    found = find_scores(root, round_)
    dims = [(d.key, d.name, d.score, d.scale) for d in found.dimensions]
    overall = (found.overall.score, found.overall.with_default_scale()[1]) if found.overall else None
    return dims, overall


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6/10", ScoreValue(6, 10)),
        ("**7**", ScoreValue(7, None)),
        ("8.5", ScoreValue(8.5, None)),
        ("7.5 / 10", ScoreValue(7.5, 10)),
        ("5.5*", ScoreValue(5.5, None)),
        ("6/15", ScoreValue(6, 15)),
        ("6.5 -> 6.0", ScoreValue(6.0, None)),
        ("8.5 -> **8.8**", ScoreValue(8.8, None)),
        ("8.5 (was 6.0, +2.5)", ScoreValue(8.5, None)),
        ("6.80 / 10 (68/100)", ScoreValue(6.8, 10)),
        ("8.95 / 11.0 = 81.4 / 100 (normalized)", ScoreValue(81.4, 100)),
        ("4.65 / 6.00 = 77.5% (projected)", ScoreValue(77.5, 100)),
        ("6.835 * 10 = 68.35 -> Adjusted to 61.0 after penalty", ScoreValue(61.0, None)),
        ("—", None),
        ("+1.0", None),
        ("3/3", None),
        ("4 CRITICAL", None),
        ("9.0-9.5", None),
    ],
)
def test_parse_score(text: str, expected: ScoreValue | None) -> None:
    assert parse_score(text) == expected


def test_default_scale_inference() -> None:
    assert ScoreValue(7, None).with_default_scale() == (7, 10)
    assert ScoreValue(62, None).with_default_scale() == (62, 100)
    assert scale_from_header("score (0-10)") == 10
    assert scale_from_header("notes") is None


@pytest.mark.parametrize(
    ("title", "round_", "expected"),
    [
        ("Dimension 1: Graph Architecture (7/10)", None, (None, "Graph Architecture", ScoreValue(7, 10))),
        ("1. Graph Architecture — 9/10", None, (None, "Graph Architecture", ScoreValue(9, 10))),
        ("D6: Docker & DevOps (weight 0.10) — Score: 6.5/10", None, ("D6", "Docker & DevOps", ScoreValue(6.5, 10))),
        ("D5 Testing Strategy — Score: 6.5 -> 6.0", None, ("D5", "Testing Strategy", ScoreValue(6.0, None))),
        (
            "D1: Graph/Agent Architecture — 8.5 (was 6.0, +2.5)",
            None,
            ("D1", "Graph/Agent Architecture", ScoreValue(8.5, None)),
        ),
        ("D1 Graph Architecture (weight 0.20): 9.5", None, ("D1", "Graph Architecture", ScoreValue(9.5, None))),
        (
            "1) Graph/Agent Architecture (R2: 8, Delta +1.0)",
            "R2",
            (None, "Graph/Agent Architecture", ScoreValue(8, None)),
        ),
        ("Dimension 1: Graph Architecture (R38: 7.5)", "R39", (None, "Graph Architecture", None)),
        (
            "B3: Information Gathering & Profile Building — 4/10",
            None,
            ("B3", "Information Gathering & Profile Building", ScoreValue(4, 10)),
        ),
        ("2. Consensus fix (3/3 agree)", None, (None, "Consensus fix", None)),
    ],
)
def test_dimension_heading(title: str, round_: str | None, expected: object) -> None:
    assert dimension_heading(title, round_) == expected


@pytest.mark.parametrize("title", ["D1-C001: Specialist overwrite", "Finding 1 (CRITICAL): x", "CRITICAL (5)"])
def test_finding_headings_are_not_dimensions(title: str) -> None:
    assert dimension_heading(title, None) is None


@pytest.mark.parametrize(
    ("line", "round_", "expected"),
    [
        ("**Overall Score: 70/100**", None, ScoreValue(70, 100)),
        ("Total Score: 65 / 100 (Average: 6.5 / 10)", None, ScoreValue(65, 100)),
        ("R53 Weighted Consensus Score: 9.19 / 10 (R52 was ~6.77)", "R53", ScoreValue(9.19, 10)),
        ("R36 score: 84.5/100", "R37", None),
        ("Previous Score: 72 (R15)", None, None),
        ("Grok Reason Score: 7/10 (deduction)", None, None),
        ("Score: 7", None, None),
        ("Score: 61/100", None, ScoreValue(61, 100)),
        ("Total findings: 12", None, None),
        ("Total: 4 CRITICAL", None, None),
        ("Overall protocol rating: 2.5 / 10", None, ScoreValue(2.5, 10)),
        ("Overall code quality score: 81/100", None, ScoreValue(81, 100)),
        ("Overall findings: 12", None, None),
        ("Aggregate: 65/100", None, ScoreValue(65, 100)),
        ("Overall Assessment: 7/10", None, ScoreValue(7, 10)),
        ("Rating: ⭐⭐⭐⭐☆ (4/5)", None, ScoreValue(4, 5)),
        ("Overall Assessment: approve with changes", None, None),
        ("Code Quality Subtotal: 34.0/40", None, None),
    ],
)
def test_overall_label_value(line: str, round_: str | None, expected: ScoreValue | None) -> None:
    assert overall_label_value(line, round_) == expected


def test_multi_reviewer_table_uses_its_consensus_column() -> None:
    text = (
        "| Dim | Gemini | GPT-5.2 | Consensus (median) | R70 Baseline | Delta |\n|---|---|---|---|---|---|\n"
        "| B1 Sarcasm | 6.0 | 6.0 | **6.0** | 4.0 | +2.0 |\n| B2 Implicit | 8.5 | 6.0 | **7.25** | 3.0 | +4.25 |\n"
    )
    dims, _ = scores(text)
    assert dims == [("B1", "Sarcasm", 6.0, 10), ("B2", "Implicit", 7.25, 10)]


def test_a_rating_column_makes_the_first_column_the_rated_names() -> None:
    text = "| Contract | Rating | Notes |\n|---|---:|---|\n| `vault` | 3/10 | unsafe |\n| `gov` | 1/10 | worse |\n"
    dims, _ = scores(text)
    assert dims == [(None, "vault", 3.0, 10), (None, "gov", 1.0, 10)]


def test_a_total_row_closing_a_score_block_in_a_code_fence_is_the_overall() -> None:
    text = "```\nSecurity      6/10\nTesting       8/10\n-----------------\nTOTAL        70/100\n```\n"
    _, overall = scores(text)
    assert overall == (70, 100)


def test_plain_items_under_a_scores_heading_are_dimensions_but_round_history_is_not() -> None:
    dims, _ = scores("## Scores\n\n- Security: 6/10\n- Testing: 8/10\n- R4: 7/10\n\n## Notes\n\n- Speed: 3/10\n")
    assert dims == [(None, "Security", 6.0, 10), (None, "Testing", 8.0, 10)]


def test_a_column_of_scores_on_their_scale_rates_the_first_column_whatever_the_header_language() -> None:
    text = (
        "| Метрика | Оценка | Вердикт |\n|---|---|---|\n| **Overall** | **7.5/10** | MVP |\n"
        "| Architecture | 8/10 | clean |\n| Backend | 7/10 | ok |\n"
    )
    dims, overall = scores(text)
    assert dims == [(None, "Architecture", 8.0, 10), (None, "Backend", 7.0, 10)] and overall == (7.5, 10)


def test_coverage_percentages_and_counts_by_severity_are_not_scores() -> None:
    text = (
        "| Module | Coverage |\n|---|---|\n| `a.py` | 56% |\n| `b.py` | 76% |\n\n"
        "| Category | Existing | New |\n|---|---|---|\n| Critical | 5 | 4 |\n| High | 8 | 6 |\n"
        "| **Total** | **13** | **10** |\n"
    )
    assert scores(text) == ([], None)


def test_a_partial_subtotal_is_not_the_overall() -> None:
    text = "## Dimension 1: API (8/10)\n\n## Dimension 2: RAG (7/10)\n\n## Code Quality Subtotal: 15/20\n"
    dims, overall = scores(text)
    assert len(dims) == 2 and overall is None


def test_history_tables_and_severity_counts_are_not_dimensions() -> None:
    text = (
        "## Score Trajectory\n\n| Dimension | R1 | R2 |\n|---|---|---|\n| API | 5 | 6 |\n| RAG | 4 | 5 |\n\n"
        "## Counts\n\n| Severity | Count |\n|---|---|\n| CRITICAL | 0 |\n| MAJOR | 3 |\n"
    )
    dims, overall = scores(text)
    assert dims == []
    assert overall is None


def test_max_column_gives_the_scale() -> None:
    text = (
        "| Dimension | Score | Max | Evidence |\n|---|---|---|---|\n"
        "| Docker | 7.5 | /8 | x |\n| Guardrails | 11 | /12 | y |\n"
    )
    dims, _ = scores(text)
    assert dims == [(None, "Docker", 7.5, 8), (None, "Guardrails", 11, 12)]


def test_first_labelled_overall_beats_the_total_row() -> None:
    text = (
        "**Final Score: 62/100** (+7.7 from R7)\n\n| # | Dimension | Score |\n|---|---|---|\n"
        "| 1 | Docker | 6 |\n| 2 | Health | 7 |\n| | **TOTAL** | **63/100** |\n"
    )
    _, overall = scores(text)
    assert overall == (62, 100)


def test_total_row_in_a_shifted_column() -> None:
    text = (
        "| # | Dimension | Score | Notes |\n|---|---|---|---|\n"
        "| 1 | API | 6 | a |\n| 2 | RAG | 5 | b |\n| **Total** | | **59** | |\n"
    )
    _, overall = scores(text)
    assert overall == (59, 100)


def test_score_lines_in_dimension_sections_are_not_the_overall() -> None:
    text = "# R35 Review\n\n## Dimension 1: Graph (weight 0.20)\n\n**Score: 8.5 / 10** (R34: 8.0)\n"
    dims, overall = scores(text, "R35")
    assert dims == [(None, "Graph", 8.5, 10)]
    assert overall is None


def test_bold_dimension_lines() -> None:
    text = "**D1 (7.0)**: Architecture is fine.\n\n**D2: 9.8** -- great\n\n**D3: 6.0/10** — regression\n"
    dims, _ = scores(text)
    assert dims == [("D1", "D1", 7.0, 10), ("D2", "D2", 9.8, 10), ("D3", "D3", 6.0, 10)]


def test_dimension_scores_are_models() -> None:
    text = "| Dim | Name | Score |\n|---|---|---|\n| D1 | Graph | 9 |\n| D2 | RAG | 8 |\n"
    root = build_sections(parse_markdown(text), 5)
    assert find_scores(root, None).dimensions[0] == DimensionScore(key="D1", name="Graph", score=9, scale=10)


def test_named_score_lines_as_a_last_resort() -> None:
    text = "## Scores\n\n- **Graph Architecture**: 8/10 — solid\n- **RAG Pipeline**: 6.5/10\n- **Overall**: 7/10\n"
    dims, overall = scores(text)
    assert dims == [(None, "Graph Architecture", 8, 10), (None, "RAG Pipeline", 6.5, 10)]
    assert overall == (7, 10)


def test_named_score_headings_need_two_and_an_explicit_scale() -> None:
    dims, _ = scores("### Graph Architecture — 8/10\n\n### RAG Pipeline (6/10)\n")
    assert dims == [(None, "Graph Architecture", 8, 10), (None, "RAG Pipeline", 6, 10)]
    assert scores("### Graph Architecture — 8/10\n")[0] == []
    assert scores("### Retry storm — 3 of 10 calls\n\n### Cache — 8\n")[0] == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Overall Rating — 72/100", ScoreValue(72, 100)),
        ("Overall Score (7.5/10)", ScoreValue(7.5, 10)),
        ("Final Grade: 8/10", ScoreValue(8, 10)),
    ],
)
def test_overall_label_separators_and_words(line: str, expected: ScoreValue) -> None:
    assert overall_label_value(line, None) == expected


def test_a_single_reviewer_column_is_a_score_column() -> None:
    text = "| Dimension | Gemini Score | Notes |\n|---|---|---|\n| API | 7 | a |\n| RAG | 8 | b |\n"
    dims, _ = scores(text)
    assert dims == [(None, "API", 7, 10), (None, "RAG", 8, 10)]


def test_a_numbered_verdict_section_is_not_a_dimension() -> None:
    _, overall = scores("## 5. Docker (8/10)\n\n## 6. Overall Verdict\n\n**Score: 92/100**\n")
    assert overall == (92, 100)


def test_a_before_after_table_rates_with_its_after_column_and_a_projection_never() -> None:
    table = """\
| Category | Before | After | Improvement |
|----------|--------|-------|-------------|
| Security | 8.5/10 | **9.5/10** | +1.0 |
| Testing | 6.5/10 | **9.0/10** | +2.5 |
"""
    dims, _ = scores(table)
    assert [(name, score) for _, name, score, _ in dims] == [("Security", 9.5), ("Testing", 9.0)]
    projected = table.replace("| After |", "| After (projected) |")
    dims, _ = scores(projected)
    assert [(name, score) for _, name, score, _ in dims] == [("Security", 8.5), ("Testing", 6.5)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("### 总体评分：8.5/10", ScoreValue(8.5, 10)),
        ("**総合評価**: 7/10", ScoreValue(7, 10)),
        ("종합 점수: 82/100", ScoreValue(82, 100)),
        ("### 代码质量：8.5/10", None),  # one dimension's line, not the overall
    ],
)
def test_overall_labels_in_other_scripts(line: str, expected: ScoreValue | None) -> None:
    assert overall_label_value(line.lstrip("#* ").replace("**", ""), None) == expected
