"""Security audit reports (issue 11, family 1): bracketed ids under "High Risk" sections, contract paths."""

from __future__ import annotations

from pathlib import Path

from reviewkit.model import DocumentKind
from reviewkit.parse import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "parse" / "audits"


def test_bracketed_ids_under_risk_sections_are_findings_with_that_severity() -> None:
    doc = parse_text((FIXTURES / "security-audit.md").read_text(encoding="utf-8"), path="audit.md")
    assert doc.kind is DocumentKind.REVIEW
    got = [
        (f.id, f.severity.value if f.severity else None, f.title, [(loc.path, loc.start) for loc in f.locations])
        for r in doc.reviews
        for f in r.findings
    ]
    assert got == [
        ("H-01", "high", "Refund can be claimed twice", [("contracts/Vault.sol", 40)]),
        ("H-02", "high", "Oracle price is never checked for staleness", [("src/oracle/Feed.cpp", 12)]),
        ("M-01", "medium", "Fee rounding favours the caller", [("contracts/Fees.sol", 88)]),
    ]
