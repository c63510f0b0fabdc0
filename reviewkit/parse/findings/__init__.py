"""Finding recognizers. TODO(parser-findings): implement.

Entry point used by the document parser, once per review scope::

    find_findings(scope: Section, vocabulary: Vocabulary) -> FindingsResult
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewkit.config import Vocabulary
from reviewkit.model import Finding, ParseWarning
from reviewkit.parse.tree import Section


@dataclass
class FindingsResult:
    findings: list[Finding] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def find_findings(scope: Section, vocabulary: Vocabulary) -> FindingsResult:
    """All findings under ``scope`` in document order."""
    return FindingsResult()
