"""Frames: declared columns, categorical severity, values from the ledger."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from reviewkit import frames
from reviewkit.model import Anchor, AnchorRule, FindingStatus, FixLink
from reviewkit.track import link_locally, track_documents
from reviewkit.track.records import Ledger
from tests.track_builders import two_round_history


def _ledger() -> Ledger:
    docs = two_round_history()
    return track_documents(docs, link_locally(docs))


def test_every_frame_has_its_declared_columns_in_order() -> None:
    ledger = _ledger()
    for build, columns in (
        (frames.findings_frame, frames.FINDING_COLUMNS),
        (frames.issues_frame, frames.ISSUE_COLUMNS),
        (frames.dimensions_frame, frames.DIMENSION_COLUMNS),
        (frames.overall_frame, frames.OVERALL_COLUMNS),
        (frames.rounds_frame, frames.ROUND_COLUMNS),
    ):
        assert tuple(build(ledger).columns) == columns
        assert tuple(build(Ledger()).columns) == columns  # empty ledgers keep the schema


def test_severity_is_an_ordered_categorical() -> None:
    findings = frames.findings_frame(_ledger())
    assert isinstance(findings["severity"].dtype, pd.CategoricalDtype)
    assert list(findings["severity"].cat.categories) == ["critical", "high", "medium", "low", "info"]
    assert findings["severity"].min() == "critical"


def test_findings_frame_rows() -> None:
    findings = frames.findings_frame(_ledger())
    assert len(findings) == 5
    grok = findings[findings["finding_id"] == "C-001"].iloc[0]
    assert (grok["reviewer"], grok["round_label"], grok["consensus"], grok["path"]) == (
        "grok",
        "r1",
        2,
        "/x/src/rag/pipeline.py",
    )


def test_issues_frame_latency_open_and_age() -> None:
    issues = frames.issues_frame(_ledger()).set_index("title")
    fixed = issues.loc["Retriever cache bare dict without lock"]
    assert fixed["status"] == "fixed" and not fixed["open"]
    assert fixed["latency_rounds"] == 0.0 and fixed["fix_confidence"] == 0.5
    health = issues.loc["Dockerfile HEALTHCHECK probes /health instead of /live"]
    assert health["open"] and health["times_raised"] == 2 and health["age_rounds"] == 1
    assert math.isnan(health["latency_rounds"])


def test_dimension_delta_against_same_reviewer_else_round_mean() -> None:
    dims = frames.dimensions_frame(_ledger())
    assert dims["score_10"].tolist() == [7.0, 6.0, 8.0]
    assert math.isnan(dims["delta"].iloc[0]) and math.isnan(dims["delta"].iloc[1])
    assert dims["delta"].iloc[2] == 2.0  # grok 6 → 8


def test_rounds_frame_counts() -> None:
    rounds = frames.rounds_frame(_ledger()).set_index("round_key")
    assert rounds.loc["r1", "new"] == 3 and rounds.loc["r1", "fixed"] == 1
    assert rounds.loc["r2", "recurring"] == 1 and rounds.loc["r2", "new"] == 0
    assert rounds.loc["r1", "overall_mean_100"] == 65.0
    assert rounds.loc["r2", "open_high"] == 1  # the healthcheck; the critical lock race was fixed in r1
    assert rounds.loc["r1", "open_critical"] == 0


def test_latency_commits_counts_history_from_the_first_anchor_to_the_fix() -> None:
    docs = two_round_history()
    fix = FixLink(commit="c5", confidence=0.8, evidence=("changes referenced lines",))
    linked = [
        f.model_copy(update={"anchor": Anchor(commit="c2", rule=AnchorRule.ADDED)})
        if f.document.startswith("r1/")
        else f.model_copy(update={"anchor": Anchor(commit="c4", rule=AnchorRule.ADDED)})
        for f in link_locally(docs)
    ]
    linked = [
        f.model_copy(update={"status": FindingStatus.FIXED, "fix": fix}) if f.finding.id in ("F-001", "C-001") else f
        for f in linked
    ]
    rank = {f"c{n}": n for n in range(7)}
    issues = frames.issues_frame(track_documents(docs, linked, commit_rank=rank)).set_index("title")
    assert issues.loc["Retriever cache bare dict without lock", "latency_commits"] == 3.0  # c2 → c5
    assert math.isnan(issues.loc["Duplicated Firestore clients", "latency_commits"])  # not fixed
    without_git = frames.issues_frame(track_documents(docs, linked)).set_index("title")
    assert math.isnan(without_git.loc["Retriever cache bare dict without lock", "latency_commits"])


def test_reviewers_is_a_list_of_canonical_names() -> None:
    issues = frames.issues_frame(_ledger()).set_index("title")
    assert issues.loc["Retriever cache bare dict without lock", "reviewers"] == ["gemini", "grok"]
    assert issues.loc["Duplicated Firestore clients", "reviewers"] == ["gemini"]


def test_one_severity_order_everywhere() -> None:
    # RK-016: the order was written in four places (two rank dicts, Severity.rank, SEVERITY_ORDER)
    import inspect

    import pandas as pd

    import reviewkit.report.facts as facts
    import reviewkit.report.views as views
    from reviewkit.frames import SEVERITY_ORDER, severity_rank
    from reviewkit.model import Severity

    assert [s.rank for s in Severity] == list(range(len(Severity)))
    assert tuple(s.value for s in sorted(Severity, key=lambda s: s.rank)) == SEVERITY_ORDER
    ranks = severity_rank(pd.Series(["low", None, "critical", "info"]))
    assert ranks.tolist() == [3, 9, 0, 4]
    for module in (facts, views):
        assert '"critical": 0' not in inspect.getsource(module)


def test_markdown_cells_are_escaped_by_one_helper() -> None:
    from reviewkit.mdtext import markdown_cell

    assert markdown_cell("a | b\nc") == "a \\| b c"
    package = Path(__file__).resolve().parent.parent / "reviewkit"
    escaping = 'replace("|", "\\\\|")'
    assert [p.name for p in package.rglob("*.py") if escaping in p.read_text(encoding="utf-8")] == ["mdtext.py"]
