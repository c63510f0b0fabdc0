from pathlib import Path

import pytest

from reviewkit.cli import main


def test_demo_refuses_a_non_empty_directory_even_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["demo", str(tmp_path), "--force"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_demo_force_rebuilds_an_earlier_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo"
    assert main(["demo", str(target)]) == 0
    assert main(["demo", str(target)]) == 2
    assert main(["demo", str(target), "--force"]) == 0
    assert (target / "reviews" / "round-01").is_dir()
    assert capsys.readouterr().out == ""  # human notes go to stderr only
