"""Link findings to code and to the commits that fixed them.

Stages, in order: ``anchor`` (which commit each review reviewed) → ``locate`` (paths,
symbols and lines at that commit) → ``fingerprint`` → ``scan`` (one forward pass over
history collecting fix candidates and regressions) → ``decide`` (status and fix).
``pipeline.link_documents`` runs them; ``rows.finding_row`` is the JSON row.
"""

from __future__ import annotations

from reviewkit.link.pipeline import LinkResult, Progress, link_documents, link_history
from reviewkit.link.rows import finding_row

__all__ = ["LinkResult", "Progress", "finding_row", "link_documents", "link_history"]
