"""The git boundary: history as CommitInfo records, trees, file contents, review documents from history."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.errors import GitError
from reviewkit.gitio import RepoReader, open_repo
from reviewkit.gitlog import parse_log
from reviewkit.link.anchor import blob_sha
from tests.conftest import GitRepoBuilder

Factory = Callable[[str], GitRepoBuilder]


@pytest.fixture
def small(git_repo: Factory) -> tuple[GitRepoBuilder, list[str]]:
    g = git_repo("repo")
    shas = [
        g.commit("initial\n\nwith a body", {"src/a.py": "one\ntwo\nthree\n", "docs/x.md": "# x\n"}),
        g.commit("edit a", {"src/a.py": "zero\none\nTWO\nthree\n"}),
        g.commit("rename a", renames={"src/a.py": "src/b.py"}),
        g.commit("delete doc", {"docs/x.md": None, "name with space.txt": "s\n"}),
    ]
    return g, shas


def test_history_is_oldest_first_with_hunks(small: tuple[GitRepoBuilder, list[str]]) -> None:
    g, shas = small
    history = open_repo(g.path).history()
    assert [c.sha for c in history] == shas
    first, edit, rename, delete = history
    assert first.message == "initial\n\nwith a body" and first.parents == ()
    assert edit.parents == (shas[0],) and edit.author == "Dev Eloper"
    added = {c.new_path: c for c in first.changes}
    assert added["src/a.py"].old_path is None
    assert added["docs/x.md"].new_blob == blob_sha(b"# x\n")
    (change,) = edit.changes
    assert [(h.old_start, h.old_len, h.new_start, h.new_len) for h in change.hunks] == [(0, 0, 1, 1), (2, 1, 3, 1)]
    assert change.hunks[1].removed == ("two",) and change.hunks[1].added == ("TWO",)
    (moved,) = rename.changes
    assert (moved.old_path, moved.new_path, moved.hunks) == ("src/a.py", "src/b.py", ())
    paths = {(c.old_path, c.new_path) for c in delete.changes}
    assert paths == {("docs/x.md", None), (None, "name with space.txt")}


def test_parse_log_handles_messages_without_trailing_newline() -> None:
    lines = ["\x1eRKCOMMIT\x00" + "a" * 40 + "\x00\x00Ann\x002026-01-05T10:00:00+00:00\x00subject\x1fRKEND\n", "\n"]
    (commit,) = parse_log(lines)
    assert commit.message == "subject" and commit.changes == ()


def test_resolve_short_sha_and_unknown(small: tuple[GitRepoBuilder, list[str]]) -> None:
    g, shas = small
    reader = open_repo(g.path)
    assert reader.resolve(shas[1][:7]) == shas[1]
    assert reader.resolve("deadbee") is None
    assert reader.resolve("--all") is None


def test_file_contents_and_tree(small: tuple[GitRepoBuilder, list[str]]) -> None:
    g, shas = small
    reader = open_repo(g.path)
    assert reader.read_text(shas[1], "src/a.py") == "zero\none\nTWO\nthree\n"
    assert reader.read_text(shas[1], "src/b.py") is None
    assert reader.read_bytes(shas[1], "../outside") is None
    assert reader.tree_paths(shas[2]) == frozenset({"src/b.py", "docs/x.md"})


def test_documents_ever_includes_deleted_ones(small: tuple[GitRepoBuilder, list[str]]) -> None:
    g, shas = small
    g.commit("second doc", {"docs/y.md": "# y v1\n"})
    last = g.commit("edit y", {"docs/y.md": "# y v2\n"})
    docs = {d.path: d for d in open_repo(g.path).documents_ever("docs")}
    assert set(docs) == {"docs/x.md", "docs/y.md"}
    assert docs["docs/x.md"].deleted and docs["docs/x.md"].data == b"# x\n" and docs["docs/x.md"].commit == shas[2]
    assert docs["docs/y.md"].data == b"# y v2\n" and docs["docs/y.md"].commit == last


def test_documents_at_reads_a_folder_from_a_past_tree(small: tuple[GitRepoBuilder, list[str]]) -> None:
    g, shas = small
    reader = open_repo(g.path)
    assert [d.path for d in reader.documents_at(shas[0], "docs")] == ["docs/x.md"]
    assert reader.documents_at("HEAD", "docs") == []
    with pytest.raises(GitError, match="unknown revision"):
        reader.documents_at("nope", "docs")


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git repository"):
        open_repo(tmp_path)
    with pytest.raises(GitError, match="no such directory"):
        open_repo(tmp_path / "missing")


def _clone(args: list[str], source: Path, target: Path) -> RepoReader:
    subprocess.run(["git", "clone", "--quiet", *args, source.resolve().as_uri(), str(target)], check=True)
    return open_repo(target)


def test_bare_and_shallow_clones(small: tuple[GitRepoBuilder, list[str]], tmp_path: Path) -> None:
    g, shas = small
    bare = _clone(["--bare"], g.path, tmp_path / "bare.git")
    assert bare.work_tree is None and bare.shallow() is None
    assert [c.sha for c in bare.history()] == shas
    shallow = _clone(["--depth", "2"], g.path, tmp_path / "shallow")
    info = shallow.shallow()
    assert info is not None and info.boundary == (shas[2],)
    assert "shallow clone" in info.describe() and "2026-01-05" in info.describe()
    assert [c.sha for c in shallow.history()] == shas[2:]


def test_detached_head(small: tuple[GitRepoBuilder, list[str]]) -> None:
    g, shas = small
    g.writer.checkout(shas[1])
    reader = open_repo(g.path)
    assert [c.sha for c in reader.history()] == shas[:2]
    assert reader.resolve("HEAD") == shas[1]


def _drop_a_blob(g: GitRepoBuilder) -> None:
    """Delete one loose blob object, as a damaged or partially copied repository has."""
    sha = subprocess.run(
        ["git", "-C", str(g.path), "rev-parse", "HEAD:src/b.py"], check=True, capture_output=True, text=True
    ).stdout.strip()
    (g.path / ".git" / "objects" / sha[:2] / sha[2:]).unlink()


def test_git_failures_become_git_error_naming_what_was_read(small: tuple[GitRepoBuilder, list[str]]) -> None:
    # RK-007: a failing `git log -p` used to escape as GitPython's GitCommandError
    g, _ = small
    _drop_a_blob(g)
    with pytest.raises(GitError, match=r"cannot read the history of HEAD: .*git fsck"):
        open_repo(g.path).history()


def test_cli_reports_git_failure_in_one_line_with_exit_2(
    small: tuple[GitRepoBuilder, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewkit.cli import main

    g, _ = small
    (g.path / "reviews" / "round-01").mkdir(parents=True)
    (g.path / "reviews" / "round-01" / "a.md").write_text("# Review\n\n### C-001: bad\n**File**: `src/b.py:1`\n")
    _drop_a_blob(g)
    code = main(["backlog", "--repo", str(g.path), "--reviews", str(g.path / "reviews")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and "GitCommandError" not in err
    assert "cannot read the history" in err
