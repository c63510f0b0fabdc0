"""Finding recognizers: golden fixtures (one per format family) and unit tests of the pieces.

Goldens live beside the fixtures as ``<name>.yaml`` (pytest-regressions ``data_regression``, full
bodies and snippet text included). To rewrite them after a deliberate change, run
``pytest tests/test_parse_findings.py --force-regen`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_regressions.data_regression import DataRegressionFixture

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import Finding, Location, Severity
from reviewkit.parse.findings import BLOCK_RECOGNIZERS, FindingsResult, find_findings
from reviewkit.parse.findings.bullets import ITEM_RECOGNIZERS
from reviewkit.parse.findings.common import final_severity, is_real_id
from reviewkit.parse.findings.finalize import id_scheme
from reviewkit.parse.findings.lead import read_lead
from reviewkit.parse.findings.locations import find_locations, repo_relative
from reviewkit.parse.findings.sections import Role, dimension_of_section, role_of_section, severity_of_section
from reviewkit.parse.tree import build_sections, parse_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "parse" / "findings"
V = DEFAULT_VOCABULARY


def findings_of(text: str) -> FindingsResult:
    root = build_sections(parse_markdown(text), text.count("\n") + 1)
    return find_findings(root, V)


def dump(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "severity": finding.severity.value if finding.severity else None,
        "severity_raw": finding.severity_raw,
        "title": finding.title,
        "dimension": finding.dimension,
        "lines": [finding.line, finding.end_line],
        "locations": [[loc.path, loc.start, loc.end, loc.symbol] for loc in finding.locations],
        "body": finding.body,
        "snippets": list(finding.snippets),
    }


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.md")))
def test_fixture_matches_golden(name: str, data_regression: DataRegressionFixture) -> None:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    got = {"findings": [dump(f) for f in findings_of(text).findings]}
    data_regression.check(got, fullpath=FIXTURES / f"{name}.yaml")


def test_recognizer_order_is_declared_data() -> None:
    assert [name for name, _ in BLOCK_RECOGNIZERS] == [
        "table-rows",
        "bold-block",
        "bracket-paragraph",
        "title-runs",
        "list-items",
    ]
    assert [name for name, _ in ITEM_RECOGNIZERS] == ["multi-severity-item", "tagged-bullet", "item-under-severity"]


# ---------------------------------------------------------------- severity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CRITICAL", Severity.CRITICAL),
        ("MEDIUM -- SPOTLIGHT +1 -> HIGH", Severity.HIGH),
        ("MEDIUM -- SPOTLIGHT +1 from LOW", Severity.MEDIUM),
        ("HIGH, Spotlight RAG +1 = CRITICAL", Severity.CRITICAL),
        ("HIGH (deployment +1 from MEDIUM)", Severity.HIGH),
        ("CRITICAL (base HIGH + spotlight)", Severity.CRITICAL),
        ("HIGH + simplification bump = CRITICAL", Severity.CRITICAL),
        ("DOWNGRADED to MEDIUM", Severity.MEDIUM),
        ("MEDIUM->HIGH", Severity.HIGH),
        ("minor", Severity.LOW),
        ("Important", Severity.HIGH),
        ("P0", Severity.CRITICAL),
    ],
)
def test_final_severity(text: str, expected: Severity) -> None:
    hit = final_severity(text, V)
    assert hit is not None and hit.severity is expected


def test_final_severity_none_without_words() -> None:
    assert final_severity("N/A (positive)", V) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CRITICAL (5)", Severity.CRITICAL),
        ("Critical Issues (must fix)", Severity.CRITICAL),
        ("MAJORs (14)", Severity.HIGH),
        ("MAJOR findings: 4 (all carried from R36)", Severity.HIGH),
        ("P0 — Critical (crash, data leak)", Severity.CRITICAL),
        ("HIGH (Significant Operational Risk)", Severity.HIGH),
    ],
)
def test_severity_sections(title: str, expected: Severity) -> None:
    hit = severity_of_section(title, V)
    assert hit is not None and hit.severity is expected


@pytest.mark.parametrize(
    "title",
    ["CRITICAL: Deployment has no rollback", "Findings (CRITICAL/MAJOR/MINOR)", "CRITICAL-D1-001: x", "Findings"],
)
def test_not_severity_sections(title: str) -> None:
    assert severity_of_section(title, V) is None


def test_section_roles() -> None:
    assert role_of_section("What's Done Well") is Role.EXCLUDED
    assert role_of_section("False Positives (rejected)") is Role.EXCLUDED
    assert role_of_section("Top 3 Fixes") is Role.PRIORITIES
    assert role_of_section("Finding Summary") is Role.RECAP
    assert role_of_section("Findings") is Role.PRIMARY
    assert role_of_section("D6: Docker & DevOps — Score: 7.5") is Role.PRIMARY


def test_dimension_of_section() -> None:
    assert dimension_of_section("Dimension 3: Data Model (7/10)") == "D3"
    assert dimension_of_section("D10 Domain") == "D10"
    assert dimension_of_section("2. RAG Pipeline (6/10)") == "D2"
    assert dimension_of_section("Findings") is None


# ---------------------------------------------------------------- leads and ids


@pytest.mark.parametrize(
    ("md", "ident", "severity", "title"),
    [
        ("C-001: Cache is not locked", "C-001", None, "Cache is not locked"),
        ("Finding 3 (HIGH): Retry loop", "3", Severity.HIGH, "Retry loop"),
        ("F-001 [HIGH] Cache race", "F-001", Severity.HIGH, "Cache race"),
        ("MAJOR: M-001 — Dead code", "M-001", Severity.HIGH, "Dead code"),
        ("GPT-F1 | CRITICAL | Blind spot", "GPT-F1", Severity.CRITICAL, "Blind spot"),
        ("**[MAJOR] D1-M002**: text here", "D1-M002", Severity.HIGH, "text here"),
        ("[CRITICAL] **No timeout** — rest", None, Severity.CRITICAL, "No timeout"),
        ("**MAJOR** D4-001: Error schema", "D4-001", Severity.HIGH, "Error schema"),
        ("F1: No smoke test (HIGH)", "F1", Severity.HIGH, "No smoke test"),
        ("D1-m001 (minor): Route gap", "D1-m001", Severity.LOW, "Route gap"),
        ("C1. NaN passes (llm_judge.py:606)", "C1", None, "NaN passes"),
        ("2. [HIGH] Retry storm", None, Severity.HIGH, "Retry storm"),
    ],
)
def test_read_lead(md: str, ident: str | None, severity: Severity | None, title: str) -> None:
    lead = read_lead(md, V)
    assert lead.id == ident
    assert (lead.tag.severity if lead.tag else None) is severity
    assert lead.title == title


def test_read_lead_rejects_dimension_headings_and_words() -> None:
    assert read_lead("D1: Graph Architecture (Weight: 0.20)", V).id is None
    assert read_lead("**SHA-256** content hashing", V).id is None
    assert read_lead("FINDING 2 (NOT A BUG): unused", V).negated


@pytest.mark.parametrize("token", ["C-001", "H3", "D1-M002", "P0-F6", "DEPLOY-R8-001", "SEC-XSS-SSRF-01", "m2"])
def test_real_ids(token: str) -> None:
    assert is_real_id(token)


@pytest.mark.parametrize("token", ["R16", "FIX-3", "Step1", "python3x", "graph", "O1-O3", "F3-F9"])
def test_not_ids(token: str) -> None:
    assert not is_real_id(token)


def test_id_scheme_needs_a_clear_letter_set() -> None:
    assert id_scheme(["C-001", "H-001", "M-001", "L-001"])["M"] is Severity.MEDIUM
    assert id_scheme(["C1", "M1", "m1"])["M"] is Severity.HIGH
    assert id_scheme(["C1", "I1", "O1", "M1", "m1"]) == {}
    assert id_scheme(["F1", "F2"]) == {}


# ---------------------------------------------------------------- locations


def test_locations_in_prose() -> None:
    text = (
        "`/home/dev/projects/widget/src/rag/pipeline.py`, lines 894-972 and `src/agent/graph.py:chat_stream` "
        "then (graph.py:~250-340), `Dockerfile:61-62`, `src/a.py:320,557` and README.md line 151."
    )
    assert find_locations(text) == [
        Location(path="src/rag/pipeline.py", start=894, end=972),
        Location(path="src/agent/graph.py", symbol="chat_stream"),
        Location(path="graph.py", start=250, end=340),
        Location(path="Dockerfile", start=61, end=62),
        Location(path="src/a.py", start=320, end=320),
        Location(path="README.md", start=151, end=151),
    ]


def test_locations_ignore_non_files() -> None:
    assert find_locations("e.g. version v2.1 and 3.5 seconds") == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/u/projects/app/src/x.py", "src/x.py"),
        ("/home/u/projects/app/Dockerfile", "Dockerfile"),
        ("/srv/build/tests/test_x.py", "tests/test_x.py"),
        ("./src/x.py", "src/x.py"),
        ("src/x.py", "src/x.py"),
    ],
)
def test_repo_relative(path: str, expected: str) -> None:
    assert repo_relative(path) == expected


# ---------------------------------------------------------------- odd trees never raise


@pytest.mark.parametrize(
    "text",
    [
        "",
        "#\n\n##\n\n###",
        "| a | b |\n|---|---|\n",
        "| # | Severity | Finding |\n|---|---|---|\n| C1 |\n| | CRITICAL | x | y | z |\n",
        "### CRITICAL\n\n1.\n2. **\n\n- [\n- **[MAJOR]**\n",
        "```\n### C-001: inside an unclosed fence\n",
        "**F1: bold lead only**",
        "[HIGH]",
    ],
)
def test_odd_documents_do_not_raise(text: str) -> None:
    result = findings_of(text)
    assert isinstance(result.findings, list)


def test_unrecognised_review_warns_and_invents_nothing() -> None:
    result = findings_of("# Notes\n\nThe code looks fine overall. Nothing else to say.\n")
    assert result.findings == []
    assert [w.message for w in result.warnings] == ["no findings recognised in this review (layout not understood?)"]


def test_empty_finding_table_rows_are_skipped() -> None:
    text = "## HIGH\n\n| # | Severity | Finding |\n|---|---|---|\n| | | |\n| H1 | HIGH | Real one |\n"
    result = findings_of(text)
    assert [f.id for f in result.findings] == ["H1"]


def test_table_without_finding_column_under_severity_heading_warns() -> None:
    text = "## HIGH\n\n| # | File | Fix |\n|---|---|---|\n| H1 | `src/a.py:3` | Lock it |\n"
    result = findings_of(text)
    assert result.findings == []
    assert any("no finding/issue column" in w.message and w.line == 3 for w in result.warnings)


def test_finding_row_without_severity_or_id_warns() -> None:
    text = "## Findings\n\n| ID | Severity | Finding |\n|---|---|---|\n| | | Orphan finding text |\n"
    result = findings_of(text)
    assert result.findings == []
    assert any(w.line == 5 and "without a severity or id" in w.message for w in result.warnings)


# --- regressions found by the blind-label evaluation (benchmarks/parse_eval.py) ---


def test_leading_location_goes_to_locations_not_the_title() -> None:
    text = (
        "## Findings\n\n"
        "- **[MAJOR] D2-M001**: src/shop/auth.py:33-34 -- Token signature compared with !=\n"
        "- **MAJOR-D1-001**: `graph.py` line 247 -- `v != False` identity check\n"
    )
    found = findings_of(text).findings
    assert [f.title for f in found] == ["Token signature compared with !=", "v != False identity check"]
    assert [(f.locations[0].path, f.locations[0].start) for f in found] == [("src/shop/auth.py", 33), ("graph.py", 247)]


def test_metadata_lines_in_a_severity_list_are_not_findings() -> None:
    text = "## HIGH\n\n- Reviewer: Gemini 3 Pro\n- **Date**: 2026-02-21\n- The cache layer drops writes under load\n"
    assert [f.title for f in findings_of(text).findings] == ["The cache layer drops writes under load"]


def test_due_to_low_is_not_a_downgrade() -> None:
    text = "### MAJOR-D1-002: Mutable dicts\n\n**Severity**: MAJOR (downgraded from first view due to low risk)\n"
    assert findings_of(text).findings[0].severity is Severity.HIGH
    text = "### MAJOR-D8-002: Drift\n\nBody.\n\n**Downgraded to MINOR** upon analysis.\n"
    assert findings_of(text).findings[0].severity is Severity.LOW


def test_numbered_headings_beside_a_dash_tagged_one_are_findings() -> None:
    text = "## Missing Information\n\n### 1. Federal bill -- MAJOR GAP\n\nText.\n\n### 2. Funding round\n\nText.\n"
    found = findings_of(text).findings
    assert [(f.title, f.severity) for f in found] == [("Federal bill", Severity.HIGH), ("Funding round", None)]


def test_one_finding_under_two_id_spellings_is_counted_once() -> None:
    text = (
        "## D2 — RAG\n\n### Concerns\n- **MINOR-D2-001**: `_terms` returns one string per category.\n\n"
        "### Issues\n| ID | Severity | Description |\n|----|----------|-------------|\n"
        "| D2-m001 | MINOR | Single-match augmentation |\n| D2-m002 | MINOR | Another thing entirely |\n"
    )
    assert [f.id for f in findings_of(text).findings] == ["MINOR-D2-001", "D2-m002"]


def test_line_only_location_takes_the_file_of_its_heading() -> None:
    text = "### 4. `src/api/app.py` (810 LOC)\n\n**Finding M1 — MAJOR: 304 with body**\n- **Location**: Lines 562-575\n"
    loc = findings_of(text).findings[0].locations[0]
    assert (loc.path, loc.start, loc.end) == ("src/api/app.py", 562, 575)


def test_red_flag_list_with_one_tagged_item_keeps_its_siblings() -> None:
    text = (
        "## Red Flags\n\n* **Streaming race condition (Critical):**\n  Text.\n\n"
        "* **Memory management:**\n  Text.\n\n## Findings\n\n### C1: Something else\n"
    )
    found = findings_of(text).findings
    assert [(f.title, f.severity) for f in found][:2] == [
        ("Streaming race condition", Severity.CRITICAL),
        ("Memory management", None),
    ]


def test_product_names_ending_in_js_are_not_files() -> None:
    assert find_locations("switched from Next.js to vanilla JS in app/main.js") == [
        Location(path="app/main.js", start=None, end=None, symbol=None)
    ]


def test_praise_verdicts_in_parentheses_are_not_findings() -> None:
    text = (
        "## MINORs\n\n| ID | Description |\n|----|----|\n| D3-N002 | no reducer (last-write-wins acceptable) |\n"
        "| D1-N005 | handling verified correct (BaseException) |\n| D1-N001 | warning logged but not mitigated |\n"
    )
    assert [f.id for f in findings_of(text).findings] == ["D1-N001"]


def test_long_numeric_ids_are_recognised() -> None:
    from reviewkit.parse import parse_text

    doc = parse_text("# Review\n\n### HIGH\n\n#### H-00001: Finding in src/mod1.py:2\n\nBody.\n")
    (finding,) = doc.reviews[0].findings
    assert (finding.id, finding.severity, finding.locations[0].path) == ("H-00001", "high", "src/mod1.py")
