"""Recognizer: a bold lead line per finding, followed by its labels and prose.

``**F1: Title**`` + ``- **File**: …``, ``**MAJOR-D1-001**: text``, ``**[CRITICAL] SEC-INJ-01: Title**``,
``**CRITICAL C-001: Title**``, ``**M1 (guardrails.py:599) -- Title**`` …
"""

from __future__ import annotations

from reviewkit.config import Vocabulary
from reviewkit.model import ParseWarning
from reviewkit.parse.findings.common import PLACEHOLDER, Draft, inline_md, span
from reviewkit.parse.findings.lead import lead_line_text
from reviewkit.parse.findings.paragraphs import bold_lead, extent
from reviewkit.parse.findings.sections import Context
from reviewkit.parse.tree import Node


def recognize_bold_block(
    blocks: list[Node],
    i: int,
    ctx: Context,
    vocabulary: Vocabulary,
    warnings: list[ParseWarning],
) -> tuple[list[Draft], int] | None:
    """A finding led by a bold line, running to the next lead, rule or table."""
    lead = bold_lead(blocks[i], ctx, vocabulary)
    if lead is None:
        return None
    end = extent(blocks, i, ctx, vocabulary)
    if lead.negated or (PLACEHOLDER.match(lead.title) and lead.id is None):
        return [], end
    first, last = span(blocks[i:end])
    draft = Draft(
        recognizer="bold-block",
        title=lead.title,
        line=first,
        end_line=last,
        id=lead.id,
        tag=lead.tag,
        lead_text=lead_line_text(inline_md(blocks[i])),
        body_nodes=blocks[i:end],
        dimension=lead.dimension or ctx.dimension,
    )
    return [draft], end
