"""build_ledger end to end: no git, with git (link), and "as of" an earlier commit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.errors import InputError
from reviewkit.model import FindingStatus, TriageEntry, TriageStatus
from reviewkit.track import build_ledger
from tests.conftest import GitRepoBuilder

CODE = "".join(f"value_{i} = compute_value({i})\n" for i in range(1, 31))


def _review(reviewer: str, fid: str, title: str, line: int) -> str:
    return (
        f"# {reviewer} Review\n\n**Reviewer**: {reviewer}\n**Date**: 2026-02-20\n\n## Findings\n\n### HIGH\n\n"
        f"#### {fid}: {title}\n`src/app.py:{line}` is not validated.\n"
    )


def test_without_git_everything_tracks_and_statuses_are_unknown(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    (reviews / "r1").mkdir(parents=True)
    (reviews / "r1" / "grok-review.md").write_text(_review("Grok", "H-001", "Input not validated", 5))
    (reviews / "r1" / "gemini-review.md").write_text(_review("Gemini", "F-1", "Input is not validated", 5))
    ledger = build_ledger(None, reviews)
    assert [r.reviewers for r in ledger.rounds] == [("gemini", "grok")]
    (issue,) = ledger.issues
    assert issue.status is FindingStatus.UNKNOWN and issue.consensus == 2
    assert not (tmp_path / ".reviewkit-cache").exists()  # no repo, no cache dir given: nothing written


def test_missing_reviews_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="reviews folder not found"):
        build_ledger(None, tmp_path / "missing")


def test_at_reads_reviews_from_that_commit(git_repo: Callable[[str], GitRepoBuilder]) -> None:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    first = g.commit("round 1", {"reviews/r1/grok-review.md": _review("Grok", "H-001", "Input not validated", 5)})
    g.commit("round 2", {"reviews/r2/grok-review.md": _review("Grok", "H-001", "Cache never expires", 9)})
    now = build_ledger(g.path, g.path / "reviews")
    then = build_ledger(g.path, g.path / "reviews", at=first)
    assert [r.key for r in now.rounds] == ["r1", "r2"]
    assert [r.key for r in then.rounds] == ["r1"]
    assert then.issues[0].key == now.issue(then.issues[0].key).key  # same key as of the earlier commit


def test_linked_fix_makes_the_issue_fixed(git_repo: Callable[[str], GitRepoBuilder]) -> None:
    g = git_repo("repo")
    c1 = g.commit("code", {"src/app.py": CODE})
    review = _review("Grok", "C-001", "Unvalidated input in compute", 20).replace(
        "**Date**", f"**Commit**: {c1[:7]}\n**Date**"
    )
    g.commit("review", {"reviews/r1/grok-review.md": review})
    g.commit("Validate the input (fixes C-001)", {"src/app.py": CODE.replace("compute_value(20)", "validated(20)")})
    (issue,) = build_ledger(g.path, g.path / "reviews").issues
    assert issue.status is FindingStatus.FIXED
    assert issue.fix is not None and issue.status_confidence == issue.fix.confidence
    assert issue.latency_commits == 2  # anchor c1 → the review commit → the fix


def test_rounds_follow_the_commit_order_of_their_anchors_not_their_dates(
    git_repo: Callable[[str], GitRepoBuilder],
) -> None:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    late_date = _review("Grok", "H-001", "Input not validated", 5).replace("2026-02-20", "2026-03-30")
    g.commit("first review", {"reviews/zeta/grok-review.md": late_date})
    g.commit("second review", {"reviews/alpha/grok-review.md": _review("Grok", "H-002", "Cache never expires", 9)})
    with_git = build_ledger(g.path, g.path / "reviews")
    assert [r.key for r in with_git.rounds] == ["zeta", "alpha"]  # committed first, although dated later
    assert all(r.anchor_commit for r in with_git.rounds)
    without_git = build_ledger(None, g.path / "reviews")
    assert [r.key for r in without_git.rounds] == ["alpha", "zeta"]  # by date


def test_readme_and_summary_only_folders_are_not_rounds_and_age_counts_reviewed_rounds(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    for folder in ("r1", "r2", "r3-fixes"):
        (reviews / folder).mkdir(parents=True)
    (reviews / "README.md").write_text("# Reviews\n\nOne folder per round; see INDEX.\n")
    (reviews / "index.md").write_text("# Index\n\n- r1\n- r2\n")
    (reviews / "r1" / "grok-review.md").write_text(_review("Grok", "H-001", "Input not validated", 5))
    summary = "# Fix summary\n\n## Fixed\n\n- Grok H-001: validated the input\n"
    (reviews / "r3-fixes" / "summary.md").write_text(summary)
    (reviews / "r2" / "grok-review.md").write_text(
        _review("Grok", "H-007", "Cache never expires", 9)
        .replace("2026-02-20", "2026-02-21")
        .replace("`src/app.py:9` is not validated", "`src/cache.py:9` keeps entries forever")
    )
    ledger = build_ledger(None, reviews)
    assert [r.key for r in ledger.rounds] == ["r1", "r2"]
    assert {d.path for d in ledger.documents} >= {"README.md", "index.md", "r3-fixes/summary.md"}
    from reviewkit.frames import issues_frame

    ages = issues_frame(ledger).set_index("title")["age_rounds"]
    assert ages["Input not validated"] == 1 and ages["Cache never expires"] == 0


def test_at_reads_the_triage_file_committed_at_that_ref(git_repo: Callable[[str], GitRepoBuilder]) -> None:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    g.commit("round 1", {"reviews/r1/grok-review.md": _review("Grok", "H-001", "Input not validated", 5)})
    (key,) = [i.key for i in build_ledger(g.path, g.path / "reviews").issues]
    accepted = f'["{key}"]\nstatus = "accepted-risk"\nnote = "internal only"\n'
    decided = g.commit("triage", {"reviews/triage.toml": accepted})
    g.commit("undo the decision", {"reviews/triage.toml": None})
    (g.path / "reviews" / "triage.toml").write_text(f'["{key}"]\nstatus = "wont-fix"\n')  # not committed
    assert build_ledger(g.path, g.path / "reviews").issues[0].triage is TriageStatus.WONT_FIX  # working tree
    assert build_ledger(g.path, g.path / "reviews", at=decided).issues[0].triage is TriageStatus.ACCEPTED_RISK
    assert build_ledger(g.path, g.path / "reviews", at="HEAD~0").issues[0].triage is None  # deleted at HEAD
    g.commit("broken triage", {"reviews/triage.toml": "[oops\n"})
    with pytest.raises(InputError, match="triage"):
        build_ledger(g.path, g.path / "reviews", at="HEAD~0")


def test_cache_lives_in_the_git_dir_and_leaves_the_work_tree_clean(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path
) -> None:
    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    g.commit("round 1", {"reviews/r1/grok-review.md": _review("Grok", "H-001", "Input not validated", 5)})
    build_ledger(g.path, g.path / "reviews")
    cache = g.path / ".git" / "reviewkit-cache"
    assert any((cache / "parse").iterdir()) and any((cache / "link").iterdir())
    assert not (g.path / ".reviewkit-cache").exists()
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=g.path, capture_output=True, text=True)
    assert status.stdout == ""
    build_ledger(g.path, g.path / "reviews", cache_dir=tmp_path / "elsewhere")
    assert any((tmp_path / "elsewhere" / "parse").iterdir())


def test_a_broken_link_stage_fails_loudly_instead_of_leaving_everything_unknown(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path
) -> None:
    # RK-008: an ImportError inside the link stage used to become "link stage not available" + all unknown
    from reviewkit.track.cache import StageCache
    from reviewkit.track.ledger import build_ledger_with

    g = git_repo("repo")
    g.commit("code", {"src/app.py": CODE})
    g.commit("round 1", {"reviews/r1/grok-review.md": _review("Grok", "H-001", "Input not validated", 5)})

    def broken_link(*_args: object, **_kwargs: object) -> object:
        raise ImportError("cannot import name 'scan_history' from 'reviewkit.link.scan'")

    with pytest.raises(ImportError, match="scan_history"):
        build_ledger_with(StageCache(tmp_path / "cache"), g.path, g.path / "reviews", link_documents=broken_link)


def test_the_link_stage_is_imported_statically() -> None:
    import inspect

    from reviewkit.link import link_documents
    from reviewkit.track import ledger

    assert "importlib" not in inspect.getsource(ledger)
    assert inspect.signature(ledger.build_ledger_with).parameters["link_documents"].default is link_documents


def test_library_errors_speak_in_parameters_and_the_cli_in_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # RK-017: the library named a `--at` flag that no command has
    from reviewkit.cli import main
    from reviewkit.errors import RepositoryNeeded

    (tmp_path / "reviews" / "r1").mkdir(parents=True)
    with pytest.raises(RepositoryNeeded) as caught:
        build_ledger(None, tmp_path / "reviews", reviews_from_git="reviews")
    assert "--" not in str(caught.value) and "repo=" in str(caught.value)
    assert main(["status", "--reviews", str(tmp_path / "reviews"), "--reviews-from-git"]) == 2
    err = capsys.readouterr().err
    assert "--at" not in err


def test_keys_survive_a_document_added_to_a_round_and_triage_keeps_applying(tmp_path: Path) -> None:
    # RK-002: adding a reviewer's file whose name sorts first re-keyed the issues it restated
    from reviewkit.track.keyindex import KEY_INDEX_FILENAME
    from reviewkit.track.triage import record_triage

    reviews = tmp_path / "reviews"
    (reviews / "r1").mkdir(parents=True)
    (reviews / "r1" / "grok-review.md").write_text(_review("Grok", "H-001", "Input not validated", 5))
    (reviews / "r1" / "gemini-review.md").write_text(_review("Gemini", "F-1", "Input is not validated", 5))
    (before,) = build_ledger(None, reviews, record_keys=True).issues
    assert (reviews / KEY_INDEX_FILENAME).is_file()
    record_triage(reviews, TriageEntry(key=before.key, status=TriageStatus.ACCEPTED_RISK, note="single instance"))
    (reviews / "r1" / "aaa-claude-review.md").write_text(_review("Claude", "C-7", "Input never validated", 5))
    after = build_ledger(None, reviews, record_keys=True)
    assert [i.key for i in after.issues] == [before.key]
    assert after.issues[0].triage is TriageStatus.ACCEPTED_RISK and after.issues[0].consensus == 3
    assert not any("matches no tracked issue" in w for w in after.warnings)


def test_an_orphaned_triage_entry_names_the_nearest_issue(tmp_path: Path) -> None:
    from reviewkit.track.triage import record_triage

    reviews = tmp_path / "reviews"
    (reviews / "r1").mkdir(parents=True)
    (reviews / "r1" / "grok-review.md").write_text(_review("Grok", "H-001", "Input not validated", 5))
    (issue,) = build_ledger(None, reviews, record_keys=True).issues
    record_triage(reviews, TriageEntry(key=issue.key, status=TriageStatus.WONT_FIX))
    (reviews / "r1" / "grok-review.md").write_text(_review("Grok", "H-9", "Input validation missing in app", 5))
    ledger = build_ledger(None, reviews)
    (note,) = [w for w in ledger.warnings if w.startswith(f"triage entry {issue.key}")]
    assert f"nearest: {ledger.issues[0].key}" in note


def test_a_fix_summary_beside_its_rounds_reviews_adds_no_findings_but_one_alone_is_tracked() -> None:
    from reviewkit.parse import parse_text
    from reviewkit.track import link_locally, track_documents

    review = "# Grok Review — Round 4\n\n## Findings\n\n### H-1 [HIGH]: Embeddings cache never expires\n`src/e.py:3`\n"
    summary = (
        "# Round 4 Fix Summary\n\n## Fixes Applied\n\n"
        "### Fix 1: Embeddings lru_cache replaced by TTLCache (3/3 consensus)\n**Severity**: HIGH\n\nDone.\n"
    )
    docs = [parse_text(review, "r4/grok.md"), *(parse_text(summary, f"{r}/summary.md") for r in ("r4", "r5"))]
    assert all(any(r.findings for r in d.reviews) for d in docs)  # the parser reads each as holding a finding
    ledger = track_documents(docs, link_locally(docs))
    assert sorted(f.document for f in ledger.findings) == ["r4/grok.md", "r5/summary.md"]


def test_a_synthesis_holds_its_findings_but_beside_its_rounds_reviews_neither_tracks_them_nor_scores() -> None:
    from reviewkit.frames import overall_frame
    from reviewkit.model import DocumentKind
    from reviewkit.parse import parse_text
    from reviewkit.track import link_locally, track_documents

    review = "# Grok Review — Round 4\n\n**Overall:** 70/100\n\n## Findings\n\n### H-1 [HIGH]: Cache never expires\n"
    synthesis = (
        "# Round 4 Multi-Model Synthesis\n\n**Overall:** 68/100\n\n## Consensus Findings\n\n"
        "| ID | Severity | Finding |\n|---|---|---|\n| C1 | HIGH | Cache never expires |\n"
    )
    docs = [parse_text(review, "r4/grok.md"), parse_text(synthesis, "r4/synthesis.md")]
    assert docs[1].kind is DocumentKind.SYNTHESIS
    assert [f.title for r in docs[1].reviews for f in r.findings] == ["Cache never expires"]  # kind gates nothing
    ledger = track_documents(docs, link_locally(docs))
    assert [f.document for f in ledger.findings] == ["r4/grok.md"]
    assert overall_frame(ledger)["overall_score"].tolist() == [70]
