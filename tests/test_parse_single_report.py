"""One-vulnerability documents (``findings/single.py``), field lists, and permalinks in link targets."""

from __future__ import annotations

from reviewkit.parse import parse_text


def _rows(text: str) -> list[tuple[str | None, str, list[tuple[str, int | None, int | None]]]]:
    doc = parse_text(text, path="report.md")
    return [
        (f.severity.value if f.severity else None, f.title, [(loc.path, loc.start, loc.end) for loc in f.locations])
        for r in doc.reviews
        for f in r.findings
    ]


LAB_REPORT = """\
# Forensic Vulnerability Report: Insecure Direct Object Reference (IDOR)

## 1. Executive Summary
Any authenticated user can read other users' orders by changing the id in the request.

## 2. Vulnerability Details
* **Vulnerability Type:** Insecure Direct Object Reference
* **CWE Identifier:** CWE-639
* **Target Endpoint:** Order History API
* **Severity:** High
* **CVSS v3.1 Score:** 8.5 (High)

## 3. Exploit Mechanics
The order id is sequential and never checked against the session.
"""


def test_a_document_rating_one_vulnerability_is_that_one_finding() -> None:
    assert _rows(LAB_REPORT) == [("high", "Insecure Direct Object Reference (IDOR)", [])]


def test_the_rating_may_come_before_the_title_and_the_permalink_gives_path_and_lines() -> None:
    text = """\
### Severity: Medium

### Lack of Minimum Token Amounts During Liquidity Provision

## Impact
`amount0Min` is hard-coded to 0, so liquidity is added at any price.

## Proof of Concept
A sandwich bot moves the price before `finalizeFundraising` runs.

## Issue Location

- **File:** /src/Daao.sol

## Links to Affected Code

- [Daao.sol#L340-341](https://github.com/o/r/blob/main/src/Daao.sol#L340-#L341)
"""
    assert _rows(text) == [
        ("medium", "Lack of Minimum Token Amounts During Liquidity Provision", [("src/Daao.sol", 340, 341)])
    ]


def test_a_document_title_or_two_ratings_make_no_single_finding() -> None:
    generic = LAB_REPORT.replace(
        "# Forensic Vulnerability Report: Insecure Direct Object Reference (IDOR)", "# Security Assessment Report"
    )
    assert _rows(generic) == []
    two = LAB_REPORT.replace("checked against the session.", "checked against the session.\nSeverity: Low")
    assert _rows(two) == []


def test_a_field_list_is_the_facts_of_its_section_not_findings() -> None:
    text = """\
# Review

### Missing authorization on order lookup

* **Severity:** High
* **File:** `api/orders.py`
* **Impact:** any user reads any order
"""
    rows = _rows(text)
    assert [r[1] for r in rows] == ["Missing authorization on order lookup"]
    assert rows[0][0] == "high"


def test_a_permalink_inside_a_link_is_the_findings_location() -> None:
    text = """\
## High Risk

### [H-01] Refund can be claimed twice

The refund flag is set after the transfer: [here](https://github.com/o/r/blob/abc123/contracts/Vault.sol#L40-L52).
"""
    assert _rows(text) == [("high", "Refund can be claimed twice", [("contracts/Vault.sol", 40, 52)])]


def test_a_templates_choice_of_ratings_rates_nothing() -> None:
    text = """\
# Review Report

## Summary

- **Risk Level**: low | medium | high | critical
- **Files Reviewed**: [list of files]
"""
    assert _rows(text) == []


def test_a_single_finding_report_rated_in_a_key_value_table_names_its_function() -> None:
    text = """\
# Incorrect rounding in fee calculation allows draining the pool

| | |
|---|---|
| Severity | High |
| Status | Resolved |

## Description

`Pool::withdraw` rounds the fee down, so repeated small withdrawals pay no fee.

## Recommendation

Round the fee up.
"""
    doc = parse_text(text, path="IF-01.md")
    assert doc.kind.value == "review"
    [finding] = [f for r in doc.reviews for f in r.findings]
    assert (finding.severity.value if finding.severity else None, finding.title) == (
        "high",
        "Incorrect rounding in fee calculation allows draining the pool",
    )
    assert [(loc.path, loc.symbol) for loc in finding.locations] == [(None, "Pool::withdraw")]
