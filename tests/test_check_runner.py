"""The runner: which fixes a `git revert` undid, where the reviews sit, which base the gate compares with."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.check.runner import choose_base, reverted_commits, reviews_prefix
from reviewkit.errors import GitError
from reviewkit.gitio import open_repo

from .conftest import GitRepoBuilder

FIX, REVERT, REREVERT, OTHER = "f" * 40, "e" * 40, "a" * 40, "0" * 40


def resolve(short: str) -> str | None:
    return next((sha for sha in (FIX, REVERT, REREVERT, OTHER) if sha.startswith(short)), None)


def test_a_revert_message_marks_the_fix_reverted() -> None:
    messages = [(OTHER, "unrelated"), (REVERT, f'Revert "Fix it"\n\nThis reverts commit {FIX}.')]
    assert reverted_commits(messages, resolve) == {FIX: REVERT}


def test_short_shas_resolve_and_reverting_the_revert_restores_the_fix() -> None:
    messages = [
        (REVERT, f"This reverts commit {FIX[:10]}."),
        (REREVERT, f"Reapply\n\nThis reverts commit {REVERT}."),
    ]
    assert reverted_commits(messages, resolve) == {}
    assert reverted_commits(messages[:1], resolve) == {FIX: REVERT}


def test_no_reverts_no_entries() -> None:
    assert reverted_commits([(FIX, "Fix C-001: guard the cache"), (OTHER, "reverts nothing")], resolve) == {}


def test_reviews_prefix(tmp_path: Path) -> None:
    (tmp_path / "repo" / "docs" / "reviews").mkdir(parents=True)
    repo = tmp_path / "repo"
    assert reviews_prefix(repo, repo / "docs" / "reviews") == "docs/reviews"
    assert reviews_prefix(repo, repo) == ""
    assert reviews_prefix(repo, tmp_path / "elsewhere") is None


# ------------------------------------------------------------------ git: ancestry, messages, the default base


def repo_with_branch(git_repo: Callable[[str], GitRepoBuilder]) -> tuple[GitRepoBuilder, dict[str, str]]:
    """main: a - b ; feature (checked out): b - c - d, with origin/main → b."""
    builder = git_repo("repo")
    shas = {"a": builder.commit("a", {"f.txt": "1\n"}), "b": builder.commit("b", {"f.txt": "2\n"})}
    builder.writer.branch("feature")
    shas["c"] = builder.commit("c", {"f.txt": "3\n"})
    shas["d"] = builder.commit(f"Revert c\n\nThis reverts commit {shas['c']}.", {"f.txt": "2\n"})
    subprocess.run(["git", "-C", str(builder.path), "update-ref", "refs/remotes/origin/main", shas["b"]], check=True)
    return builder, shas


def test_gitio_ancestry_and_messages(git_repo: Callable[[str], GitRepoBuilder]) -> None:
    builder, shas = repo_with_branch(git_repo)
    reader = open_repo(builder.path)
    assert reader.is_ancestor(shas["a"], shas["d"]) and not reader.is_ancestor(shas["d"], shas["a"])
    assert not reader.is_ancestor("0" * 40)
    assert reader.merge_base("origin/main", "HEAD") == shas["b"]
    assert [sha for sha, _ in reader.commit_messages(shas["b"])] == [shas["c"], shas["d"]]
    assert len(reader.commit_messages(None)) == 4
    assert reverted_commits(reader.commit_messages(shas["b"]), reader.resolve) == {shas["c"]: shas["d"]}


def test_default_base_is_the_fork_point_then_the_parent(git_repo: Callable[[str], GitRepoBuilder]) -> None:
    builder, shas = repo_with_branch(git_repo)
    reader = open_repo(builder.path)
    fork = choose_base(reader, None, {})
    assert (fork.commit, fork.why) == (shas["b"], "merge-base of HEAD and origin/main")
    assert choose_base(reader, None, {"GITHUB_BASE_REF": "main"}).why == "merge-base of HEAD and origin/main"
    builder.writer.checkout("main")  # HEAD is the upstream itself (a push to main): judge the last commit
    on_main = choose_base(open_repo(builder.path), None, {})
    assert (on_main.ref, on_main.commit) == ("HEAD~1", shas["a"])


def test_explicit_base_must_exist(git_repo: Callable[[str], GitRepoBuilder]) -> None:
    builder, shas = repo_with_branch(git_repo)
    reader = open_repo(builder.path)
    assert choose_base(reader, "origin/main", {}).commit == shas["b"]
    with pytest.raises(GitError, match="'nope' is not a known revision"):
        choose_base(reader, "nope", {})
