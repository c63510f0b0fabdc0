"""`reviewkit demo` and `reviewkit report` through the CLI entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.cli import main


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("cli") / "demo"
    assert main(["demo", str(target)]) == 0
    return target


def test_demo_says_where_it_is_and_what_to_run_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "d")]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert f"Built the demo in {tmp_path / 'd'}" in err
    assert f"Next: reviewkit report --repo {tmp_path / 'd'} --reviews {tmp_path / 'd' / 'reviews'}" in err


def test_demo_refuses_a_non_empty_directory(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(demo_dir)]) == 2
    assert "not empty" in capsys.readouterr().err


def test_demo_with_report_is_the_one_command_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.html"
    assert main(["demo", str(tmp_path / "d"), "--report", str(report)]) == 0
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Report written to" in capsys.readouterr().err


def test_report_html_to_a_file(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "r.html"
    code = main(["report", "--repo", str(demo_dir), "--reviews", str(demo_dir / "reviews"), "-o", str(out_file)])
    assert code == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "Report written to" in err
    assert "data:image/png;base64," in out_file.read_text(encoding="utf-8")


def test_report_markdown_to_stdout_with_reviews_defaulting_to_repo_reviews(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--repo", str(demo_dir), "--format", "markdown", "--title", "Shop"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Shop\n")
    assert "## Top risks" in out


def test_report_without_git_still_reports_scores(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--reviews", str(demo_dir / "reviews"), "-f", "markdown"]) == 0
    assert "| R4 |" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report"], "--reviews"),
        (["report", "--reviews", "no/such/folder"], "no/such/folder"),
        (["report", "--reviews", ".", "--format", "pdf"], "pdf"),
    ],
)
def test_report_input_errors_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_report_on_a_folder_without_rounds_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("# reviews\n\nOne folder per round.\n", encoding="utf-8")
    assert main(["report", "--reviews", str(tmp_path), "--format", "markdown"]) == 0
    assert "> No review rounds found." in capsys.readouterr().out


def test_report_to_an_unwritable_path_is_one_line_exit_2(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "r.html"
    assert main(["report", "--repo", str(demo_dir), "-o", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == [f"reviewkit: {target}: No such file or directory"]


def test_demo_into_an_unwritable_place_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["demo", str(blocker / "demo")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(f"reviewkit: {blocker / 'demo'}")
