"""The README's promises: its two first commands, CI running exactly its test command, every command documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewkit.cli import COMMANDS, main

from .conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _first_code_block(text: str) -> list[str]:
    m = re.search(r"```(?:bash|sh)?\n(.*?)```", text, re.S)
    assert m, "README has no code block"
    return [ln for ln in m.group(1).splitlines() if ln.strip()]


def test_readme_opens_with_setup_and_test_commands() -> None:
    head = README[:600]
    lines = _first_code_block(head)
    assert len(lines) == 2
    assert "pip install" in lines[0] and "reviewkit" in lines[0]
    assert "pytest" in lines[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_cmd = _first_code_block(README)[1].strip()
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    run_lines = [ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert test_cmd in run_lines, f"{test_cmd!r} is not a line of .ci/run"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_has_help_with_example_and_readme_mention(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Example" in out, f"`reviewkit {name} --help` shows no example"
    assert "Exit codes:" in " ".join(out.split()), f"`reviewkit {name} --help` documents no exit codes"
    assert f"reviewkit {name}" in README, f"README does not mention `reviewkit {name}`"


def test_top_level_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "0 ok" in out and "1 check failed" in out and "2 usage or input error" in out


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--no-such-option"]) == 2
    assert "no-such-option" in capsys.readouterr().err


def test_readme_library_example_runs_on_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewkit.demo import build_demo

    code = re.search(r"## As a library\n\n```python\n(.*?)```", README, re.S)
    assert code, "README has no library example"
    build_demo(tmp_path / "demo")
    monkeypatch.chdir(tmp_path / "demo")
    exec(compile(code.group(1), "README.md", "exec"), {})
    assert (tmp_path / "demo" / "trajectory.png").stat().st_size > 1000


LEDGER_COMMANDS = ("status", "backlog", "export", "report")
SHARED_OPTIONS = ("--repo", "--reviews", "--reviews-from-git", "--at", "--cache-dir", "--output")


@pytest.mark.parametrize("name", LEDGER_COMMANDS)
def test_ledger_commands_share_one_option_set(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    # RK-018: --cache-dir, -o, --reviews-from-git existed on some commands only, with different defaults
    assert main([name, "--help"]) == 0
    shown = capsys.readouterr().out
    assert [o for o in SHARED_OPTIONS if o not in shown] == []


def test_version_and_short_help(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 13: no --version, no -h
    from reviewkit import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"reviewkit {__version__}"
    assert main(["-h"]) == 0 and "Commands" in capsys.readouterr().out
    assert main(["backlog", "-h"]) == 0 and "--reviews" in capsys.readouterr().out
