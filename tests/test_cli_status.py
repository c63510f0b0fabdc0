"""``reviewkit status`` through reviewkit.cli.main, on a tiny repository with committed reviews."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.cli import main
from tests.conftest import GitRepoBuilder

CODE = "".join(f"value_{i} = compute_value({i})\n" for i in range(1, 41))


def review_md(commit: str, round_no: int, fid: str, line: int) -> str:
    return (
        f"# Round {round_no} Review — Grok\n\n**Reviewer**: Grok 4\n**Commit**: {commit[:7]}\n**Date**: 2026-02-20\n\n"
        f"## Findings\n\n### {fid} [CRITICAL]: Unvalidated input in compute\n`src/app.py:{line}`\n\n"
        "The value is not validated.\n"
    )


@pytest.fixture
def project(git_repo: Callable[[str], GitRepoBuilder]) -> tuple[GitRepoBuilder, str, str]:
    g = git_repo("repo")
    c1 = g.commit("initial", {"src/app.py": CODE})
    fixed = CODE.replace("value_20 = compute_value(20)", "value_20 = validated(20)")
    fix = g.commit("Validate the input", {"src/app.py": fixed})
    g.commit(
        "Add reviews",
        {"reviews/r16/grok.md": review_md(c1, 16, "C-001", 20), "reviews/r17/grok.md": review_md(fix, 17, "C-002", 30)},
    )
    return g, c1, fix


def test_status_json_follows_the_contract(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    g, c1, fix = project
    code = main(["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"])
    out = capsys.readouterr()
    assert code == 0
    rows = {r["document"]: r for r in json.loads(out.out)["findings"]}
    assert set(rows) == {"r16/grok.md", "r17/grok.md"}
    first = rows["r16/grok.md"]
    assert {
        "document",
        "id",
        "title",
        "severity",
        "round",
        "reviewer",
        "anchor",
        "locations",
        "status",
        "fix",
    } <= first.keys()
    assert first["anchor"]["commit"] == c1 and first["anchor"]["rule"] == "named"
    assert first["locations"][0] | {"note": None} == {
        "path": "src/app.py",
        "start": 20,
        "end": 20,
        "symbol": None,
        "resolved": True,
        "note": None,
    }
    assert first["status"] == "fixed"
    assert first["fix"]["commit"] == fix and re.fullmatch(r"[0-9a-f]{40}", first["fix"]["commit"])
    assert 0 < first["fix"]["confidence"] <= 1 and first["fix"]["evidence"]
    assert rows["r17/grok.md"]["status"] == "open" and rows["r17/grok.md"]["fix"] is None
    assert out.err == ""  # no progress when stderr is not a terminal


def test_status_table(project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]) -> None:
    g, _c1, fix = project
    assert main(["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["document", "status"]
    assert any(line.split()[:2] == ["r16/grok.md", "fixed"] and fix[:7] in line for line in out.splitlines())


def test_reviews_from_git_include_deleted_documents(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    g, _c1, fix = project
    g.commit("Clean old rounds", {"reviews/r16/grok.md": None})
    args = ["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"]
    assert main(args) == 0
    assert [r["document"] for r in json.loads(capsys.readouterr().out)["findings"]] == ["r17/grok.md"]
    assert main([*args, "--reviews-from-git", "reviews"]) == 0
    rows = {r["document"]: r for r in json.loads(capsys.readouterr().out)["findings"]}
    assert set(rows) == {"r16/grok.md", "r17/grok.md"}
    assert rows["r16/grok.md"]["fix"]["commit"] == fix
    assert main([*args, "--reviews-from-git="]) == 0
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 2
    # given without a PATHSPEC, last or before another option: the --reviews folder
    assert main([*args, "--reviews-from-git"]) == 0
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 2
    assert main(["status", "--reviews-from-git", *args[1:]]) == 0
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 2


def test_reviews_from_git_pathspec_of_one_round_keeps_paths_relative_to_reviews(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    g, _c1, _fix = project
    args = ["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"]
    assert main([*args, "--reviews-from-git", "reviews/r16"]) == 0
    assert [r["document"] for r in json.loads(capsys.readouterr().out)["findings"]] == ["r16/grok.md"]


def test_reviews_from_git_pathspec_matching_nothing_exits_2(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    g, _c1, _fix = project
    args = ["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"]
    assert main([*args, "--reviews-from-git", "reveiws"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "no review documents (*.md) were ever committed under 'reveiws'" in err


def test_not_a_repository_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "reviews").mkdir()
    assert main(["status", "--repo", str(tmp_path), "--reviews", str(tmp_path / "reviews")]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert "not a git repository" in out.err


def test_missing_reviews_folder_exits_2(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    g, _c1, _fix = project
    assert main(["status", "--repo", str(g.path), "--reviews", str(g.path / "nope")]) == 2
    assert "reviews folder not found" in capsys.readouterr().err  # the same words as every ledger command


def test_status_reads_the_vocabulary_and_shows_the_ledger_truth(
    git_repo: Callable[[str], GitRepoBuilder], capsys: pytest.CaptureFixture[str]
) -> None:
    # RK-005/RK-009: status ran its own pipeline with the default vocabulary and without the triage
    g = git_repo("repo")
    review = (
        "# Review\n\n**Reviewer**: Grok\n\n## Findings\n\n### [SHOWSTOPPER] D2-M001: Lock missing\n`a.py:2` races.\n"
    )
    config = '[tool.reviewkit.severity]\ncritical = ["SHOWSTOPPER"]\n'
    g.commit("code", {"a.py": "x = 1\ny = 2\n", "pyproject.toml": config})
    g.commit("round 1", {"reviews/r1/grok.md": review})
    args = ["--repo", str(g.path), "--reviews", str(g.path / "reviews")]

    def row() -> dict[str, object]:
        assert main(["status", *args, "--format", "json"]) == 0
        (found,) = json.loads(capsys.readouterr().out)["findings"]
        return dict(found)

    first = row()
    assert first["severity"] == "critical" and first["triage"] is None and first["issue_status"] == "open"
    assert main(["triage", str(first["key"]), "--status", "deferred", "--reviews", str(g.path / "reviews")]) == 0
    capsys.readouterr()
    second = row()
    assert second["key"] == first["key"] and second["triage"] == "deferred"


def test_status_text_ends_with_the_measured_reliability_and_alternatives_carry_evidence(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewkit.cli.status_cmd import reliability_note

    g, _c1, _fix = project
    assert main(["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews")]) == 0
    assert capsys.readouterr().out.rstrip().endswith(reliability_note().strip())
    assert "fix links right, by confidence" in reliability_note()
    assert main(["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["findings"]
    assert all("evidence" in a for r in rows for a in r["alternatives"])


def test_status_explain_shows_each_links_anchor_fix_and_evidence(
    project: tuple[GitRepoBuilder, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    g, c1, fix = project
    assert main(["status", "--repo", str(g.path), "--reviews", str(g.path / "reviews"), "--explain"]) == 0
    out = capsys.readouterr().out
    block = out[out.index("r16/grok.md:") :].split("\n\n", 1)[0]
    assert f"anchor   {c1[:7]}  (named)" in block
    assert f"fixed by {fix[:7]}" in block
    assert "- changes referenced lines src/app.py:20-20" in block
