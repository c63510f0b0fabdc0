"""A team's house style in ``[tool.reviewkit]`` (issue 11, item 4): severity words, id patterns, section names."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.config import DEFAULT_VOCABULARY, load_vocabulary
from reviewkit.errors import ConfigError
from reviewkit.parse import parse_text

PYPROJECT = r"""
[tool.reviewkit.severity]
critical = ["SHOWSTOPPER"]
low = ["COSMETIC"]

[tool.reviewkit.style]
id_patterns = ['AUD\.\d+\.\d+']
finding_sections = ["Observations"]
"""

DOC = """# Payments Review

**Reviewer**: Example Model

## Findings

### AUD.3.1 [SHOWSTOPPER] Refunds are paid twice

`src/refund.py:40` never marks them.

### AUD.3.2 [COSMETIC] Log line is noisy
"""

NOTES = """# Payments Review

**Reviewer**: Example Model

## Observations

- The retry loop in `src/net.py:12` has no upper bound
- Config is read on every request
"""


def test_house_severity_words_ids_and_sections_are_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    vocabulary = load_vocabulary(tmp_path / "pyproject.toml")
    doc = parse_text(DOC, path="review.md", vocabulary=vocabulary)
    got = [(f.id, f.severity.value if f.severity else None, f.title) for r in doc.reviews for f in r.findings]
    assert got == [
        ("AUD.3.1", "critical", "Refunds are paid twice"),
        ("AUD.3.2", "low", "Log line is noisy"),
    ]
    notes = parse_text(NOTES, path="notes-review.md", vocabulary=vocabulary)
    assert [(f.title, f.severity) for r in notes.reviews for f in r.findings] == [
        ("The retry loop in src/net.py:12 has no upper bound", None),
        ("Config is read on every request", None),
    ]
    default = parse_text(NOTES, path="notes-review.md", vocabulary=DEFAULT_VOCABULARY)
    assert not [f for r in default.reviews for f in r.findings]
    plain = [f.id for r in parse_text(DOC, path="review.md", vocabulary=DEFAULT_VOCABULARY).reviews for f in r.findings]
    assert "AUD.3.1" not in plain  # the house id is read only with the house style


def test_a_bad_id_pattern_is_a_config_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.reviewkit.style]\nid_patterns = ['AUD(']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"AUD\("):
        load_vocabulary(tmp_path / "pyproject.toml")
