"""Recognizer: a bold lead line per finding, followed by its labels and prose.

``**F1: Title**`` + ``- **File**: …``, ``**MAJOR-D1-001**: text``, ``**[CRITICAL] SEC-INJ-01: Title**``,
``**CRITICAL C-001: Title**``, ``**M1 (guardrails.py:599) -- Title**`` …
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.model import ParseWarning
from reviewkit.parse.findings.common import PLACEHOLDER, Draft, inline_md, one_line, span, strip_markdown
from reviewkit.parse.findings.lead import lead_line_text
from reviewkit.parse.findings.locations import find_locations
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
    md = inline_md(blocks[i])
    draft = Draft(
        recognizer="bold-block",
        title=(_text_after_bold(md) if _only_location(lead.title) else "") or lead.title,
        line=first,
        end_line=last,
        id=lead.id,
        tag=lead.tag,
        lead_text=lead_line_text(md),
        body_nodes=blocks[i:end],
        dimension=lead.dimension or ctx.dimension,
    )
    return [draft], end


_LOCATION_RESIDUE = re.compile(r"(?:\blines?\b|\bL(?=\d)|[\[\]()\d\s,.:#–—-])+", re.IGNORECASE)


def _only_location(title: str) -> bool:
    """``DecisionTokenSale.sol [100] - [121]``: a bold lead that names only where, not what."""
    found = find_locations(title) if "." in title else []
    if len(found) != 1 or found[0].path is None:
        return False
    rest = title.replace(found[0].path, " ", 1)
    return _LOCATION_RESIDUE.fullmatch(rest) is not None


def _text_after_bold(md: str) -> str:
    """The first sentence after the bold lead (``**M1: Sale.sol [80]** - There is an overflow.``)."""
    close = md.find("**", 2) if md.startswith("**") else -1
    rest = strip_markdown(md[close + 2 :]).strip(" -—–:") if close > 0 else ""
    return one_line(rest) if rest else ""
