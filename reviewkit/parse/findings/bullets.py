"""Recognizers for list items: tagged bullets, and numbered or prose items under a severity heading.

* tagged: ``- **[MAJOR] D1-M002**: …``, ``- [CRITICAL] **Title** — …``, ``- **MAJOR** D4-001: …``,
  ``- MINOR-D1-001: …``, ``- **DEPLOY-R8-001 (MEDIUM)**: …``, ``* **Title (Critical):**``;
* under ``### CRITICAL`` / ``## Critical Issues``: ``1. **Title** — …`` and plain ``- text`` items.

Only top-level items of a list are candidates; nested items belong to their parent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.tree import SyntaxTreeNode

from reviewkit.config import Vocabulary
from reviewkit.model import ParseWarning
from reviewkit.parse.findings.common import PLACEHOLDER, Draft, SeverityHit, inline_md, one_line
from reviewkit.parse.findings.lead import Lead, lead_line_text, read_lead
from reviewkit.parse.findings.sections import Context
from reviewkit.parse.tree import end_line_of, line_of

_LABEL_ITEM = re.compile(
    r"^(?:\*\*|__)?(?:files?|file\(s\)|severity|impact|fix|problem|issue|location|evidence|recommendation|status"
    r"|effort|note|why|scenario|root cause|consensus|verification|verified|description|category|dimension"
    r"|missing|mitigation|risk|refs?|code|current|expected|suggested fix|required|rebuttal|assessment)"
    r"(?:\*\*|__)?\s*:",
    re.IGNORECASE,
)
_STRUCK = re.compile(r"^\s*~~")
_BOLD_TITLE = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)")

ItemRecognizer = Callable[[SyntaxTreeNode, str, Lead, Context, Vocabulary], list[Draft]]
_SEVERITY_COLON = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,11}):\s+")
_DIM_PREFIX = re.compile(r"^\s*(?:\*\*)?([DB]\d{1,2})(?:\*\*)?\s*:")


def _draft(item: SyntaxTreeNode, md: str, title: str, lead: Lead, ctx: Context, name: str) -> Draft:
    return Draft(
        recognizer=name,
        title=title,
        line=line_of(item),
        end_line=end_line_of(item),
        id=lead.id,
        tag=lead.tag,
        lead_text=lead_line_text(md),
        body_nodes=[item],
        dimension=lead.dimension or ((m.group(1) if (m := _DIM_PREFIX.match(md)) else None) or ctx.dimension),
    )


def multi_severity_item(item: SyntaxTreeNode, md: str, lead: Lead, ctx: Context, vocabulary: Vocabulary) -> list[Draft]:
    """``- D4: CRITICAL: a. MAJOR: b. MAJOR: c.``: several findings in one item, one per severity word."""
    text = lead_line_text(md)
    marks = [m for m in _SEVERITY_COLON.finditer(text) if vocabulary.severity_of(m.group(1)) is not None]
    if len(marks) < 2:
        return []
    dim = _DIM_PREFIX.match(md)
    drafts: list[Draft] = []
    for k, m in enumerate(marks):
        part = text[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(text)]
        sev = vocabulary.severity_of(m.group(1))
        if sev is None or PLACEHOLDER.match(part):
            continue
        draft = _draft(item, md, one_line(part), lead, ctx, "multi-severity-item")
        draft.id = None
        draft.tag = SeverityHit(sev, m.group(1))
        draft.lead_text = part
        draft.body_text = part
        draft.dimension = dim.group(1) if dim else ctx.dimension
        drafts.append(draft)
    return drafts


def tagged_item(item: SyntaxTreeNode, md: str, lead: Lead, ctx: Context, vocabulary: Vocabulary) -> list[Draft]:
    """An item whose lead carries an id or a severity tag."""
    if lead.id is None and lead.tag is None:
        return []
    if lead.id is None and (not lead.title or not (lead.tag_at_start or md.lstrip().startswith(("**", "__")))):
        return []
    return [_draft(item, md, lead.title, lead, ctx, "tagged-bullet")]


def item_under_severity(item: SyntaxTreeNode, md: str, lead: Lead, ctx: Context, vocabulary: Vocabulary) -> list[Draft]:
    """A numbered or plain item directly under a severity or concerns heading (the section gives the severity)."""
    if (ctx.severity is None and not ctx.concerns) or _LABEL_ITEM.match(md):
        return []
    bold = _BOLD_TITLE.match(md)
    title = lead.title if lead.title_was_bold else one_line(bold.group(1) if bold else lead_line_text(md))
    if len(title) < 8:
        return []
    name = "concern-item" if ctx.concerns else "item-under-severity"
    return [_draft(item, md, title, lead, ctx, name)]


ITEM_RECOGNIZERS: tuple[tuple[str, ItemRecognizer], ...] = (
    ("multi-severity-item", multi_severity_item),
    ("tagged-bullet", tagged_item),
    ("item-under-severity", item_under_severity),
)
"""Tried in order on every top-level list item; the first that returns a draft wins."""


def recognize_list(
    blocks: list[SyntaxTreeNode],
    i: int,
    ctx: Context,
    vocabulary: Vocabulary,
    warnings: list[ParseWarning],
) -> tuple[list[Draft], int] | None:
    """Findings among the items of the list at ``blocks[i]``."""
    node = blocks[i]
    if node.type not in ("bullet_list", "ordered_list"):
        return None
    drafts: list[Draft] = []
    for item in node.children:
        md = inline_md(item)
        if not md.strip() or _STRUCK.match(md):
            continue
        lead = read_lead(md, vocabulary)
        if lead.negated or (PLACEHOLDER.match(lead.title) and lead.id is None):
            continue
        for _name, recognize in ITEM_RECOGNIZERS:
            found = recognize(item, md, lead, ctx, vocabulary)
            if found:
                drafts.extend(found)
                break
    return drafts, i + 1
