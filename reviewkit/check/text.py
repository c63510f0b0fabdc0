"""The human summary of a gate result: what failed, where, why, and how to accept it on purpose."""

from __future__ import annotations

import shlex

from reviewkit.check.gate import BaselineState, Gate, GateResult, Violation
from reviewkit.check.records import Snapshot, SourceRef
from reviewkit.check.scores import points

__all__ = ["MAX_LISTED", "describe_violation", "format_ref", "render_text", "summary_line", "triage_command"]

MAX_LISTED = 25
"""Violations listed per gate in the summary; the machine formats carry all of them."""

_HEADINGS: dict[Gate, str] = {
    Gate.NEW_FINDINGS: "New findings (open at HEAD, not open at the base)",
    Gate.REGRESSIONS: "Regressions (code a fix removed came back)",
    Gate.REVERTED_FIXES: "Reverted fixes (the fix commit was reverted, or is no longer in this branch)",
    Gate.SCORE_DROP: "Score drops (newest round vs the same reviewer's previous score, /10)",
}


def format_ref(ref: SourceRef | None) -> str:
    if ref is None:
        return "(no location)"
    return f"{ref.path}:{ref.line}" if ref.line else ref.path


def describe_violation(v: Violation) -> str:
    """One line: severity, key, where, title, why."""
    if v.issue is not None:
        sev = (v.issue.severity.value if v.issue.severity else "unrated").upper()
        return f"{sev} {v.issue.key} {format_ref(v.where)}: {v.issue.title} ({v.reason})"
    return f"{v.reason} ({format_ref(v.where)})"


def summary_line(result: GateResult) -> str:
    """One line for logs: verdict and counts per gate."""
    counts = ", ".join(
        f"{gate.value} {len(result.failures(gate))}" if gate in result.policy.active_gates else f"{gate.value} off"
        for gate in Gate
    )
    verdict = "passed" if result.passed else "FAILED"
    return f"reviewkit check {verdict} ({_snap(result.base)} → {_snap(result.head)}): {counts}"


def triage_command(key: str, reviews: str) -> str:
    """The command that records an accepted risk for ``key`` (the reviewer edits the note)."""
    note = '"why this is acceptable"'
    return f"reviewkit triage {key} --status accepted-risk --note {note} --reviews {shlex.quote(reviews)}"


def render_text(result: GateResult, *, reviews: str = "reviews") -> str:
    """The full summary shown by ``--format text``; ``reviews`` is the folder as the user named it."""
    policy = result.policy
    lines = [summary_line(result)]
    fail_on = f"{policy.fail_on.value} and above" if policy.fail_on else "nothing (finding gates off)"
    drop = "off" if policy.max_score_drop is None else f"{points(policy.max_score_drop)} points on /10"
    lines.append(f"  fail on: {fail_on}; max score drop: {drop}")
    for gate in Gate:
        failures = result.failures(gate)
        if not failures:
            continue
        lines += ["", f"{_HEADINGS[gate]}:"]
        for v in failures[:MAX_LISTED]:
            lines.append(f"  {describe_violation(v)}")
            if v.issue is not None:
                lines.append(f"      {_provenance(v)}")
        if len(failures) > MAX_LISTED:
            lines.append(f"  … and {len(failures) - MAX_LISTED} more (all of them: --format json or sarif)")
    issue_keys = [v.issue.key for v in result.violations if v.issue is not None]
    if issue_keys:
        lines += [
            "",
            "To accept a finding on purpose, record the decision (then commit the triage file):",
            f"  {triage_command(issue_keys[0], reviews)}",
            "  (or --status wont-fix / false-positive)",
        ]
    if result.failures(Gate.SCORE_DROP):
        lines += [*([] if issue_keys else [""]), "To accept a score drop on purpose, raise --max-score-drop."]
    lines += ["", _context(result)]
    return "\n".join(lines) + "\n"


def _provenance(v: Violation) -> str:
    """Who raised the issue and in which review, so a reader can go and look."""
    issue = v.issue
    if issue is None:
        return ""
    who = ", ".join(issue.reviewers) or "unknown reviewer"
    when = f" (last in {issue.last_round})" if issue.last_round else ""
    # without a code location the review already is "where": don't print it twice
    where = f"; review at {format_ref(issue.review)}" if issue.review and issue.location else ""
    return f"raised by {who}{when}{where}"


def _snap(snapshot: Snapshot) -> str:
    sha = snapshot.commit[:12] if snapshot.commit else "empty"
    return snapshot.ref if snapshot.ref == sha else f"{snapshot.ref} @ {sha}"


def _context(result: GateResult) -> str:
    unchanged = sum(1 for o in result.open_issues if o.baseline is BaselineState.UNCHANGED)
    return (
        f"Not failing: {unchanged} issue(s) already open at the base, "
        f"{len(result.closed_since_base)} closed since the base, {len(result.exempted)} triaged, "
        f"{len(result.known_score_drops)} score drop(s) already at the base."
    )
