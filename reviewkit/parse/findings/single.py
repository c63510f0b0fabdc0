"""Recognizer of last resort: a document that is itself one finding.

Pentest write-ups, bug-bounty submissions and contest entries often file one vulnerability per
document::

    # Forensic Vulnerability Report: Insecure Direct Object Reference (IDOR)
    ## 2. Vulnerability Details
    * **Severity:** High
    ...

or open with the rating and then the title (``### Severity: Medium`` / ``### Lack of Minimum …``).
When nothing else in the document reads as a finding, the document is one finding when it rates
exactly one thing — a single ``Severity:`` field whose value is a severity word — and its title
names a problem rather than the document ("Security Audit Report" names the document: no finding).
"""

from __future__ import annotations

import re

from reviewkit.config import Vocabulary
from reviewkit.parse.findings.anatomy import is_part
from reviewkit.parse.findings.common import Draft, SeverityHit, one_line, strip_markdown, text_of
from reviewkit.parse.findings.lead import lead_line_text
from reviewkit.parse.tree import Section

SEVERITY_FIELD = re.compile(
    r"^[ \t>*+|-]*(?:\*\*|__)?\s*(?:severity|risk level|risk rating|severity level)\s*(?:\*\*|__)?\s*[:：|]\s*"
    r"(?:\*\*|__)?\s*(?P<value>[A-Za-z][\w-]*)",
    re.IGNORECASE | re.MULTILINE,
)
_REPORT_PREFIX = re.compile(
    r"^\W*(?:[\w-]+\s+){0,3}?(?:vulnerability|bug|security|finding|issue|incident|pentest|exploit)\s+"
    r"(?:report|write-?up|disclosure|submission)\s*[:—–-]\s*",
    re.IGNORECASE,
)
"""``Forensic Vulnerability Report: IDOR``: the title of the one finding follows the colon."""
_NAMES_DOCUMENT = re.compile(
    r"\b(?:reviews?|audits?|assessments?|reports?|summary|analysis|findings|checklist|template|overview"
    r"|results?|notes|readme|changelog|plan)\b",
    re.IGNORECASE,
)


def _severity_fields(scope: Section, vocabulary: Vocabulary) -> list[SeverityHit]:
    hits: list[SeverityHit] = []
    for section in scope.walk():
        texts = [section.title] if section.title else []
        texts.append(text_of(section.blocks))
        for text in texts:
            for m in SEVERITY_FIELD.finditer(text):
                severity = vocabulary.severity_of(m.group("value"))
                if severity is not None:
                    hits.append(SeverityHit(severity, m.group("value")))
    return hits


def single_report(scope: Section, vocabulary: Vocabulary) -> Draft | None:
    """The whole of ``scope`` as one finding, or None (see the module docstring)."""
    fields = _severity_fields(scope, vocabulary)
    if len(fields) != 1:
        return None  # no rating, or several: a list of findings in a layout not understood, not one finding
    headings = [s for s in scope.walk() if s is not scope and s.title]
    while headings and SEVERITY_FIELD.match(headings[0].title):
        headings.pop(0)  # "### Severity: Medium" above the title
    if not headings or is_part(headings[0].title):
        return None
    first = headings[0]
    title = one_line(_REPORT_PREFIX.sub("", strip_markdown(first.title_md) or first.title))
    named_by_prefix = title != one_line(strip_markdown(first.title_md) or first.title)
    if len(title) < 8 or (not named_by_prefix and _NAMES_DOCUMENT.search(title)):
        return None
    return Draft(
        recognizer="single-report",
        title=title,
        line=first.line,
        end_line=scope.end_line,
        tag=fields[0],
        lead_text=lead_line_text(first.title_md),
        body_nodes=list(scope.all_blocks()),
    )
