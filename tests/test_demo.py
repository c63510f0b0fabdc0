"""The built-in demo: deterministic, realistic, and tracked end to end with the facts it was written to show."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reviewkit.demo import DemoInfo, build_demo
from reviewkit.errors import InputError
from reviewkit.model import DocumentKind, FindingStatus, TriageStatus
from reviewkit.track import Ledger, TrackedIssue, build_ledger


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoInfo:
    return build_demo(tmp_path_factory.mktemp("demo") / "shop")


@pytest.fixture(scope="module")
def ledger(demo: DemoInfo) -> Ledger:
    return build_ledger(demo.repo, demo.reviews)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _issue(ledger: Ledger, path: str, words: str) -> TrackedIssue:
    matches = [i for i in ledger.issues if i.path == path and words.lower() in i.title.lower()]
    assert len(matches) == 1, [i.title for i in ledger.issues]
    return matches[0]


def test_the_same_shas_on_every_build(demo: DemoInfo, tmp_path: Path) -> None:
    again = build_demo(tmp_path / "again")
    assert again.commits == demo.commits
    assert _git(demo.repo, "rev-parse", "HEAD").strip() == demo.commits["r4"]


def test_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not empty"):
        build_demo(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_layout_is_one_folder_per_round_one_file_per_reviewer(demo: DemoInfo) -> None:
    for round_key in demo.rounds:
        names = {p.name for p in (demo.reviews / round_key).iterdir()}
        assert {f"{r}.md" for r in demo.reviewers} <= names
    assert (demo.reviews / "triage.toml").is_file()
    assert _git(demo.repo, "status", "--porcelain") == ""


def test_reviews_name_the_commit_they_review_and_quote_its_real_lines(demo: DemoInfo, ledger: Ledger) -> None:
    reviewed = {"round-01": "listing", "round-02": "retry", "round-03": "cancel", "round-04": "regression"}
    checked = 0
    for document in ledger.documents:
        if document.kind is not DocumentKind.REVIEW:
            continue
        sha = demo.commits[reviewed[document.path.split("/")[0]]]
        for review in document.reviews:
            assert review.commit == sha[:7], document.path
            for finding in review.findings:
                for location in finding.locations:
                    if location.path is None or location.start is None or not location.path.startswith("src/"):
                        continue
                    lines = _git(demo.repo, "show", f"{sha}:{location.path}").splitlines()
                    assert (location.end or location.start) <= len(lines), (document.path, finding.id)
                    quoted = [s for s in finding.snippets if "\n" in s or "(" in s]
                    if quoted:
                        first = quoted[0].strip().splitlines()[0].strip()
                        assert any(first in line for line in lines), (document.path, finding.id, first)
                    checked += 1
    assert checked >= 20


def test_rounds_and_reviewers(demo: DemoInfo, ledger: Ledger) -> None:
    assert [r.key for r in ledger.rounds] == list(demo.rounds)
    for info in ledger.rounds:
        assert set(info.reviewers) == set(demo.reviewers), info.key


def test_three_fix_summaries_with_decisions(ledger: Ledger) -> None:
    summaries = [d for d in ledger.documents if d.kind is DocumentKind.FIX_SUMMARY]
    assert [d.path for d in summaries] == [f"round-0{n}/summary.md" for n in (1, 2, 3)]
    assert all(d.decisions for d in summaries)
    assert any(decision.consensus == "3/3" for d in summaries for decision in d.decisions)


def test_fixes_are_linked_to_their_commits(demo: DemoInfo, ledger: Ledger) -> None:
    cache = _issue(ledger, "src/shop/cache.py", "races")
    assert cache.status is FindingStatus.FIXED
    assert cache.fix is not None and cache.fix.commit == demo.commits["fix-cache-lock"]  # message names C-001
    ownership = _issue(ledger, "src/shop/api.py", "cancel")
    assert ownership.fix is not None and ownership.fix.commit == demo.commits["fix-ownership"]  # message names no id
    timing = _issue(ledger, "src/shop/auth.py", "signature")
    assert timing.times_raised == 2 and timing.consensus == 3  # recurring, 3/3 in round 2


def test_a_fix_naming_some_reviewers_ids_closes_the_whole_issue(demo: DemoInfo, ledger: Ledger) -> None:
    timing = _issue(ledger, "src/shop/auth.py", "signature")
    assert timing.fix is not None and timing.fix.commit == demo.commits["fix-timing"]


def test_the_regression_is_detected(ledger: Ledger) -> None:
    sql = _issue(ledger, "src/shop/db.py", "sql")
    assert sql.status is FindingStatus.REGRESSED
    assert sql.regressed_by is not None
    assert sql.first_round == "round-01" and sql.last_round == "round-04"


def test_the_regression_names_the_commit_that_brought_the_code_back(demo: DemoInfo, ledger: Ledger) -> None:
    assert _issue(ledger, "src/shop/db.py", "sql").regressed_by == demo.commits["regression"]


def test_recurring_issue_raised_by_several_reviewers_is_triaged_deferred(ledger: Ledger) -> None:
    listing = _issue(ledger, "src/shop/api.py", "limit")
    assert listing.times_raised == 3 and len(listing.reviewers) >= 2
    assert listing.triage is TriageStatus.DEFERRED and listing.owner == "alex"
    assert not listing.open
    logging = _issue(ledger, "src/shop/auth.py", "debug log")
    assert logging.triage is TriageStatus.ACCEPTED_RISK


def test_the_latest_round_leaves_open_critical_work(ledger: Ledger) -> None:
    open_critical = [i for i in ledger.issues if i.open and i.severity is not None and i.severity.value == "critical"]
    assert [i.path for i in open_critical] == ["src/shop/db.py"]


def test_every_issue_has_the_status_the_history_was_written_to_produce(demo: DemoInfo, ledger: Ledger) -> None:
    expected = {  # (file, words of the title) -> step of the fixing commit, or None while open
        ("src/shop/cache.py", "races"): "fix-cache-lock",
        ("src/shop/db.py", "sql"): "fix-sql-params",
        ("src/shop/config.py", "secret"): "fix-secret",
        ("src/shop/auth.py", "signature"): "fix-timing",  # message names GPT's and Gemini's ids, not Grok's
        ("src/shop/db.py", "backoff"): "fix-backoff",
        ("src/shop/db.py", "closed"): "fix-closing",
        ("src/shop/api.py", "cancel"): "fix-ownership",
        ("src/shop/api.py", "negative"): "fix-totals",
        ("src/shop/api.py", "limit"): None,
        ("src/shop/auth.py", "debug log"): None,
        ("src/shop/cache.py", "cached none"): None,
        ("src/shop/cache.py", "evict"): None,
        ("src/shop/cache.py", "counters"): None,
    }
    step_of = {sha: name for name, sha in demo.commits.items()}
    found = {
        (path, words): step_of.get(issue.fix.commit) if issue.fix else None
        for (path, words) in expected
        for issue in [_issue(ledger, path, words)]
    }
    assert found == expected
    assert len(ledger.issues) == len(expected)


def test_open_critical_per_round_follows_the_fix_and_the_regression(ledger: Ledger) -> None:
    from reviewkit import frames

    sql = _issue(ledger, "src/shop/db.py", "sql")
    assert (sql.first_round, sql.fixed_round, sql.regressed_round) == ("round-01", "round-01", "round-04")
    rounds = frames.rounds_frame(ledger)
    # both round-1 CRITICALs were fixed before round 2; the SQL injection is back in the code round 4 reviewed
    assert rounds["open_critical"].tolist() == [0, 0, 0, 1]
    # raised is not open: round 1 raised both, and its table row says so beside "open at end: 0"
    assert rounds["raised_critical"].tolist() == [2, 0, 0, 1]


def test_fix_summary_ids_that_differ_only_in_case_stay_apart(ledger: Ledger) -> None:
    # Gemini's D2-M001 (major: timing compare) was fixed in round 2; D2-m001 (minor: debug log) never was
    from reviewkit.model import Decision

    debug_log = _issue(ledger, "src/shop/auth.py", "debug log")
    assert debug_log.decisions and all(d.decision is Decision.SKIPPED for d in debug_log.decisions)
    timing = _issue(ledger, "src/shop/auth.py", "signature")
    assert any(d.decision is Decision.FIXED and d.round_key == "round-02" for d in timing.decisions)
