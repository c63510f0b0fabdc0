"""The gate rules on hand-built snapshots: each gate fires when it should and only then."""

from __future__ import annotations

import pytest

from reviewkit.check.gate import BaselineState, Gate, GatePolicy, evaluate, parse_fail_on
from reviewkit.model import FindingStatus, Severity, TriageStatus

from .check_factories import base, gone, head, issue, kept, score

POLICY = GatePolicy(fail_on=Severity.HIGH, max_score_drop=1.0)


def gates_failed(result: object) -> list[str]:
    return sorted({v.gate.value for v in result.violations})  # type: ignore[attr-defined]


# ------------------------------------------------------------------ --fail-on


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("critical", Severity.CRITICAL),
        ("critical,high", Severity.HIGH),
        ("HIGH , critical", Severity.HIGH),
        ("medium", Severity.MEDIUM),
        ("none", None),
    ],
)
def test_fail_on_takes_the_least_severe_listed(text: str, expected: Severity | None) -> None:
    assert parse_fail_on(text) == expected


@pytest.mark.parametrize("text", ["", "urgent", "critical,bogus", ","])
def test_fail_on_rejects_unknown_words(text: str) -> None:
    with pytest.raises(ValueError, match="fail-on"):
        parse_fail_on(text)


# ------------------------------------------------------------------ new findings


def test_new_open_critical_fails() -> None:
    result = evaluate(base(), head(issue("RK-1")), POLICY, fix_gone=kept)
    assert not result.passed
    assert [(v.gate, v.issue.key) for v in result.violations if v.issue] == [(Gate.NEW_FINDINGS, "RK-1")]
    assert result.open_issues[0].baseline is BaselineState.NEW


def test_issue_already_open_at_base_does_not_fire_even_if_its_line_moved() -> None:
    old = issue("RK-1")
    moved = issue("RK-1", location=old.location.model_copy(update={"line": 99}))  # type: ignore[union-attr]
    result = evaluate(base(old), head(moved), POLICY, fix_gone=kept)
    assert result.passed
    assert result.open_issues[0].baseline is BaselineState.UNCHANGED


def test_severity_below_threshold_does_not_fire_but_is_listed() -> None:
    result = evaluate(base(), head(issue("RK-1", Severity.MEDIUM)), POLICY, fix_gone=kept)
    assert result.passed
    assert result.open_issues[0].gated is False
    strict = GatePolicy(fail_on=Severity.MEDIUM, max_score_drop=None)
    assert not evaluate(base(), head(issue("RK-1", Severity.MEDIUM)), strict, fix_gone=kept).passed


def test_unrated_issue_never_fails_and_fail_on_none_turns_finding_gates_off() -> None:
    assert evaluate(base(), head(issue("RK-1", None)), POLICY, fix_gone=kept).passed
    off = GatePolicy(fail_on=None, max_score_drop=None)
    assert evaluate(base(), head(issue("RK-1")), off, fix_gone=kept).passed
    assert off.active_gates == ()


def test_new_issue_fixed_on_the_branch_passes() -> None:
    fixed = issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)
    result = evaluate(base(), head(fixed), POLICY, fix_gone=kept)
    assert result.passed
    assert result.open_issues == ()


def test_issue_fixed_at_base_and_open_again_at_head_is_new() -> None:
    was_fixed = issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)
    result = evaluate(base(was_fixed), head(issue("RK-1")), POLICY, fix_gone=kept)
    assert gates_failed(result) == ["new-findings"]
    assert "was fixed at the base" in result.violations[0].reason


# ------------------------------------------------------------------ triage


@pytest.mark.parametrize(
    "decision",
    [
        TriageStatus.ACCEPTED_RISK,
        TriageStatus.WONT_FIX,
        TriageStatus.FALSE_POSITIVE,
        TriageStatus.DUPLICATE,
        TriageStatus.DEFERRED,
    ],
)
def test_triage_exempts_from_every_gate(decision: TriageStatus) -> None:
    triaged = [
        issue("RK-1", triage=decision),
        issue("RK-2", triage=decision, status=FindingStatus.REGRESSED, regressed_by="r" * 40),
        issue("RK-3", triage=decision, status=FindingStatus.FIXED, fix_commit="f" * 40),
    ]
    result = evaluate(base(), head(*triaged), POLICY, fix_gone=gone)
    assert result.passed
    assert [e.issue.key for e in result.exempted] == ["RK-1", "RK-2", "RK-3"]
    assert {e.baseline for e in result.exempted} == {BaselineState.NEW}


def test_human_fixed_wins_over_a_computed_regression_but_triage_open_does_not_exempt() -> None:
    result = evaluate(
        base(),
        head(
            issue("RK-1", triage=TriageStatus.OPEN),
            issue("RK-2", triage=TriageStatus.FIXED, status=FindingStatus.REGRESSED),
        ),
        POLICY,
        fix_gone=kept,
    )
    assert [v.issue.key for v in result.violations if v.issue] == ["RK-1"]


def test_human_reopened_issue_counts_as_open() -> None:
    fixed_at_base = issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)
    reopened = fixed_at_base.model_copy(update={"triage": TriageStatus.OPEN})
    result = evaluate(base(fixed_at_base), head(reopened), POLICY, fix_gone=kept)
    assert gates_failed(result) == ["new-findings"]


# ------------------------------------------------------------------ regressions and reverted fixes


def test_regression_fires_once_and_not_again_when_already_regressed_at_base() -> None:
    fixed = issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)
    regressed = issue("RK-1", status=FindingStatus.REGRESSED, fix_commit="f" * 40, regressed_by="r" * 40)
    result = evaluate(base(fixed), head(regressed), POLICY, fix_gone=kept)
    assert gates_failed(result) == ["regressions"]
    assert "r" * 12 in result.violations[0].reason
    assert evaluate(base(regressed), head(regressed), POLICY, fix_gone=kept).passed
    accepted = regressed.model_copy(update={"triage": TriageStatus.ACCEPTED_RISK})
    withdrawn = evaluate(base(accepted), head(regressed), POLICY, fix_gone=kept)
    assert [(v.gate, v.reason) for v in withdrawn.violations] == [(Gate.NEW_FINDINGS, "was accepted-risk at the base")]


def test_fix_commit_no_longer_in_branch_is_a_reverted_fix_not_a_new_finding() -> None:
    fixed = issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)
    open_again = issue("RK-1")
    result = evaluate(
        base(fixed), head(open_again), POLICY, fix_gone=lambda sha: "reverted by abc" if sha == "f" * 40 else None
    )
    assert gates_failed(result) == ["reverted-fixes"]
    assert len(result.violations) == 1
    assert result.violations[0].reason == f"fixed by {'f' * 12}, which is reverted by abc"


def test_head_fix_outside_the_branch_is_reverted_but_a_new_fix_in_branch_clears_it() -> None:
    stale = issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)
    result = evaluate(base(stale), head(stale), POLICY, fix_gone=gone)
    assert gates_failed(result) == ["reverted-fixes"]
    refixed = stale.model_copy(update={"fix_commit": "a" * 40})
    result = evaluate(
        base(stale), head(refixed), POLICY, fix_gone=lambda sha: None if sha == "a" * 40 else "not in this branch"
    )
    assert result.passed


def test_closed_since_base_and_vanished_issues_are_absent() -> None:
    result = evaluate(
        base(issue("RK-1"), issue("RK-2")),
        head(issue("RK-1", status=FindingStatus.FIXED, fix_commit="f" * 40)),
        POLICY,
        fix_gone=kept,
    )
    assert [i.key for i in result.closed_since_base] == ["RK-1", "RK-2"]


def test_three_hundred_new_findings_are_just_violations() -> None:
    many = tuple(issue(f"RK-{n:03d}") for n in range(300))
    result = evaluate(base(), head(*many), POLICY, fix_gone=kept)
    assert len(result.violations) == 300


# ------------------------------------------------------------------ score drops


def test_score_drop_beyond_threshold_fails_and_equal_to_threshold_passes() -> None:
    two_down = (score(1, 7), score(2, 5))
    result = evaluate(base(), head(scores=two_down), POLICY, fix_gone=kept)
    assert gates_failed(result) == ["score-drop"]
    assert "down 2" in result.violations[0].reason
    exactly = (score(1, 7), score(2, 6))
    assert evaluate(base(), head(scores=exactly), POLICY, fix_gone=kept).passed
    loose = GatePolicy(fail_on=Severity.HIGH, max_score_drop=2.5)
    assert evaluate(base(), head(scores=two_down), loose, fix_gone=kept).passed


def test_score_drop_already_at_base_is_known_not_failing() -> None:
    two_down = (score(1, 7), score(2, 5))
    result = evaluate(base(scores=two_down), head(scores=two_down), POLICY, fix_gone=kept)
    assert result.passed
    assert len(result.known_score_drops) == 1
