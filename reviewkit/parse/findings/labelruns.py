"""Recognizer: findings written as runs of labelled items, each run opened by a ``Title:`` item.

A review template fills one bullet per field::

    - Title: `Minor -- API logo endpoints lack validation decorators`
    - Evidence: `app/api/sellers.py:77-78` -- …
    - Impact: …
    - Fix: …

Each ``Title:`` item opens a finding (its value is read as a lead: ``Minor -- text`` gives the
severity and the title); the labelled items after it, up to the next ``Title:``, are its body,
and an Evidence/Location/File item gives its locations. A value in angle brackets
(``<title>``) is a template placeholder, never a finding.
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.model import ParseWarning
from reviewkit.parse.findings.common import PLACEHOLDER, Draft, SeverityHit, inline_md, one_line
from reviewkit.parse.findings.lead import lead_line_text, read_lead
from reviewkit.parse.findings.sections import Context
from reviewkit.parse.tree import Node, end_line_of, line_of, plain_text

_TITLE = re.compile(r"^\s*(?:\*\*|__)?(?:title|finding|issue)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*", re.IGNORECASE)
_WHERE = re.compile(r"^\s*(?:evidence|location|locations|files?|where)\s*:\s*", re.IGNORECASE)
_WORD_DASH = re.compile(r"^(\w+)\s*(?:--|—|–|:)\s+")
_PLACEHOLDER = re.compile(r"<[^<>]{2,}>")


def recognize_title_runs(
    blocks: list[Node], i: int, ctx: Context, vocabulary: Vocabulary, warnings: list[ParseWarning]
) -> tuple[list[Draft], int] | None:
    """One draft per ``Title:``-opened run of items in the list at ``blocks[i]``."""
    node = blocks[i]
    if node.type not in ("bullet_list", "ordered_list"):
        return None
    items = [c for c in node.children if c.type == "list_item"]
    if not items or not _TITLE.match(inline_md(items[0])):
        return None  # a run opens the list: most lists are not runs, and one look tells
    heads = [k for k, item in enumerate(items) if _TITLE.match(inline_md(item))]
    drafts: list[Draft] = []
    for n, k in enumerate(heads):
        run = items[k : heads[n + 1] if n + 1 < len(heads) else len(items)]
        md = _TITLE.sub("", inline_md(run[0]), count=1)
        value = md.strip().strip("`*_ ")
        if not value or _PLACEHOLDER.search(value) or PLACEHOLDER.match(value):
            continue
        lead = read_lead(value, vocabulary)
        tag, title = lead.tag, lead.title or value
        if tag is None and (m := _WORD_DASH.match(value)) and (sev := vocabulary.severity_of(m.group(1))):
            tag, title = SeverityHit(sev, m.group(1)), value[m.end() :]  # "Minor -- text"
        where = [_WHERE.sub("", plain_text(item), count=1) for item in run[1:] if _WHERE.match(plain_text(item))]
        drafts.append(
            Draft(
                recognizer="title-run",
                title=one_line(title),
                line=line_of(run[0]),
                end_line=max(end_line_of(item) for item in run),
                id=lead.id,
                tag=tag,
                lead_text=lead_line_text(value),
                location_text="\n".join(where),
                body_nodes=list(run),
                dimension=lead.dimension or ctx.dimension,
            )
        )
    return drafts, i + 1
