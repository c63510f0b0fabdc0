"""What a new user's bad input gets from every ledger command: a warning naming the file (and line), no traceback,
and the problem listed in the machine output and the report — never a silent skip."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.cli import main
from tests.conftest import GitRepoBuilder

REVIEW = """# Code review — round 1

**Reviewer**: Grok
**Commit**: {commit}

## CRITICAL

### C-001: eval on user input
`src/app.py:2` calls eval.

### C-002: config read from outside the tree
See `../../etc/app.py:1`.
"""


@pytest.fixture
def project(git_repo: Callable[[str], GitRepoBuilder]) -> GitRepoBuilder:
    g = git_repo("repo")
    g.commit("initial", {"src/app.py": "def f(x):\n    return eval(x)\n"})
    return g


def _status(g: GitRepoBuilder, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object], str]:
    code = main(["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def _write_review(g: GitRepoBuilder, commit: str, name: str = "round-01/grok.md") -> Path:
    path = g.path / "reviews" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(REVIEW.format(commit=commit), encoding="utf-8")
    return path


def test_a_named_commit_that_does_not_exist_is_a_warning_with_the_file(
    project: GitRepoBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_review(project, "deadbee")  # all letters: still a sha under a Commit label
    code, data, err = _status(project, capsys)
    assert code == 0 and "Traceback" not in err
    warning = next(w for w in data["warnings"] if "deadbee" in w)  # type: ignore[attr-defined]
    assert warning.startswith("round-01/grok.md:") and "does not exist" in warning
    assert "round-01/grok.md" in err and "deadbee" in err
    anchors = {row["anchor"]["note"] for row in data["findings"]}  # type: ignore[attr-defined]
    assert all(note.startswith("named commit not in history") for note in anchors)


def test_a_location_outside_the_repository_is_a_warning_with_file_and_line(
    project: GitRepoBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewed = project.commit("helper", {"src/util.py": "X = 1\n"})
    _write_review(project, reviewed[:7])  # anchored, so its paths are resolved against that tree
    code, data, err = _status(project, capsys)
    assert code == 0
    assert (
        "round-01/grok.md:11: location '../../etc/app.py' points outside the repository: not read"
        in (
            data["warnings"]  # type: ignore[operator]
        )
    )
    assert "../../etc/app.py" in err


def test_a_symlinked_review_folder_is_named_not_skipped_without_a_word(
    project: GitRepoBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_review(project, "0000000")
    (project.path / "reviews" / "round-02").symlink_to(project.path / "reviews" / "round-01", target_is_directory=True)
    code, data, err = _status(project, capsys)
    assert code == 0
    assert [r["document"] for r in data["findings"]] == ["round-01/grok.md"] * 2  # type: ignore[attr-defined]
    assert any(w.startswith("round-02: symbolic link to a folder") for w in data["warnings"])  # type: ignore[attr-defined]
    assert "round-02: symbolic link" in err


def test_a_degraded_document_is_listed_in_status_json_and_in_the_report(
    project: GitRepoBuilder, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    review = _write_review(project, "0000000")
    review.write_text(review.read_text(encoding="utf-8") + "\n```python\nnever closed\n", encoding="utf-8")
    code, data, err = _status(project, capsys)
    assert code == 0 and "1 document(s) with parse warnings (first: round-01/grok.md:14: code fence" in err
    (problem,) = data["parse_warnings"]  # type: ignore[misc]
    assert problem["document"] == "round-01/grok.md" and problem["line"] == 14
    assert "never closed" in problem["message"]
    for fmt, suffix in (("html", "html"), ("markdown", "md")):
        out = tmp_path / f"report.{suffix}"
        args = ["report", "--repo", str(project.path), "--reviews", str(project.path / "reviews")]
        assert main([*args, "--format", fmt, "-o", str(out)]) == 0
        page = out.read_text(encoding="utf-8")
        assert "1 problem(s) reading the reviews" in page and "round-01/grok.md:14:" in page


def test_a_readme_beside_the_reviews_is_not_a_reading_problem(
    project: GitRepoBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_review(project, "0000000")
    (project.path / "reviews" / "README.md").write_text("# Reviews\n\nOne folder a round.\n", encoding="utf-8")
    _, data, err = _status(project, capsys)
    assert data["parse_warnings"] == [] and "parse warnings" not in err


def test_a_shallow_clone_costs_one_warning_line_however_many_reviews_name_older_commits(
    git_repo: Callable[[str], GitRepoBuilder], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    g = git_repo("origin")
    reviewed = g.commit("initial", {"src/app.py": "def f(x):\n    return eval(x)\n"})
    reviews = {f"reviews/round-0{n}/r{n}.md": REVIEW.format(commit=reviewed[:7]) for n in range(1, 5)}
    g.commit("two", {"src/b.py": "b = 1\n"})
    g.commit("three", {"src/c.py": "c = 1\n"})
    g.commit("reviews", dict(reviews))
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{g.path}", str(clone)], check=True)
    code = main(["status", "--repo", str(clone), "--reviews", str(clone / "reviews"), "--format", "json"])
    out = capsys.readouterr()
    lines = [line for line in out.err.splitlines() if line.startswith("reviewkit:") and "outside" not in line]
    assert code == 0 and len(lines) == 1, out.err
    assert "shallow clone" in lines[0] and "4 document(s) name a commit before the cut" in lines[0]
    data = json.loads(out.out)
    assert data["shallow"] is True and sum("shallow history" in w for w in data["warnings"]) == 4


def test_a_review_over_the_size_limit_is_named_with_the_limit_in_every_command(
    project: GitRepoBuilder, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reviewkit.sources.MAX_BYTES", 2 * 1024 * 1024)
    review = _write_review(project, "0000000")
    review.write_text("x" * (3 * 1024 * 1024), encoding="utf-8")
    for command in ("status", "backlog"):
        code = main([command, "--repo", str(project.path), "--reviews", str(project.path / "reviews")])
        err = capsys.readouterr().err
        assert code == 0
        assert "first: round-01/grok.md: file larger than 2 MB: only the first part was parsed" in err
