"""`reviewkit check` end to end, run as a CI job would: on clones of the demo repository and on tiny repos."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reviewkit.cli import main
from reviewkit.demo import DemoInfo, build_demo

from .conftest import GitRepoBuilder

Run = tuple[int, str, str]

NEW_CRITICAL_REVIEW = """# GPT-5.2 Review — Round 5

**Reviewer**: GPT-5.2
**Commit**: {commit}
**Date**: 2026-03-30
**Overall Score**: 62/100

## Scores

| Dimension | Score | Rationale |
|-----------|------:|-----------|
| Security | 4 | Token lifetime |

## Findings

**F1: `verify_token` accepts tokens issued in the future (never expire)**
- **File**: `src/shop/auth.py:35-37`
- **Severity**: CRITICAL
- **Dimension**: Security

```python
if current - int(issued) > max_age:
```
"""


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoInfo:
    return build_demo(tmp_path_factory.mktemp("origin") / "shop")


@pytest.fixture
def clone(demo: DemoInfo, tmp_path: Path) -> Path:
    """A fresh full clone of the demo (origin/main set, like actions/checkout with fetch-depth: 0)."""
    target = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", demo.repo.as_uri(), str(target))
    return target


def git(repo: Path, *args: str, hour: int = 10) -> str:
    stamp = f"2026-04-01T{hour:02d}:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Dev",
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "Dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commit(repo: Path, message: str, files: dict[str, str], *, hour: int = 10) -> str:
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "add", "--", *files)
    git(repo, "commit", "--quiet", "-m", message, hour=hour)
    return git(repo, "rev-parse", "HEAD")


def check(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> Run:
    code = main(["check", "--repo", str(repo), *args])
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys: pytest.CaptureFixture[str], repo: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = check(capsys, repo, "--format", "json", *args)
    return code, json.loads(out)


def failures(report: dict[str, Any]) -> dict[str, int]:
    return {gate: info["failures"] for gate, info in report["gates"].items() if info["failures"]}


def before_round_4(repo: Path) -> str:
    """The last commit of round 3 (summary and triage), before the regression and round 4."""
    return git(repo, "log", "-1", "--format=%H", "--", "reviews/round-03")


def add_round_5(repo: Path) -> str:
    head = git(repo, "rev-parse", "--short", "HEAD")
    return commit(repo, "Add round 5 review", {"reviews/round-05/gpt.md": NEW_CRITICAL_REVIEW.format(commit=head)})


def fix_token_expiry(repo: Path) -> str:
    auth = repo / "src/shop/auth.py"
    text = auth.read_text(encoding="utf-8")
    assert "if current - int(issued) > max_age:" in text
    fixed = text.replace("if current - int(issued) > max_age:", "if not 0 <= current - int(issued) <= max_age:")
    return commit(repo, "Fix F1 (round 5): reject tokens issued in the future", {"src/shop/auth.py": fixed}, hour=11)


# ------------------------------------------------------------------ the gates on the demo


def test_branch_adding_an_open_critical_fails_and_fixing_it_passes(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(clone, "checkout", "--quiet", "-b", "feature")
    add_round_5(clone)
    code, report = check_json(capsys, clone)
    assert code == 1
    assert report["base_reason"] == "merge-base of HEAD and origin/HEAD"
    assert failures(report) == {"new-findings": 1}
    (violation,) = report["violations"]
    assert violation["issue"]["severity"] == "critical"
    assert violation["issue"]["review"] == {"path": "reviews/round-05/gpt.md", "line": 16}

    fix_token_expiry(clone)
    code, report = check_json(capsys, clone)
    assert (code, failures(report)) == (0, {})


def test_summary_says_what_where_why_and_how_to_accept(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(clone, "checkout", "--quiet", "-b", "feature")
    add_round_5(clone)
    code, out, err = check(capsys, clone)
    assert code == 1
    assert out.startswith("reviewkit check FAILED")
    assert "New findings (open at HEAD, not open at the base):" in out
    assert "CRITICAL RK-" in out and "src/shop/auth.py:35" in out
    assert "reviewkit triage RK-" in out and "--status accepted-risk" in out
    assert "base: " in err and "merge-base" in err


def test_triaged_finding_passes_using_the_command_the_summary_suggests(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(clone, "checkout", "--quiet", "-b", "feature")
    add_round_5(clone)
    code, out, _ = check(capsys, clone)
    assert code == 1
    (suggested,) = [line.strip() for line in out.splitlines() if line.strip().startswith("reviewkit triage RK-")]
    argv = shlex.split(suggested)
    assert argv[argv.index("--reviews") + 1] == str(clone / "reviews")
    assert main(argv[1:]) == 0
    git(clone, "add", "reviews")
    git(clone, "commit", "--quiet", "-m", "Accept the token expiry risk", hour=12)
    code, report = check_json(capsys, clone)
    assert (code, failures(report)) == (0, {})
    assert argv[2] in [e["issue"]["key"] for e in report["exempted"]]


def test_branch_that_withdraws_an_acceptance_fails(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = check_json(capsys, clone, "--base", "HEAD")
    gated_open = [o["issue"] for o in report["open_issues"] if o["gated"]]
    key = gated_open[0]["key"]
    reviews = str(clone / "reviews")
    assert main(["triage", key, "--status", "accepted-risk", "--note", "known", "--reviews", reviews]) == 0
    git(clone, "commit", "--quiet", "-am", "Accept a known risk", hour=12)
    assert check_json(capsys, clone, "--max-score-drop", "off")[0] == 0
    git(clone, "revert", "--no-edit", "HEAD")  # the next commit withdraws the decision
    code, report = check_json(capsys, clone, "--base", "HEAD~1", "--max-score-drop", "off")
    assert code == 1
    assert [(v["issue"]["key"], v["reason"]) for v in report["violations"]] == [(key, "was accepted-risk at the base")]


def test_regression_fails_against_the_round_before_it(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check_json(capsys, clone, "--base", before_round_4(clone), "--max-score-drop", "off")
    assert code == 1
    assert failures(report) == {"regressions": 1}
    issue = report["violations"][0]["issue"]
    assert issue["severity"] == "critical" and issue["location"]["path"] == "src/shop/db.py"


def test_score_drop_beyond_the_threshold_fails(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = before_round_4(clone)
    code, report = check_json(capsys, clone, "--base", base, "--fail-on", "none")
    assert code == 1
    assert set(failures(report)) == {"score-drop"}
    drops = [v["drop"] for v in report["violations"]]
    assert all(d["before"] - d["after"] > 1 for d in drops)
    biggest = max(d["before"] - d["after"] for d in drops)
    code, report = check_json(capsys, clone, "--base", base, "--fail-on", "none", "--max-score-drop", str(biggest))
    assert (code, failures(report)) == (0, {})


def test_reverted_fix_fails(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fix = git(clone, "log", "-1", "--format=%H", "--grep", "ownership")
    git(clone, "revert", "--no-edit", fix)
    code, report = check_json(capsys, clone, "--max-score-drop", "off")
    assert code == 1
    assert failures(report) == {"reverted-fixes": 1}
    assert f"reverted by {git(clone, 'rev-parse', 'HEAD')[:12]}" in report["violations"][0]["reason"]


def test_fix_missing_from_a_stale_branch_is_a_reverted_fix(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fix = git(clone, "log", "-1", "--format=%H", "--grep", "ownership")
    git(clone, "checkout", "--quiet", "-b", "stale", f"{fix}~1")
    code, report = check_json(capsys, clone, "--base", "origin/main", "--fail-on", "critical,high")
    assert code == 1
    reverted = [v for v in report["violations"] if v["gate"] == "reverted-fixes"]
    assert any(f"fixed by {fix[:12]}, which is not an ancestor of HEAD" in v["reason"] for v in reverted)


def test_demo_head_without_changes_passes(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check_json(capsys, clone, "--base", "HEAD")
    assert (code, failures(report)) == (0, {})
    assert report["closed_since_base"] == []


# ------------------------------------------------------------------ output formats


def test_sarif_validates_and_is_repo_relative(
    clone: Path, capsys: pytest.CaptureFixture[str], sarif_schema_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reviewkit.sarif"
    code, stdout, err = check(capsys, clone, "--base", before_round_4(clone), "--format", "sarif", "-o", str(out))
    assert code == 1 and stdout == ""
    assert "reviewkit check FAILED" in err
    sarif = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads(sarif_schema_path.read_text(encoding="utf-8")))
    results = sarif["runs"][0]["results"]
    assert {r["baselineState"] for r in results} >= {"new", "unchanged"}
    for r in results:
        assert r["ruleId"].startswith("reviewkit/")
        assert "reviewkitKey/v1" in r["partialFingerprints"] or r["ruleId"] == "reviewkit/score-drop"
        for loc in r.get("locations", []):
            artifact = loc["physicalLocation"]["artifactLocation"]
            assert artifact["uriBaseId"] == "%SRCROOT%"
            assert (clone / artifact["uri"]).is_file(), artifact["uri"]


def test_sarif_option_writes_sarif_beside_annotations(
    clone: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sarif_file = tmp_path / "side.sarif"
    code, out, err = check(
        capsys, clone, "--base", before_round_4(clone), "--format", "github", "--sarif", str(sarif_file)
    )
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line.startswith(("::error ", "::notice ")) for line in lines)
    assert any("file=src/shop/db.py,line=" in line for line in lines)
    assert "Regressions" in err  # the full human summary goes to the log
    assert json.loads(sarif_file.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_junit_has_one_testcase_per_gate(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, clone, "--base", before_round_4(clone), "--format", "junit")
    assert code == 1
    cases = {c.get("name"): c for c in ET.fromstring(out).iter("testcase")}
    assert list(cases) == ["new-findings", "regressions", "reverted-fixes", "score-drop"]
    assert cases["regressions"].find("failure") is not None
    assert cases["new-findings"].find("failure") is None


# ------------------------------------------------------------------ CI conditions


def test_shallow_clone_that_cannot_reach_the_base_is_exit_2_with_fetch_depth_hint(
    demo: DemoInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", demo.repo.as_uri(), str(shallow))
    for args in ((), ("--base", "HEAD~3")):
        code, out, err = check(capsys, shallow, *args)
        assert code == 2
        assert out == ""
        assert "fetch-depth: 0" in err
        assert "Traceback" not in err


def test_shallow_clone_with_a_reachable_base_needs_allow_shallow(
    demo: DemoInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "3", demo.repo.as_uri(), str(shallow))
    code, _, err = check(capsys, shallow, "--base", "HEAD~1")
    assert code == 2
    assert "fetch-depth: 0" in err and "--allow-shallow" in err
    code, _, err = check(capsys, shallow, "--base", "HEAD~1", "--allow-shallow", "--format", "json")
    assert code in (0, 1)
    assert "warning: shallow clone" in err


def test_detached_head_works(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = before_round_4(clone)
    on_branch = check_json(capsys, clone, "--base", base)
    git(clone, "checkout", "--quiet", "--detach", "HEAD")
    detached = check_json(capsys, clone, "--base", base)
    assert detached[0] == on_branch[0] == 1
    assert failures(detached[1]) == failures(on_branch[1])


def test_default_base_follows_github_base_ref(
    clone: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    git(clone, "checkout", "--quiet", "-b", "feature")
    add_round_5(clone)
    fix_token_expiry(clone)
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    code, report = check_json(capsys, clone)
    assert code == 0
    assert report["base_reason"] == "merge-base of HEAD and origin/main"
    assert report["base"]["commit"] == git(clone, "rev-parse", "origin/main")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--base", "no-such-ref"), "is not a known revision"),
        (("--fail-on", "urgent"), "unknown severity urgent"),
        (("--max-score-drop", "-1"), "not a number ≥ 0"),
        (("--format", "xml"), "xml"),
        (("--reviews", "nowhere"), "reviews folder not found"),
    ],
)
def test_usage_and_input_errors_are_exit_2(
    clone: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = check(capsys, clone, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_reviews_outside_the_repository_is_exit_2(
    clone: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "elsewhere").mkdir()
    code, _, err = check(capsys, clone, "--reviews", str(tmp_path / "elsewhere"))
    assert code == 2
    assert "must be inside the repository" in err


def test_not_a_repository_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "reviews").mkdir()
    code, _, err = check(capsys, tmp_path)
    assert code == 2
    assert "not a git repository" in err


# ------------------------------------------------------------------ tiny repos


def review_with_criticals(count: int) -> str:
    findings = "\n".join(
        f"**F{n}: handler_{n} in module m{n} trusts unchecked input**\n"
        f"- **File**: `src/m{n}.py:1`\n"
        f"- **Severity**: CRITICAL\n"
        for n in range(1, count + 1)
    )
    return f"# GPT Review — Round 1\n\n**Reviewer**: GPT\n**Date**: 2026-01-06\n\n## Findings\n\n{findings}"


def tiny_repo(git_repo: Callable[[str], GitRepoBuilder], count: int, *, with_history: bool) -> Path:
    builder = git_repo("tiny")
    code = {f"src/m{n}.py": f"def handler_{n}(x):\n    return eval(x)\n" for n in range(1, count + 1)}
    if with_history:
        builder.commit("code", {**code, "reviews/README.md": "reviews go here\n"})
        builder.commit("round 1", {"reviews/round-01/gpt.md": review_with_criticals(count)})
    else:
        builder.commit("code and review", {**code, "reviews/round-01/gpt.md": review_with_criticals(count)})
    return builder.path


def test_exit_code_stays_1_whatever_the_count(
    git_repo: Callable[[str], GitRepoBuilder], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tiny_repo(git_repo, 300, with_history=True)
    code, report = check_json(capsys, repo)
    assert code == 1
    assert report["base_reason"] == "the commit before HEAD"
    assert report["gates"]["new-findings"]["failures"] > 256  # a count-as-exit-code would have wrapped


def test_root_commit_is_compared_with_an_empty_ledger(
    git_repo: Callable[[str], GitRepoBuilder], capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tiny_repo(git_repo, 2, with_history=False)
    code, report = check_json(capsys, repo)
    assert code == 1
    assert "root commit" in report["base_reason"]
    assert report["base"]["commit"] is None
    assert report["gates"]["new-findings"]["failures"] == 2


def test_a_crash_inside_a_stage_is_exit_2_never_1(
    clone: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("stage exploded")

    monkeypatch.setattr("reviewkit.track.build_ledger", broken)
    code, out, err = check(capsys, clone)
    assert (code, out) == (2, "")
    assert "check could not run: RuntimeError: stage exploded" in err


def test_a_repository_without_reviews_is_not_a_silent_pass(
    git_repo: Callable[[str], GitRepoBuilder], capsys: pytest.CaptureFixture[str]
) -> None:
    # issue 13: `check` in a repo with no review documents said "passed"
    g = git_repo("repo")
    g.commit("code", {"a.py": "x = 1\n"})
    g.commit("more", {"a.py": "x = 2\n"})
    (g.path / "reviews").mkdir()
    assert main(["check", "--repo", str(g.path), "--base", "HEAD~1"]) == 0
    assert "no review documents (*.md) found" in capsys.readouterr().err
    assert main(["check", "--repo", str(g.path), "--base", "HEAD~1", "--require-reviews"]) == 2
    assert "no review documents (*.md) to check" in capsys.readouterr().err


def test_a_finding_lost_to_an_unreadable_document_is_not_closed(
    git_repo: Callable[[str], GitRepoBuilder], capsys: pytest.CaptureFixture[str]
) -> None:
    # issue 13: an unclosed fence swallowed a finding and `check` counted it "closed"
    g = git_repo("repo")
    review = (
        "# Review\n\n**Reviewer**: Grok\n\n## Findings\n\n### MEDIUM\n\n#### M-001: Cache never expires\n`a.py:1`\n"
    )
    g.commit("code and review", {"a.py": "x = 1\n", "reviews/r1/grok.md": review})
    broken = review.replace("## Findings", "```python\nexample()\n\n## Findings")
    g.commit("edit the review", {"reviews/r1/grok.md": broken})
    args = ["check", "--repo", str(g.path), "--base", "HEAD~1", "--fail-on", "none", "--format", "json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["closed_since_base"] == []
    assert "could not be read whole" in captured.err


def test_check_reads_the_history_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # RK-006: check built the ledger at HEAD and at the base, each reading the whole `git log -p`
    import shutil

    from reviewkit.gitio import RepoReader

    info = build_demo(tmp_path / "demo")
    shutil.rmtree(info.repo / ".git" / "reviewkit-cache", ignore_errors=True)  # a CI clone starts without it
    reads: list[str] = []
    real = RepoReader._read_log

    def counting(self: RepoReader, span: str, on_commit: object) -> object:
        reads.append(span)
        return real(self, span, on_commit)  # type: ignore[arg-type]

    monkeypatch.setattr(RepoReader, "_read_log", counting)
    assert main(["check", "--repo", str(info.repo), "--base", "HEAD~1", "--fail-on", "none"]) in (0, 1)
    assert len(reads) == 1
