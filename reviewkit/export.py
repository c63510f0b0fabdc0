"""Exports of the ledger: CSV / Parquet / JSON tables and DefectDojo "Generic Findings Import" JSON.

Tables come from :mod:`reviewkit.frames` (the issues or findings frame); DefectDojo gets one
finding per tracked issue, keyed by the issue key so re-imports update instead of duplicating.
"""

from __future__ import annotations

import io
import json
from enum import StrEnum
from typing import Any

from reviewkit.errors import InputError
from reviewkit.model import FindingStatus, Severity, TriageStatus
from reviewkit.track.records import Ledger, TrackedIssue

__all__ = ["ExportFormat", "ExportTable", "defectdojo_document", "export_bytes"]

_DOJO_SEVERITY = {
    Severity.CRITICAL: "Critical",
    Severity.HIGH: "High",
    Severity.MEDIUM: "Medium",
    Severity.LOW: "Low",
    Severity.INFO: "Info",
}


_LIST_COLUMNS = ("reviewers",)


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    json = "json"
    defectdojo = "defectdojo"

    @property
    def binary(self) -> bool:
        return self is ExportFormat.parquet


class ExportTable(StrEnum):
    issues = "issues"
    findings = "findings"


def _description(issue: TrackedIssue, ledger: Ledger) -> str:
    lines = [
        issue.title,
        "",
        f"Raised in {issue.times_raised} round(s) ({issue.first_round} … {issue.last_round}) "
        f"by {', '.join(issue.reviewers) or 'unknown'}; consensus {issue.consensus}/{issue.consensus_of}.",
        f"Status: {issue.status.value}" + (f" (triage: {issue.triage.value})" if issue.triage else ""),
    ]
    lines += [f"- {e}" for e in issue.status_evidence]
    lines += [f"- {d.decision.value}: {d.document}:{d.line}" for d in issue.decisions]
    if issue.note:
        lines += ["", issue.note]
    return "\n".join(lines)


def _dojo_finding(issue: TrackedIssue, ledger: Ledger) -> dict[str, Any]:
    first = ledger.round(issue.first_round)
    loc = next((x for x in issue.locations if x.path), None)
    triage = issue.triage
    return {
        "title": issue.title[:500],
        "severity": _DOJO_SEVERITY.get(issue.severity, "Info") if issue.severity else "Info",
        "description": _description(issue, ledger),
        "file_path": loc.path if loc else None,
        "line": loc.start if loc else None,
        "date": first.date.isoformat() if first.date else None,
        "unique_id_from_tool": issue.key,
        "vuln_id_from_tool": issue.key,
        "active": issue.open,
        "verified": False,
        "is_mitigated": issue.status is FindingStatus.FIXED or triage is TriageStatus.FIXED,
        "false_p": triage is TriageStatus.FALSE_POSITIVE,
        "risk_accepted": triage in (TriageStatus.ACCEPTED_RISK, TriageStatus.WONT_FIX),
        "duplicate": triage is TriageStatus.DUPLICATE,
        "mitigation": ", ".join(issue.status_evidence) or None,
        "references": issue.fix.commit if issue.fix else None,
        "tags": ["reviewkit", *issue.reviewers],
    }


def defectdojo_document(ledger: Ledger) -> dict[str, Any]:
    """DefectDojo Generic Findings Import JSON: ``{"findings": [...]}``, one per tracked issue."""
    return {"findings": [_dojo_finding(i, ledger) for i in ledger.issues]}


def export_bytes(ledger: Ledger, fmt: ExportFormat, table: ExportTable = ExportTable.issues) -> bytes:
    """The export file's content."""
    if fmt is ExportFormat.defectdojo:
        return (json.dumps(defectdojo_document(ledger), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    from reviewkit.frames import findings_frame, issues_frame

    frame = issues_frame(ledger) if table is ExportTable.issues else findings_frame(ledger)
    if fmt is ExportFormat.csv:  # a cell holds text: list columns (reviewers) become "a, b"
        flat = frame.assign(**{c: frame[c].map(", ".join) for c in _LIST_COLUMNS if c in frame.columns})
        return flat.to_csv(index=False, lineterminator="\n").encode("utf-8")
    if fmt is ExportFormat.json:
        # pandas writes "src\/a.py" and packs "key":value; re-dump its records as plain, readable JSON
        records = json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
        return (json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    _require_parquet_engine()
    buffer = io.BytesIO()
    plain = frame.assign(severity=frame["severity"].astype("string"))
    plain.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _require_parquet_engine() -> None:
    """Parquet needs pyarrow, an optional extra: say which one instead of pandas' ImportError."""
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        raise InputError("--format parquet needs pyarrow: pip install 'reviewkit[parquet]'")
