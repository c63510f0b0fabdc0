"""SARIF 2.1.0 from a :class:`~reviewkit.check.gate.GateResult`, shaped for GitHub code scanning.

Choices that keep alerts stable across runs (GitHub matches alerts by ``ruleId`` +
``partialFingerprints``):

* one rule per severity (``reviewkit/critical-finding`` …) plus ``reviewkit/score-drop``.
  A rule per *gate* would change an alert's rule the moment it stops being "new",
  so the gate that fired is carried in the message and ``properties.gate`` instead;
* ``partialFingerprints`` hold the issue key and the content fingerprint, never a line;
* URIs are repo-relative with ``uriBaseId: %SRCROOT%``;
* ``baselineState`` is new/unchanged against the base; issues open at the base and
  closed at HEAD are ``absent`` results of kind ``pass``; triaged issues carry an
  accepted external ``suppression`` with the triage note.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from reviewkit.check.gate import BaselineState, GateResult, Violation
from reviewkit.check.records import IssueState, SourceRef
from reviewkit.check.scores import ScoreDrop, points
from reviewkit.model import Severity

__all__ = ["RULES", "SARIF_SCHEMA_URI", "render_sarif", "rule_id_for"]

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
UNRATED = "unrated"

_LEVELS: dict[str, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
    UNRATED: "warning",
}

RULES: tuple[tuple[str, str, str], ...] = (
    *(
        (f"reviewkit/{name}-finding", f"{name.capitalize()}ReviewFinding", f"A {name} finding raised by a code review")
        for name in (*(s.value for s in Severity), UNRATED)
    ),
    ("reviewkit/score-drop", "ReviewScoreDrop", "A review dimension or overall score dropped since the last round"),
)
"""(ruleId, name, short description): the full, stable rule table."""


def rule_id_for(severity: Severity | None) -> str:
    return f"reviewkit/{severity.value if severity else UNRATED}-finding"


def render_sarif(result: GateResult, *, tool_version: str) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (one run)."""
    rule_index = {rule_id: i for i, (rule_id, _, _) in enumerate(RULES)}
    results = [
        *_issue_results(result),
        *(_drop_result(v.drop, v, BaselineState.NEW) for v in result.violations if v.drop is not None),
        *(_drop_result(d, None, BaselineState.UNCHANGED) for d in result.known_score_drops),
    ]
    for r in results:
        r["ruleIndex"] = rule_index[r["ruleId"]]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reviewkit",
                        "version": tool_version,
                        "rules": [_rule(*rule) for rule in RULES],
                    }
                },
                "automationDetails": {"id": "reviewkit/check/"},
                "invocations": [{"executionSuccessful": True}],
                "results": results,
                "properties": {
                    "base": {"ref": result.base.ref, "commit": result.base.commit},
                    "head": {"ref": result.head.ref, "commit": result.head.commit},
                    "passed": result.passed,
                },
            }
        ],
    }


def _rule(rule_id: str, name: str, short: str) -> dict[str, Any]:
    severity = rule_id.removeprefix("reviewkit/").removesuffix("-finding")
    level = _LEVELS.get(severity, "error")
    help_text = (
        "Fix the finding, or record a decision: `reviewkit triage KEY --status accepted-risk --note …`."
        if rule_id != "reviewkit/score-drop"
        else "Address the reviewer's concerns, or raise --max-score-drop on purpose."
    )
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": f"{short}, tracked by reviewkit across review rounds."},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["code-review"]},
    }


def _issue_results(result: GateResult) -> list[dict[str, Any]]:
    by_key: dict[str, Violation] = {v.issue.key: v for v in result.violations if v.issue is not None}
    out = [_issue_result(o.issue, o.baseline, by_key.pop(o.issue.key, None)) for o in result.open_issues]
    # a violation whose issue is not open (a fix that left the branch while HEAD still says fixed)
    out += [_issue_result(v.issue, BaselineState.NEW, v) for v in by_key.values() if v.issue is not None]
    out += [_issue_result(e.issue, e.baseline, None, suppressed=True) for e in result.exempted]
    out += [_issue_result(i, BaselineState.ABSENT, None) for i in result.closed_since_base]
    return out


def _issue_result(
    issue: IssueState, baseline: BaselineState, violation: Violation | None, *, suppressed: bool = False
) -> dict[str, Any]:
    severity = issue.severity.value if issue.severity else UNRATED
    why = f" [{violation.gate.value}: {violation.reason}]" if violation else ""
    text = f"{issue.key} ({severity}): {issue.title}{why}"
    res: dict[str, Any] = {
        "ruleId": rule_id_for(issue.severity),
        "level": _LEVELS[severity],
        "message": {"text": text},
        "baselineState": baseline.value,
        "partialFingerprints": {"reviewkitKey/v1": issue.key},
        "properties": {
            "key": issue.key,
            "severity": severity,
            "status": issue.status.value,
            "gate": violation.gate.value if violation else None,
            "reviewers": list(issue.reviewers),
            "lastRound": issue.last_round,
        },
    }
    if issue.fingerprint:
        res["partialFingerprints"]["reviewkitContent/v1"] = issue.fingerprint
    primary = issue.location or issue.review
    if primary is not None:
        res["locations"] = [_location(primary)]
    if issue.location is not None and issue.review is not None:
        res["relatedLocations"] = [{"id": 1, **_location(issue.review), "message": {"text": "raised in this review"}}]
    if baseline is BaselineState.ABSENT:
        res["kind"], res["level"] = "pass", "none"
        res["message"]["text"] = f"{issue.key}: no longer open ({issue.title})"
    if suppressed:
        note = issue.triage_note or "triaged in the reviews' triage file"
        status = issue.triage.value if issue.triage else "triaged"
        res["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f"{status}: {note}"}]
    return res


def _drop_result(drop: ScoreDrop, violation: Violation | None, baseline: BaselineState) -> dict[str, Any]:
    text = (
        violation.reason
        if violation
        else f"{drop.reviewer} scored {drop.dimension_name} {points(drop.after)}/10, down from {points(drop.before)}/10"
    )
    res: dict[str, Any] = {
        "ruleId": "reviewkit/score-drop",
        "level": "error" if violation else "warning",
        "message": {"text": text},
        "baselineState": baseline.value,
        "partialFingerprints": {"reviewkitScore/v1": f"{drop.reviewer}/{drop.dimension}/{drop.round_key}"},
        "properties": {
            "reviewer": drop.reviewer,
            "dimension": drop.dimension,
            "before": drop.before,
            "after": drop.after,
            "round": drop.round_label,
        },
    }
    if drop.source is not None:
        res["locations"] = [_location(drop.source)]
    return res


def _location(ref: SourceRef) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(ref.path, safe="/"), "uriBaseId": SRCROOT}}
    if ref.line is not None and ref.line >= 1:
        physical["region"] = {"startLine": ref.line}
    return {"physicalLocation": physical}
