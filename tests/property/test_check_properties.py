"""Hypothesis invariants of the CI gate: a change against itself passes, each issue fails at most once,
triage always exempts, and the verdict never depends on how many findings there are."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewkit.check.gate import GatePolicy, evaluate
from reviewkit.check.records import IssueState, ScoreState, Snapshot
from reviewkit.check.sarif import render_sarif
from reviewkit.model import FindingStatus, Severity, TriageStatus

_KEYS = [f"RK-{n:08x}" for n in range(12)]

issues = st.builds(
    IssueState,
    key=st.sampled_from(_KEYS),
    title=st.just("a finding"),
    severity=st.none() | st.sampled_from(list(Severity)),
    status=st.sampled_from(list(FindingStatus)),
    triage=st.none() | st.sampled_from(list(TriageStatus)),
    fix_commit=st.none() | st.sampled_from(["a" * 40, "b" * 40]),
)
scores = st.builds(
    ScoreState,
    round_key=st.just("r"),
    round_label=st.just("R"),
    round_order=st.integers(0, 3),
    reviewer=st.sampled_from(["gpt", "grok"]),
    dimension=st.sampled_from(["D1", "overall"]),
    dimension_name=st.just("Dimension"),
    score_10=st.floats(0, 10, allow_nan=False),
)


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    unique = {i.key: i for i in draw(st.lists(issues, max_size=12))}
    return Snapshot(ref="x", commit="c" * 40, issues=tuple(unique.values()), scores=tuple(draw(st.lists(scores))))


policies = st.builds(
    GatePolicy,
    fail_on=st.none() | st.sampled_from(list(Severity)),
    max_score_drop=st.none() | st.floats(0, 5, allow_nan=False),
)


def kept(_: str) -> None:
    """Every fix commit is still in the branch."""


@settings(max_examples=200, deadline=None)
@given(snapshots(), policies)
def test_a_snapshot_against_itself_always_passes(snap: Snapshot, policy: GatePolicy) -> None:
    result = evaluate(snap, snap, policy, fix_gone=kept)
    assert result.passed
    assert result.closed_since_base == ()


@settings(max_examples=200, deadline=None)
@given(snapshots(), snapshots(), policies, st.booleans())
def test_each_issue_fails_at_most_once_and_triage_always_exempts(
    base: Snapshot, head: Snapshot, policy: GatePolicy, fixes_lost: bool
) -> None:
    result = evaluate(base, head, policy, fix_gone=(lambda _: "gone") if fixes_lost else kept)
    keys = [v.issue.key for v in result.violations if v.issue is not None]
    assert len(keys) == len(set(keys))
    exempt = {i.key for i in head.issues if i.triage in {TriageStatus.WONT_FIX, TriageStatus.ACCEPTED_RISK}}
    assert not exempt & set(keys)
    assert all(v.gate in policy.active_gates for v in result.violations)
    assert result.passed == (not result.violations)
    sarif_results = render_sarif(result, tool_version="0")["runs"][0]["results"]
    sarif_keys = [r["properties"]["key"] for r in sarif_results if "key" in r["properties"]]
    assert len(sarif_keys) == len(set(sarif_keys)), "one SARIF result per issue"
