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


def test_a_finding_heading_that_links_to_its_issue_is_read_through_the_link() -> None:
    text = (
        "# Audit Report\n\n# Medium Risk Findings (2)\n\n"
        "## [[M-01] Tickets can be entered late](https://github.com/o/r/issues/28)\n\nBody.\n\n"
        "### Proof of Concept\n\n1. The owner sets up a round.\n2. User A enters.\n\n"
        "## [[M-02] `claim` pays the whole prize](https://github.com/o/r/issues/27)\n\nBody.\n"
    )
    assert _findings(text) == [
        ("M-01", "medium", "Tickets can be entered late"),
        ("M-02", "medium", "claim pays the whole prize"),
    ]


def test_an_id_and_a_separate_link_are_not_one_linked_heading() -> None:
    text = "# Audit\n\n## High\n\n### [H-01] Refund twice [details](https://x.io/1)\n\nBody.\n"
    assert [(i, s) for i, s, _ in _findings(text)] == [("H-01", "high")]


def test_a_judges_last_severity_change_wins() -> None:
    text = (
        "# Audit Report\n\n# Medium Risk Findings\n\n## [M-01] Tickets can be entered late\n\nBody.\n\n"
        "**judge decreased severity to Low and commented:**\n> Downgrading to QA.\n\n"
        "**judge increased severity to Medium and commented:**\n> Fair point.\n"
    )
    assert [(i, s) for i, s, _ in _findings(text)] == [("M-01", "medium")]


def test_a_penetration_testing_report_with_numbered_vulnerabilities_is_a_review() -> None:
    text = (
        "# Penetration Testing Report – Shop\n\n**Tester:** A. Tester\n\n## Executive Summary\n\nA black-box test.\n\n"
        "## 🔓 Vulnerability 1: IDOR (Insecure Direct Object Reference)\n\n- **Fix:** Check ownership.\n\n"
        "## ⚠️ Vulnerability 2: Stored XSS\n\n- **Fix:** Encode output.\n"
    )
    doc = parse_text(text, path="README.md")
    assert doc.kind.value == "review"
    assert [(i, t) for i, _, t in _findings(text)] == [
        ("1", "IDOR (Insecure Direct Object Reference)"),
        ("2", "Stored XSS"),
    ]


def test_a_summary_tables_severity_goes_to_the_finding_it_indexes() -> None:
    text = (
        "# Security Review\n\n# Findings Summary\n\n| ID | Title | Severity | Status |\n|---|---|---|---|\n"
        "| [I-01] | Incomplete NatSpec | Informational | N/A |\n| [L-01] | Missing event | Low | N/A |\n\n"
        "# Findings\n\n# [I-01] Incomplete NatSpec\n\nSome functions lack NatSpec.\n\n"
        "# [L-01] Missing event\n\nNo event is emitted.\n"
    )
    assert _findings(text) == [("I-01", "info", "Incomplete NatSpec"), ("L-01", "low", "Missing event")]


def test_a_summary_row_lends_its_severity_by_title_and_an_own_severity_part_wins() -> None:
    text = (
        "# Penetration Testing Report\n\n## Key Findings\n\n| Vulnerability | Severity | CVSS |\n|---|---|---|\n"
        "| IDOR | High | 7.5 |\n| Stored XSS | Medium | 6.1 |\n\n"
        "## Vulnerability 1: IDOR (Insecure Direct Object Reference)\n\n- **Fix:** Check ownership.\n\n"
        "## Vulnerability 2: Stored XSS\n\n### Severity\n\nLow\n\n### Description\n\nThe search bar.\n"
    )
    assert [(i, s) for i, s, _ in _findings(text)] == [("1", "high"), ("2", "low")]


def test_a_gas_optimisations_section_rates_its_items_info() -> None:
    text = (
        "# Proof of Reserve Review\n\n## 1. LOW: Race condition\n\nBody.\n\n## Gas Optimisations\n\n"
        "### G1. Use `immutable` rather than storage variables\n\nBody.\n"
    )
    assert [s for _, s, _ in _findings(text)] == ["low", "info"]


def test_issue_letter_dash_number_is_the_findings_id() -> None:
    text = (
        "# Issue H-1: Attacker can steal the fees\n\nSource: https://x.io/112\n\n## Summary\n\nFees.\n\n"
        "## Vulnerability Detail\n\n#### 1. Shared whitelist\n\nText.\n\n## Impact\n\nLoss.\n\n"
        "# Issue M-1: exchangeFee can be escaped\n\n## Summary\n\nFee.\n\n## Vulnerability Detail\n\nText.\n"
    )
    assert [(i, t) for i, _, t in _findings(text)] == [
        ("H-1", "Attacker can steal the fees"),
        ("M-1", "exchangeFee can be escaped"),
    ]


def test_id_letters_rate_findings_only_where_the_document_names_its_tiers() -> None:
    unrated = "# Warden Submission\n\n## [L-01] Incorrect comment\n\nText.\n\n## [L-02] Unused import\n\nA low risk.\n"
    assert [(i, s) for i, s, _ in _findings(unrated)] == [("L-01", None), ("L-02", None)]
    counted = (
        "# Audit Report\n\nHigh findings: **1**\n\n## Findings\n\n### H-01: Drain\n\nText.\n\n### L-01: Typo\n\nText.\n"
    )
    assert [(i, s) for i, s, _ in _findings(counted)] == [("H-01", "high"), ("L-01", "low")]


def test_a_numbered_heading_rated_by_a_later_severity_line_is_a_finding() -> None:
    text = (
        "# Web Application Security Report\n\n## Technical Finding Details\n\n"
        "### 1 - Directory Listing Exposure in '/ftp'\n\nBurp Suite mapped the site.\n\n"
        "**CWE ID**:\n- CWE-538\n\n**Severity**: 7.5 (High) - Unauthorized access.\n\n**Remediation**: Disable it.\n\n"
        "### 2 - Weak Password Hashing (MD5)\n\nHashes are MD5.\n\n**Severity**: 9.1 (Critical) - Cracked offline.\n\n"
        "## Author\n\nA. Tester\n"
    )
    assert _findings(text) == [
        ("1", "high", "Directory Listing Exposure in '/ftp'"),
        ("2", "critical", "Weak Password Hashing (MD5)"),
    ]


def test_a_numbered_heading_with_only_a_later_priority_line_is_not_rated() -> None:
    text = "# Notes\n\n## Plan\n\n### 1 - Setup\n\nInstall it.\n\n**Priority**: High\n"
    assert _findings(text) == []


def test_a_key_value_tables_severity_row_rates_the_finding() -> None:
    text = (
        "# Upstream Security Findings\n\n## Findings\n\n### 1. H4 — Missing length check\n\n"
        "| | |\n|---|---|\n| **Severity** | Medium |\n| **File** | `core/video.py`, lines 57–74 |\n\nText.\n\n"
        "### 2. H3 — Crash on empty input\n\n| | |\n|---|---|\n| **Severity** | High |\n\nText.\n"
    )
    doc = parse_text(text, path="audit.md")
    got = [(f.id, f.severity.value if f.severity else None) for r in doc.reviews for f in r.findings]
    assert got == [("H4", "medium"), ("H3", "high")]
    assert doc.reviews[0].findings[0].locations[0].path == "core/video.py"


def test_a_table_row_with_its_own_id_is_kept_beside_a_detailed_finding_in_like_words() -> None:
    text = (
        "# Security Audit Report\n\n## High Severity Findings\n\n### H-09: Missing Pool Refresh Rate Limiting\n\n"
        "The refresh route has no limit.\n\n## Medium Severity Findings\n\n| ID | Issue | Location |\n|---|---|---|\n"
        "| M-01 | Missing upgrade validation | Base.sol:204 |\n| M-10 | Missing nonce rate limiting | auth.ts:44 |\n"
    )
    assert [(i, s) for i, s, _ in _findings(text)] == [("H-09", "high"), ("M-01", "medium"), ("M-10", "medium")]


def test_an_informational_tag_in_capitals_rates_its_heading() -> None:
    text = "# Review\n\n## 1. LOW: Race condition\n\nX.\n\n## 2. INFORMATIONAL: Oracle delay pauses borrowing\n\nX.\n"
    assert [(s, t) for _, s, t in _findings(text)] == [
        ("low", "Race condition"),
        ("info", "Oracle delay pauses borrowing"),
    ]


def test_a_titleless_finding_heading_over_empty_fields_is_an_unfilled_stub() -> None:
    text = (
        "### [H-1]\n**Description:** \n\n**Impact:** \n\n**Recommended Mitigation:** \n\n"
        "## Informationals\n\n### [I-1] Unused error should be removed\n\nText.\n"
    )
    assert [(i, s) for i, s, _ in _findings(text)] == [("I-1", "info")]


def test_a_bare_severity_line_above_a_single_report_title_rates_it() -> None:
    text = (
        "csanuragjain\n\nmedium\n\n# Correct allowance will be rejected\n\n## Summary\nOff by one.\n\n"
        "## Vulnerability Detail\nThe check is strict.\n\n## Impact\nReverts.\n\n## Recommendation\nUse <=.\n"
    )
    assert _findings(text) == [(None, "medium", "Correct allowance will be rejected")]


def test_a_windows_path_is_read_as_the_same_path() -> None:
    from reviewkit.parse.findings.locations import find_locations

    found = find_locations(r"Problematic code located in: TermMax\contracts\vault\Vault.sol")
    assert [loc.path for loc in found] == ["TermMax/contracts/vault/Vault.sol"]


def test_a_finding_headings_parts_at_its_own_level_are_its_body() -> None:
    text = (
        "## Finding Title: Interest uses the latest fee rate\n**Severity: Medium**\n## Summary\nFees are wrong.\n\n"
        "## Finding Description\nThe rate changes mid-period.\n\n## Impact Explanation\nUsers overpay.\n\n"
        "## Proof of Concept\nIn `contracts/vault/Vault.sol`:\n\n```solidity\nfee = x;\n```\n"
    )
    doc = parse_text(text, path="report.md")
    (finding,) = [f for r in doc.reviews for f in r.findings]
    assert finding.severity is not None and finding.severity.value == "medium"
    assert [loc.path for loc in finding.locations] == ["contracts/vault/Vault.sol"]


def test_a_bare_permalink_in_the_body_gives_the_path_before_a_name_in_the_title() -> None:
    text = (
        "# Audit Report\n\n# Low Risk Findings\n\n## [L-02] Unneeded inheritance in `TrusterPair.sol`\n\nText.\n\n"
        "(https://github.com/o/r/blob/3896779/protocol/contracts/ThrusterPair.sol#L15)\n"
    )
    doc = parse_text(text, path="report.md")
    (finding,) = [f for r in doc.reviews for f in r.findings]
    assert (finding.locations[0].path, finding.locations[0].start) == ("protocol/contracts/ThrusterPair.sol", 15)


def test_a_cited_standard_is_not_a_finding_id() -> None:
    text = (
        "# Audit Report\n\n## Overview\n\n**Existing Standards:**\n\n- The protocol uses ERC20.\n"
        "- EIP-712: Typed structured data hashing and signing\n\n## High Risk\n\n### [H-01] Drain\n\nText.\n"
    )
    assert [i for i, _, _ in _findings(text)] == ["H-01"]


def test_a_bold_lead_naming_only_a_location_takes_its_title_from_the_text_after_it() -> None:
    text = (
        "# Token Audit\n\n## Findings\n\n### Moderate\n\n"
        "**M1: DecisionTokenSale.sol [100] - [121]** - The function `buyTokens()` mints for free. More text.\n\n"
        "**M2: Missing event on pause** - Nothing is emitted.\n"
    )
    doc = parse_text(text, path="audit.md")
    got = [(f.id, f.title, f.locations[0].path if f.locations else None) for r in doc.reviews for f in r.findings]
    assert got == [
        ("M1", "The function buyTokens() mints for free", "DecisionTokenSale.sol"),
        ("M2", "Missing event on pause", None),
    ]
