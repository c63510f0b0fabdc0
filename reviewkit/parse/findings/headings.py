"""Recognizer: one heading per finding (``#### C-001: Title``, ``### Finding 3 (HIGH): …``, ``### CRITICAL: Title``).

The finding is the heading's whole section: its blocks and subsections.
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.parse.findings.anatomy import part_severity
from reviewkit.parse.findings.common import PLACEHOLDER, Draft, one_line, text_of
from reviewkit.parse.findings.lead import Lead, lead_line_text
from reviewkit.parse.findings.sections import Context, facts_of
from reviewkit.parse.tree import Section


def heading_lead(section: Section, vocabulary: Vocabulary) -> Lead | None:
    """The lead of a heading that names a finding (id or severity tag), else None."""
    facts = facts_of(section, vocabulary)
    if not section.title_md or facts.severity is not None:
        return None
    lead = facts.lead
    if lead.id is None and lead.tag is None:
        return None
    if lead.id is None and (not lead.title or not (lead.tag_at_start or lead.dash_tag)):
        return None
    return lead


def _is_finding_lead(child: Lead | None, parent: Lead) -> bool:
    """A subsection lead that makes ``parent`` a group. Under ``**HIGH**: 55 npm vulnerabilities``,
    ``#### 1. Solana dependencies (HIGH)`` — no id, severity only trailing — is the parent's breakdown."""
    if child is None:
        return False
    return child.id is not None or child.tag_at_start or not (parent.tag_at_start and parent.title)


def is_empty_placeholder(lead: Lead) -> bool:
    """``### P0: No CRITICALs`` / ``### CRITICAL: None``."""
    return bool(PLACEHOLDER.match(lead.title)) and lead.id is None


def recognize_heading(section: Section, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    """A draft for ``section`` when its heading is a finding and its subsections are not findings."""
    lead = heading_lead(section, vocabulary)
    if lead is None or lead.negated or is_empty_placeholder(lead):
        return None
    if not lead.title and _is_stub(section):
        return None  # "### [H-1]" over empty Description / Impact fields: a template not yet filled in
    if any(_is_finding_lead(heading_lead(child, vocabulary), lead) for child in section.children):
        return None  # a group of findings (e.g. "### D8-M001 through D8-M004"), not one
    return Draft(
        recognizer="heading",
        title=lead.title,
        line=section.line,
        end_line=section.end_line,
        id=lead.id,
        tag=lead.tag or part_severity(section.children, vocabulary),  # "## Severity" / "Informational" below
        lead_text=lead_line_text(section.title_md),
        body_nodes=list(section.all_blocks()),
        dimension=lead.dimension or ctx.dimension,
    )


_EMPTY_FIELD = re.compile(r"^[\w ()/&'-]{1,40}:\s*$")


def _is_stub(section: Section) -> bool:
    """A titleless finding heading whose body is only labels with nothing after them."""
    lines = [line for line in text_of(list(section.all_blocks())).splitlines() if line.strip()]
    return bool(lines) and all(_EMPTY_FIELD.match(line) for line in lines)


_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(?P<title>\S.*)$")


def is_numbered_finding(section: Section, draft: Draft) -> bool:
    """``### 1. SAFE Bet Act -- MAJOR GAP``: an id-less numbered heading that is a finding."""
    return draft.id is None and draft.tag is not None and _NUMBERED.match(section.title) is not None


def numbered_sibling(section: Section, ctx: Context) -> Draft | None:
    """``### 3. Optimove $150M Raise`` beside numbered findings: a finding whose severity is not stated."""
    m = _NUMBERED.match(section.title)
    if m is None or section.children:
        return None
    return Draft(
        recognizer="heading",
        title=one_line(m.group("title")),
        line=section.line,
        end_line=section.end_line,
        lead_text=lead_line_text(section.title_md),
        body_nodes=list(section.all_blocks()),
        dimension=ctx.dimension,
    )
