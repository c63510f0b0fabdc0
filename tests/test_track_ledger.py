"""build_ledger end to end: no git, with git (link), and "as of" an earlier commit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.errors import InputError
from reviewkit.model import FindingStatus
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
    assert (g.path / ".reviewkit-cache" / ".gitignore").read_text() == "*\n"


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
