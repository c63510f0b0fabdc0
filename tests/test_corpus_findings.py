"""Finding recognizers against hand-verified facts of real corpus review documents.

``tests/golden/corpus_findings.yaml`` holds, per document, facts checked by reading
the document: the number of findings, the count per severity, the ids in order and
the first location (path, start line) of the first three findings. Only derived
facts are stored, never the documents' prose. Skipped when ``../shared`` is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import Finding
from reviewkit.parse.findings import find_findings
from reviewkit.parse.tree import build_sections, parse_markdown

pytestmark = pytest.mark.corpus

GOLDEN_PATH = Path(__file__).parent / "golden" / "corpus_findings.yaml"
GOLDEN: dict[str, dict[str, Any]] = yaml.safe_load(GOLDEN_PATH.read_text(encoding="utf-8"))


def parse_findings(path: Path) -> list[Finding]:
    text = path.read_text(encoding="utf-8")
    root = build_sections(parse_markdown(text), text.count("\n") + 1)
    return find_findings(root, DEFAULT_VOCABULARY).findings


def test_golden_covers_enough_documents() -> None:
    assert len(GOLDEN) >= 30


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_document_findings(corpus_dir: Path, name: str) -> None:
    expected = GOLDEN[name]
    findings = parse_findings(corpus_dir / name)
    severities = Counter(f.severity.value if f.severity else "none" for f in findings)
    first_locations = [[f.locations[0].path, f.locations[0].start] if f.locations else None for f in findings[:3]]
    assert len(findings) == expected["total"]
    assert dict(severities) == expected["severity"]
    assert [f.id for f in findings] == expected["ids"]
    assert first_locations == expected["first_locations"]


def test_seed_review_parses_exactly(corpus_dir: Path) -> None:
    findings = parse_findings(corpus_dir / "prod-r16" / "grok-review.md")
    ids = [f.id for f in findings]
    assert ids == [
        *(f"C-00{i}" for i in range(1, 3)),
        *(f"H-00{i}" for i in range(1, 6)),
        *(f"M-00{i}" for i in range(1, 7)),
        *(f"L-00{i}" for i in range(1, 6)),
    ]
    counts = Counter(f.severity.value for f in findings if f.severity)
    assert counts == {"critical": 2, "high": 5, "medium": 6, "low": 5}
    first = findings[0].locations[0]
    assert (first.path, first.start, first.end) == ("src/rag/pipeline.py", 894, 972)
    assert findings[0].snippets, "C-001 quotes a code block"
