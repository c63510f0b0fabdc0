"""Fix-summary decisions (Fixed / Skipped / Deferred / Disputed). TODO(track): implement.

    find_decisions(root: Section, vocabulary: Vocabulary) -> list[FixDecision]
"""

from __future__ import annotations

from reviewkit.config import Vocabulary
from reviewkit.model import FixDecision
from reviewkit.parse.tree import Section


def find_decisions(root: Section, vocabulary: Vocabulary) -> list[FixDecision]:
    """Decisions recorded in a fix summary, in document order."""
    return []
