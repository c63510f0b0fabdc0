"""Progress bars: drawn on stderr for history read, linking and the report when stderr is a terminal; nothing
otherwise (pipes, files, CI logs)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.cli import main
from reviewkit.cli.common import STAGE_LABELS, stage_progress
from tests.conftest import GitRepoBuilder

CODE = "".join(f"value_{i} = compute_value({i})\n" for i in range(1, 41))
REVIEW = (
    "# Round 1 Review — Grok\n\n**Reviewer**: Grok 4\n**Date**: 2026-02-20\n\n"
    "## Findings\n\n### C-001 [CRITICAL]: Unvalidated input in compute\n`src/app.py:20`\n\nNot validated.\n"
)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def repo(git_repo: Callable[[str], GitRepoBuilder]) -> Path:
    g = git_repo("repo")
    g.commit("initial", {"src/app.py": CODE})
    g.commit("Add reviews", {"reviews/r1/grok.md": REVIEW})
    g.commit("Validate the input", {"src/app.py": CODE.replace("compute_value(20)", "validated(20)")})
    return g.path


def test_no_terminal_no_bar() -> None:
    with stage_progress() as tick:  # pytest's stderr is not a terminal
        assert tick is None


def test_a_terminal_gets_a_bar_per_long_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with stage_progress() as tick:
        assert tick is not None
        tick("history", 12, 0)
        tick("scan", 3, 10)
        tick("track", 1, 1)  # bookkeeping: no bar
    out = terminal.getvalue()
    assert STAGE_LABELS["history"] in out and STAGE_LABELS["scan"] in out
    assert "track" not in out


def test_status_draws_history_and_linking_on_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["status", "--repo", str(repo), "--format", "json", "--cache-dir", str(repo.parent / "c")]) == 0
    out = terminal.getvalue()
    assert STAGE_LABELS["history"] in out and STAGE_LABELS["scan"] in out


def test_status_in_a_pipe_prints_no_bar(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--repo", str(repo), "--format", "json", "--cache-dir", str(repo.parent / "c")]) == 0
    err = capsys.readouterr().err
    assert not any(label in err for label in STAGE_LABELS.values())
    assert "\x1b[" not in err


def test_report_draws_its_charts_on_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    out = repo.parent / "report.html"
    assert main(["report", "--repo", str(repo), "-o", str(out), "--cache-dir", str(repo.parent / "c")]) == 0
    assert STAGE_LABELS["report"] in terminal.getvalue()
    assert out.read_text(encoding="utf-8").startswith("<!")
