from pathlib import Path

import pytest

from reviewkit.config import DEFAULT_VOCABULARY, load_vocabulary
from reviewkit.errors import ConfigError
from reviewkit.model import Severity


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("CRITICAL", Severity.CRITICAL),
        ("blocker", Severity.CRITICAL),
        ("P0", Severity.CRITICAL),
        ("Major", Severity.HIGH),
        ("IMPORTANT", Severity.HIGH),
        ("moderate", Severity.MEDIUM),
        ("P2", Severity.MEDIUM),
        ("MINOR", Severity.LOW),
        ("[LOW]", Severity.LOW),
        ("**NIT**", Severity.INFO),
        ("suggestion", Severity.INFO),
        ("Scalability", None),
    ],
)
def test_default_vocabulary(word: str, expected: Severity | None) -> None:
    assert DEFAULT_VOCABULARY.severity_of(word) is expected


def test_pyproject_extends_vocabulary(tmp_path: Path) -> None:
    py = tmp_path / "pyproject.toml"
    py.write_text(
        '[tool.reviewkit.severity]\ncritical = ["SHOWSTOPPER"]\n'
        '[tool.reviewkit.aliases]\nacme-bot = ["Acme Reviewer 2"]\n',
        encoding="utf-8",
    )
    vocab = load_vocabulary(py)
    assert vocab.severity_of("showstopper") is Severity.CRITICAL
    assert vocab.severity_of("HIGH") is Severity.HIGH  # defaults kept
    assert vocab.aliases["acme reviewer 2"] == "acme-bot"


def test_pyproject_unknown_severity_is_an_error(tmp_path: Path) -> None:
    py = tmp_path / "pyproject.toml"
    py.write_text('[tool.reviewkit.severity]\nurgent = ["ASAP"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown severity 'urgent'"):
        load_vocabulary(py)


def test_broken_pyproject_names_the_file(tmp_path: Path) -> None:
    py = tmp_path / "pyproject.toml"
    py.write_text("[tool.reviewkit\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml"):
        load_vocabulary(py)


def test_missing_pyproject_gives_defaults(tmp_path: Path) -> None:
    assert load_vocabulary(tmp_path / "nope.toml") is DEFAULT_VOCABULARY
