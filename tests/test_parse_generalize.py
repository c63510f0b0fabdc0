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


ONE_FINDING_FILE = """# Public key pinning fails open

## Classification

security_control_failure, high severity, certain confidence.

## Affected Locations

`src/config2setopts.c:359-364` (`ssl_setopts`)

## Summary

The pin is only warned about.

## Proof

The code warns and continues.

## Recommendation

Fail closed.
"""


def test_a_document_split_into_one_findings_parts_is_that_finding() -> None:
    doc = parse_text(ONE_FINDING_FILE, "016-pinning-fails-open.md")
    assert doc.kind is DocumentKind.REVIEW
    (finding,) = [f for r in doc.reviews for f in r.findings]
    assert (finding.title, finding.severity) == ("Public key pinning fails open", Severity.HIGH)
    assert (finding.locations[0].path, finding.locations[0].start) == ("src/config2setopts.c", 359)


WRITEUP = """## 2025-07-vault

### [✅ Root + Impact: Anyone can read the secret](https://example.org/s/1)

Judgement:
- `Validated`
- Severity: `High`

#### Description
The check compares a user-supplied argument.

#### Risk
**Likelihood**: Medium

**Impact**: High

#### Proof of Concept
A test.

#### Recommended Mitigation
Use a signer.

### [❌ Root + Impact: Reentrancy in withdraw](https://example.org/s/2)

Judgement:
- `Invalid` Reason: Non-acceptable severity

#### Description
Text.

#### Proof of Concept
A test.

### [✅ Root + Impact: Secret cannot be rotated](https://example.org/s/3)

#### Description
Text.

#### Risk
**Likelihood**: Low

**Impact**: High

#### Recommended Mitigation
Allow updates.
"""


def test_finding_parts_under_each_heading_and_a_judges_invalid_verdict() -> None:
    assert _findings(WRITEUP) == [
        (None, Severity.HIGH, "Anyone can read the secret"),
        (None, None, "Secret cannot be rotated"),  # Likelihood/Impact ratings are not a severity
    ]


FIXES_APPLIED = """# Critical Fixes Applied - Pre-Launch QA

## ✅ CRITICAL FIXES APPLIED

### ✅ CRIT-1: Session key warning added
**File:** `frontend/auth.ts`

### ✅ CRIT-4 & CRIT-7: Settings update error handling
**File:** `frontend/settings.tsx`

## ⚠️ HIGH PRIORITY FIXES NEEDED

### 🔴 HIGH-3: Loading state for connection tests
**File:** `frontend/usenet.tsx`

## 📋 DEPLOYMENT CHECKLIST

- [ ] Set `SESSION_KEY`
"""


def test_status_emoji_joined_ids_and_loose_severity_sections() -> None:
    assert _findings(FIXES_APPLIED) == [
        ("CRIT-1", Severity.CRITICAL, "Session key warning added"),
        ("CRIT-4 & CRIT-7", Severity.CRITICAL, "Settings update error handling"),
        ("HIGH-3", Severity.HIGH, "Loading state for connection tests"),
    ]


def test_dotted_section_numbers_before_an_id() -> None:
    text = "# Findings\n\n## 2. Audit Findings\n\n### 2.1 CLN-005 — Resource exhaustion in `gen`\n\nBody.\n"
    assert _findings(text) == [("CLN-005", None, "Resource exhaustion in gen")]


def test_joined_ids_in_prose_are_not_a_lead() -> None:
    text = "# Review\n\n## Notes\n\n- C-001 & C-002 are regressions of earlier fixes\n"
    assert all(i is None or "&" not in i for i, _, _ in _findings(text))


def test_an_audit_report_title_is_a_review_not_a_synthesis() -> None:
    text = "# Security Audit Report — lib\n\n## Detailed Findings\n\n### 1. MEDIUM — Script injection\n\nText.\n"
    assert parse_text(text, "SECURITY_AUDIT.md").kind is DocumentKind.REVIEW
    remediation = "# Audit Remediation Report — lib\n\n## Fixes Applied\n\n| Fix | Files |\n|---|---|\n| a | b |\n"
    assert parse_text(remediation, "report.md").kind is DocumentKind.FIX_SUMMARY


RATED = """# Market Maker Audit Report

## 1. Correctness

### 1.1 Inventory skew

**Severity**: OK — Sound with one minor observation

- CRITICAL/HARD: cancel inventory-increasing orders

### 1.2 Trend signal EMA

**Severity**: LOW — Irregular sampling bias
**Location**: `trend_signal.py`

## 7. Missing features (Top 5)

### 7.1 Per-session P&L attribution

**Priority**: HIGH
**Current state**: none.

## 9. Remediation Roadmap

### Critical (Fix Immediately)

1. **Dependency upgrades** — run the audit
"""


def test_headings_rated_by_their_first_line() -> None:
    assert _findings(RATED) == [
        ("1.2", Severity.LOW, "Trend signal EMA"),
        ("7.1", None, "Per-session P&L attribution"),  # a priority is not a severity
    ]


BREAKDOWN = """# Security Review

## 4. Dependencies

### 🔴 **HIGH**: 55 npm vulnerabilities (37 HIGH severity)

**Detailed Breakdown**:

#### 1. **Solana dependencies (HIGH)**
- affects the Jupiter adapter

#### 2. **bn.js (MODERATE)**
- no fix available
"""


def test_numbered_subsections_with_trailing_severities_are_a_findings_breakdown() -> None:
    assert _findings(BREAKDOWN) == [(None, Severity.HIGH, "55 npm vulnerabilities (37 HIGH severity)")]


ADVISORIES = """# Security Audit Report

## Summary

| Metric | Count |
|--------|-------|
| Remaining | 2 |

## Vulnerability Details

### Fixed

| Package | Severity | Advisory | Resolution |
|---------|----------|----------|------------|
| `axios` <=1.13.4 | **High** | GHSA-43fc | Updated |

### Upstream

| # | Package | Severity | Required By |
|---|---------|----------|-------------|
| 1 | `elliptic` (all versions) | Low | `@paradex/sdk` |

## Recommendations

### For v1.0

- Replace the SDK
"""


def test_advisory_tables_and_chapters_named_like_finding_parts() -> None:
    assert _findings(ADVISORIES) == [
        (None, Severity.HIGH, "axios <=1.13.4"),
        ("1", Severity.LOW, "elliptic (all versions)"),
    ]


def test_a_numbered_heading_naming_a_file_then_the_problem() -> None:
    text = "# Fix Report\n\n## Jupiter Fixes\n\n### 1. `src/jupiter/utils.ts` — ESM import stripping\n\nDone.\n"
    doc = parse_text(text, "FIX_REPORT.md")
    (finding,) = [f for r in doc.reviews for f in r.findings]
    assert (finding.title, finding.severity, finding.locations[0].path) == (
        "ESM import stripping",
        None,
        "src/jupiter/utils.ts",
    )


def test_numbered_headings_under_a_severity_section() -> None:
    text = (
        "# Improvements Report\n\n## Pass Critical Issues (All Fixed)\n\n### 1. Test Coverage (Fixed) Pass\n\n"
        "#### Changes Made:\n- tests\n\n## High Risk\n\n### 2. Stale balance handling\n\nText.\n"
    )
    assert _findings(text) == [
        ("1", Severity.CRITICAL, "Test Coverage"),
        ("2", Severity.HIGH, "Stale balance handling"),
    ]


TEMPLATE_REVIEW = """# Code Review — seller logo

## 2) Conformance to Plan

**Gaps / deviations**
- `<plan commitment>` — <what's missing or differs> (`code_path:lines`)

## 3) Correctness — Findings (ranked)

- Title: `Minor -- API logo endpoints lack validation decorators`
- Evidence: `app/api/sellers.py:77-78` -- no decorator.
- Impact: docs incomplete.

- Title: `Major -- Line receipt ignores the seller`
- Evidence: `app/services/lines.py:120` -- not checked.
- Title: `<title>`

**IMPORTANT:** This review is a draft. Do not rely on it.
"""


def test_title_label_runs_template_slots_and_callouts() -> None:
    doc = parse_text(TEMPLATE_REVIEW, "code_review.md")
    found = [(f.severity, f.title, f.locations[0].path) for r in doc.reviews for f in r.findings]
    assert found == [
        (Severity.LOW, "API logo endpoints lack validation decorators", "app/api/sellers.py"),
        (Severity.HIGH, "Line receipt ignores the seller", "app/services/lines.py"),
    ]


def test_one_bug_documents_and_priority_level_sections() -> None:
    report = "# Bug Report: Segfault in GetRange\n\n**Severity:** High (crash)\n\n## Summary\n\nIt crashes.\n\n"
    report += "## Root Cause\n\nA null.\n\n## Suggested Fix\n\nCheck it.\n"
    assert _findings(report) == [(None, Severity.HIGH, "Segfault in GetRange")]
    levels = "# 审查报告\n\n## P0 严重问题修复（已完成）\n\n### 4-11. ✅ 错误处理缺失 - `src/a.go`\n\n- 细节\n"
    assert _findings(levels) == [("4-11", Severity.CRITICAL, "错误处理缺失 - src/a.go")]


def test_check_tables_read_their_cross_and_warning_rows() -> None:
    text = (
        "# Review\n\n## 9. Testability — **3/10**\n\n| Aspect | Status |\n|---|---|\n"
        "| Unit tests | ❌ None |\n| Lint | ✅ Configured |\n| CSRF | ⚠️ N/A |\n| File upload validation | ⚠️ Partial |\n"
    )
    assert [t for _, _, t in _findings(text)] == ["Unit tests", "File upload validation"]


def test_fix_summary_items_with_ids_and_a_parenthesised_section_severity() -> None:
    text = (
        "# Security Audit Summary\n\n## Security Fixes Applied\n\n"
        "1. ✅ **SEC-003b: macOS path traversal bypass** (CVSS 7.3) - **DISCOVERED & FIXED**\n\n"
        "### ⚠️ Accepted Risks (LOW severity)\n- SEC-009: Missing subprocess timeouts (v1.1)\n"
    )
    assert _findings(text, "SECURITY_FIX_SUMMARY.md") == [
        ("SEC-003b", None, "macOS path traversal bypass"),
        ("SEC-009", Severity.LOW, "Missing subprocess timeouts (v1.1)"),
    ]


def test_a_finding_whose_opening_lines_dismiss_it() -> None:
    text = (
        "# Code Review Round 2\n\n## Finding #1: Hard-coded URLs (code_interpreter.py:15)\n\n"
        "**Status**: ❌ FALSE POSITIVE\n**Priority**: N/A\n\n## Finding #3: Token reused\n\n**Status**: Confirmed\n"
    )
    assert [(i, t) for i, _, t in _findings(text)] == [("3", "Token reused")]


GAP_LIST = """# comix-downloader 架構審查報告

## 1. 效能 (Performance)

### 1.1 `downloader.py` 中的進度回報鎖定範圍

Lock held too long.

### 1.2 影像載入記憶體消耗

```python
img = Image.open(path)
```

## 2. 總結

### 2.1 Overview of the work

No code here.
"""


def test_numbered_subsections_pointing_at_code_when_nothing_else_is_a_finding() -> None:
    assert _findings(GAP_LIST) == [
        ("1.1", None, "downloader.py 中的進度回報鎖定範圍"),
        ("1.2", None, "影像載入記憶體消耗"),
    ]


def test_an_audits_security_score_or_overall_rating_is_its_overall_score() -> None:
    for line in ("**Security Score:** **9.2/10** (EXCELLENT)", "- Overall protocol rating: **2.5 / 10**"):
        text = f"# Security Audit Report\n\n{line}\n\n## Findings\n\n### H-1: Reentrancy in withdraw\n\nText.\n"
        (review,) = parse_text(text, "AUDIT.md").reviews
        assert review.overall_score is not None and review.overall_scale == 10


def test_a_template_is_other_and_a_plain_report_title_is_not_a_synthesis() -> None:
    template = (
        "# Review Report\n\n> Copy this template structure when producing review output.\n\n## Critical Issues\n\n"
        "- **[critical]** `file.ts:42` — Description of the issue\n"
    )
    doc = parse_text(template, "review-report.md")
    assert doc.kind is DocumentKind.OTHER and doc.reviews == ()
    fixes = "# Fix Critical Report\n\n## Jupiter Fixes\n\n### 1. `src/a.ts` — ESM import stripping\n\nDone.\n"
    assert parse_text(fixes, "FIX_CRITICAL_REPORT.md").kind is not DocumentKind.SYNTHESIS


def test_a_github_permalink_gives_the_path_and_lines() -> None:
    text = (
        "# Audit Report\n\n## High Risk\n\n### [H-01] Refund claimed twice\n\n"
        "https://github.com/o/r/blob/0123abcd/contracts/Vault.sol#L40-L52\n"
    )
    doc = parse_text(text, "audit.md")
    (finding,) = [f for r in doc.reviews for f in r.findings]
    first = finding.locations[0]
    assert (finding.id, finding.severity, first.path, first.start, first.end) == (
        "H-01",
        Severity.HIGH,
        "contracts/Vault.sol",
        40,
        52,
    )


def test_a_numbered_severity_section_holds_its_numbered_findings() -> None:
    from reviewkit.parse import parse_text

    text = (
        "# Audit Report\n\n## 2. FINDINGS REPORT\n\n### 2.1 Critical\nNot found\n\n### 2.2 High\n"
        "#### 1. DOMAIN_SEPARATOR stored as immutable\n##### Status\nFixed\n##### Description\nCached.\n\n"
        "### 2.3 Medium\n#### 1. Unlimited approvals\n##### Description\nMax approvals.\n"
    )
    found = [(f.title, f.severity.value if f.severity else None) for r in parse_text(text).reviews for f in r.findings]
    assert found == [("DOMAIN_SEPARATOR stored as immutable", "high"), ("Unlimited approvals", "medium")]


def test_gas_and_qa_sections_hold_info_findings() -> None:
    from reviewkit.parse import parse_text

    text = (
        "# Audit Report\n\n# High Risk Findings\n\n## [H-01] Reentrancy in withdraw\n\nDrains funds.\n\n"
        "# Gas Optimizations\n\n## [G-01] Cache array length\n\nSaves gas.\n\n# QA Report\n\n## [Q-01] Typos\n\nFix.\n"
    )
    found = [(f.id, f.severity.value if f.severity else None) for r in parse_text(text).reviews for f in r.findings]
    assert found == [("H-01", "high"), ("G-01", "info"), ("Q-01", "info")]


def test_an_audit_reports_gas_non_critical_and_qa_id_letters_mean_info_beside_h_m_l() -> None:
    from reviewkit.parse import parse_text

    text = (
        # the document names its tiers (the label brief: id letters rate findings where the document defines them)
        "# Audit\n\n1 High, 1 Medium, 1 Low.\n\n## Findings\n\n"
        "### [H-01] Reentrancy\nx\n\n### [M-01] Stale price\nx\n\n"
        "### [L-01] Zero address\nx\n\n### [N-01] Typos\nx\n\n### [G-01] Cache length\nx\n"
    )
    found = [(f.id, f.severity.value if f.severity else None) for r in parse_text(text).reviews for f in r.findings]
    assert found == [("H-01", "high"), ("M-01", "medium"), ("L-01", "low"), ("N-01", "info"), ("G-01", "info")]


def test_a_location_in_parentheses_closing_a_title_is_a_location_not_part_of_the_title() -> None:
    from reviewkit.parse import parse_text

    text = "# Review\n\n## Findings\n\n- [ ] **HIGH**: Validate webhook signatures (`hooks/github.py:21`)\n"
    (finding,) = [f for r in parse_text(text).reviews for f in r.findings]
    assert finding.title == "Validate webhook signatures"
    assert [(loc.path, loc.start) for loc in finding.locations] == [("hooks/github.py", 21)]


def test_a_bold_severity_label_in_any_case_after_a_colour_mark_leads_a_finding_but_a_note_does_not() -> None:
    from reviewkit.parse import parse_text

    text = (
        "# Review of PR 42\n\n## Problems\n\n🔴 **Critical**: Token stored in localStorage (`web/auth.ts:10`)\n\n"
        "🟠 **High:** No input length limit on upload\n\n**Note**: the reviewer ran the tests locally.\n"
    )
    found = [(f.title, f.severity.value if f.severity else None) for r in parse_text(text).reviews for f in r.findings]
    assert found == [("Token stored in localStorage", "critical"), ("No input length limit on upload", "high")]
