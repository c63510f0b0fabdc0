"""The ready-to-use pieces: the composite action, the pre-commit hook and the CI docs agree with the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from reviewkit.check.gate import Gate
from reviewkit.cli import main
from reviewkit.cli.check_cmd import CheckFormat
from reviewkit.demo import build_demo

from .conftest import REPO_ROOT

ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
_README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
DOCS = _README[_README.index("## Using in CI") : _README.index("## Development")]
"""The README's "Using in CI" section."""


def check_options(capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert main(["check", "--help"]) == 0
    return set(re.findall(r"(--[a-z][a-z-]+)", capsys.readouterr().out))


def run_script() -> str:
    (step,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "check"]
    return str(step["run"])


def test_action_is_composite_with_the_promised_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert {"fail-on", "base", "max-score-drop", "reviews", "sarif-file"} <= set(ACTION["inputs"])
    steps_text = yaml.safe_dump(ACTION["runs"]["steps"])
    for name in ACTION["inputs"]:
        assert f"inputs.{name}" in steps_text, f"input {name} is never used"
    assert "GITHUB_ACTION_PATH" in steps_text and "pip install" in steps_text


def test_action_uses_only_real_check_options(capsys: pytest.CaptureFixture[str]) -> None:
    used = set(re.findall(r"(--[a-z][a-z-]+)", run_script()))
    assert used <= check_options(capsys), used - check_options(capsys)
    assert "--sarif" in used and "--format github" in run_script()


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("action") / "shop").repo


def run_action_script(
    repo: Path, tmp_path: Path, *, base: str, push_before: str
) -> tuple[subprocess.CompletedProcess[str], str]:
    outputs = tmp_path / "github_output"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_OUTPUT": str(outputs),
        "RK_FAIL_ON": "critical,high",
        "RK_BASE": base,
        "RK_MAX_SCORE_DROP": "off",
        "RK_REVIEWS": "reviews",
        "RK_SARIF": str(tmp_path / "out.sarif"),
        "RK_PUSH_BEFORE": push_before,
    }
    env.pop("GITHUB_BASE_REF", None)
    done = subprocess.run(["bash", "-c", run_script()], cwd=repo, env=env, capture_output=True, text=True)
    return done, outputs.read_text(encoding="utf-8").strip()


def test_action_script_runs_the_gate_and_reports_its_exit_code(demo_repo: Path, tmp_path: Path) -> None:
    done, outputs = run_action_script(demo_repo, tmp_path, base="HEAD~2", push_before="")
    assert done.returncode == 1, done.stderr  # the demo's last round reports a regression
    assert outputs == "exit-code=1"
    assert (tmp_path / "out.sarif").is_file()
    assert done.stdout.splitlines()[0].startswith("::error title=reviewkit check::reviewkit check FAILED (HEAD~2 @")
    assert "base: HEAD~2 (--base)" in done.stderr


def test_action_script_judges_a_push_against_the_commit_before_it(demo_repo: Path, tmp_path: Path) -> None:
    before = subprocess.run(
        ["git", "-C", str(demo_repo), "rev-parse", "HEAD~3"], capture_output=True, text=True, check=True
    ).stdout.strip()
    done, _ = run_action_script(demo_repo, tmp_path, base="", push_before=before)
    assert f"base: {before} (--base)" in done.stderr
    unknown, _ = run_action_script(demo_repo, tmp_path, base="", push_before="0" * 40)
    assert "base: HEAD~1 (the commit before HEAD)" in unknown.stderr


def test_pre_commit_hook_definition() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "reviewkit-check"
    assert hook["entry"].split() == ["reviewkit", "check"]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'reviewkit = "reviewkit.cli:run"' in pyproject


def workflow_blocks() -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", DOCS, re.S)]


def test_docs_workflow_checks_out_full_history_and_uploads_sarif() -> None:
    workflow = next(b for b in workflow_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["reviewkit"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    action = next(s for s in steps if "reviewkit" in s.get("uses", ""))
    assert set(action["with"]) <= set(ACTION["inputs"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == action["with"]["sarif-file"]
    assert workflow["permissions"]["security-events"] == "write"


def test_docs_name_every_gate_format_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    for gate in Gate:
        assert f"`{gate.value}`" in DOCS
    for fmt in CheckFormat:
        assert f"`{fmt.value}`" in DOCS
    assert "`0` the gate passed, `1` it failed, `2` usage or input error" in DOCS
    for option in re.findall(r"`(--[a-z][a-z-]+)", DOCS):
        assert option in check_options(capsys), option
