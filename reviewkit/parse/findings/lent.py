"""A summary table's severity, lent to the detailed finding the row indexes.

Audit reports often state a finding's severity only in their "Findings Summary" table
(``| [I-02] | Incomplete NatSpec | Informational |``), while the finding's own section
(``# [I-02] Incomplete NatSpec``) states none. The row is a recap, not a finding, but the word
it states is that finding's severity: it goes to the finding with the row's id, else to the one
whose title the row's title is (``IDOR`` for ``IDOR (Insecure Direct Object Reference)``).
A severity the finding states itself (a tag, a label in its body) still wins.
"""

from __future__ import annotations

from dataclasses import replace

from reviewkit.parse.findings.common import Draft, SeverityHit

__all__ = ["lend_row_severity"]


def lend_row_severity(drafts: list[Draft]) -> list[Draft]:
    """``drafts`` with each untagged non-row draft given the severity of the table row indexing it."""
    rows = [d for d in drafts if d.recognizer == "table-row" and d.column is not None]
    if not rows:
        return drafts
    by_id: dict[str, SeverityHit] = {}
    by_title: dict[str, SeverityHit] = {}
    for row in rows:
        assert row.column is not None
        if row.id:
            by_id.setdefault(row.id, row.column)
        if row.title:
            by_title.setdefault(row.title.lower(), row.column)
    return [_lent(d, by_id, by_title) for d in drafts]


def _lent(draft: Draft, by_id: dict[str, SeverityHit], by_title: dict[str, SeverityHit]) -> Draft:
    if draft.recognizer == "table-row" or draft.tag is not None or draft.column is not None:
        return draft
    hit = by_id.get(draft.id) if draft.id else None
    if hit is None:
        hit = by_title.get(_headline(draft.title.lower()))
    return replace(draft, column=hit) if hit is not None else draft


def _headline(title: str) -> str:
    """``idor`` of ``idor (insecure direct object reference)``: a title without its parenthesis."""
    cut = title.find(" (")
    return title[:cut] if cut > 0 else title
