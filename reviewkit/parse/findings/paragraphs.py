"""Recognizer: bracket-tag paragraphs (``[MEDIUM] [ARCH] `x.py:94` uses …``), and lead detection for paragraphs.

A paragraph *leads* a finding when its first line carries an id or a severity
tag — in bold (``**F1: Title**``, ``**MAJOR-D1-001**: …``) or as a bracket tag.
The finding then runs over the following blocks up to the next lead or rule.
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.model import ParseWarning
from reviewkit.parse.findings.common import PLACEHOLDER, Draft, inline_md, one_line, severity_words_in, span
from reviewkit.parse.findings.lead import Lead, lead_line_text, read_lead
from reviewkit.parse.findings.sections import Context
from reviewkit.parse.tree import Node

_BRACKET_TAG = re.compile(r"^\[([^\]]{1,40})\]\s*(?:\[([A-Za-z][\w /&-]{0,20})\])?\s*")
_BOLD_START = re.compile(r"^(?:\*\*|__)")
_WHOLE_BOLD = re.compile(r"^(?:\*\*|__)(?P<inner>[^*_].{8,}?)(?:\*\*|__)\s*(?:\([^)]*\))?\s*$")


def bracket_tag(node: Node, vocabulary: Vocabulary) -> tuple[str, str | None] | None:
    """(severity tag, category tag) when ``node`` is a paragraph starting with ``[SEV]``."""
    if node.type != "paragraph":
        return None
    m = _BRACKET_TAG.match(inline_md(node).lstrip())
    if m is None or not severity_words_in(m.group(1), vocabulary):
        return None
    return m.group(1), m.group(2)


_CALLOUT = re.compile(r"^(?:\*\*|__)(?:important|note|warning|caution|tip)(?::(?:\*\*|__)|(?:\*\*|__)\s*:)", re.I)


_MARK_BEFORE_BOLD = re.compile(r"^[^\w\s*_\[(`#<>|\\~-]{1,3}\s*(?=\*\*|__)")
"""``🔴 **Critical**: …``, ``⚠️ **HIGH**: …``: a colour or warning mark before the bold lead is not part of it."""


def bold_lead(node: Node, ctx: Context, vocabulary: Vocabulary) -> Lead | None:
    """The lead of a paragraph starting in bold with an id or severity tag.

    Under a severity section a paragraph that is only a bold title also leads a finding.
    """
    if node.type != "paragraph":
        return None
    md = _MARK_BEFORE_BOLD.sub("", inline_md(node).lstrip())
    if not _BOLD_START.match(md):
        return None
    if _CALLOUT.match(md):
        return None  # "**IMPORTANT:** this review is a draft": an admonition, not a finding
    lead = read_lead(md, vocabulary)
    if lead.id is not None or (lead.tag is not None and lead.tag_at_start):
        return lead
    first = md.split("\n", 1)[0]
    if pseudo_heading(node, vocabulary) is not None:
        return None
    if ctx.severity is not None and _WHOLE_BOLD.match(first) and not first.rstrip("*_ ").endswith(":"):
        return lead
    return None


_PSEUDO = re.compile(r"^(?:\*\*|__)(?P<text>[^*_\n]{2,80}?)(?:\*\*|__)\s*:?\s*$")


def pseudo_heading(node: Node, vocabulary: Vocabulary) -> str | None:
    """Text of a paragraph that is only a short bold label (``**Strengths:**``), used like a heading.

    A bold line with a finding id or a leading severity tag is a finding lead, not a label.
    """
    if node.type != "paragraph":
        return None
    m = _PSEUDO.match(inline_md(node).strip())
    if m is None:
        return None
    text = m.group("text").strip().rstrip(":").strip()
    lead = read_lead(text, vocabulary)
    if lead.id is not None or (lead.tag is not None and lead.tag_at_start and lead.title):
        return None
    return text


_PART_LABEL = re.compile(
    r"^(?:recommendations?|recommended (?:fix|mitigation)|fix|suggested fix|proposed fix|solution|mitigation"
    r"|remediation|impact|problem|issue|root cause|evidence|example|proof of concept|poc|details?|description"
    r"|locations?|files?|affected (?:files?|code)|current(?: code)?|expected|actual|why|risk)$",
    re.IGNORECASE,
)
"""``**Recommendation:**`` over a list or code block: one part of the finding above, not a new section."""


def is_lead(node: Node, ctx: Context, vocabulary: Vocabulary) -> bool:
    """True when ``node`` starts a new finding (so a previous finding's block ends before it)."""
    if node.type == "hr":
        return True
    if (label := pseudo_heading(node, vocabulary)) is not None:
        return _PART_LABEL.match(label) is None
    return bracket_tag(node, vocabulary) is not None or bold_lead(node, ctx, vocabulary) is not None


def extent(blocks: list[Node], start: int, ctx: Context, vocabulary: Vocabulary) -> int:
    """Index after the last block that belongs to the finding led by ``blocks[start]``."""
    end = start + 1
    while end < len(blocks) and not is_lead(blocks[end], ctx, vocabulary):
        if blocks[end].type == "table":
            break
        end += 1
    return end


def recognize_bracket_paragraph(
    blocks: list[Node],
    i: int,
    ctx: Context,
    vocabulary: Vocabulary,
    warnings: list[ParseWarning],
) -> tuple[list[Draft], int] | None:
    """``[HIGH] [CONV] Text …`` paragraphs: the tag gives severity, the second tag the category."""
    tags = bracket_tag(blocks[i], vocabulary)
    if tags is None:
        return None
    end = extent(blocks, i, ctx, vocabulary)
    md = inline_md(blocks[i])
    lead = read_lead(md, vocabulary)
    if lead.negated or PLACEHOLDER.match(lead.title):
        return [], end
    rest = _BRACKET_TAG.sub("", md.lstrip(), count=1)
    first, last = span(blocks[i:end])
    draft = Draft(
        recognizer="bracket-paragraph",
        title=lead.title if lead.title_was_bold else one_line(lead_line_text(rest)),
        line=first,
        end_line=last,
        id=lead.id,
        tag=lead.tag,
        lead_text=lead_line_text(rest),
        body_nodes=blocks[i:end],
        dimension=ctx.dimension or (tags[1].upper() if tags[1] else None),
    )
    return [draft], end
