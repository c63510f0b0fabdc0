"""Recognizer: one table row per finding.

A table holds findings when its header has a finding/issue/title column and an
id or severity column (or the table sits under a severity heading). Score
tables, severity-count tables and trackers of earlier rounds (Status, Verdict,
Score columns …) are not finding tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewkit.config import Vocabulary
from reviewkit.model import ParseWarning
from reviewkit.parse.findings.common import (
    NEGATED,
    PLACEHOLDER,
    Draft,
    final_severity,
    inline_md,
    is_praise_verdict,
    is_real_id,
    one_line,
    strip_markdown,
)
from reviewkit.parse.findings.sections import Context
from reviewkit.parse.tree import Node, line_of, plain_text, table_rows

_ID_COL = re.compile(r"^(?:#|id|ids|ref|no\.?|num|key|finding id|issue id)$", re.IGNORECASE)
_SEV_COL = re.compile(r"^(?:severity|sev\.?|level)\b", re.IGNORECASE)
_TEXT_COL = re.compile(
    r"^(?:finding|findings|issue|issues|problem|title|description|gap|concern|bug|weakness|defect|observation"
    r"|what|package|vulnerability|vulnerabilities|dependency)\b",
    re.IGNORECASE,
)
_LOC_COL = re.compile(
    r"^(?:file|files|file\(s\)|location|line|lines|line\(s\)|path|where|file\s*[:&/]\s*lines?)\b", re.I
)
_EVIDENCE_COL = re.compile(r"^(?:evidence|refs?|references?)\b", re.IGNORECASE)
_DIM_COL = re.compile(r"^(?:dim|dimension|category|area)\b", re.IGNORECASE)
_NOT_FINDINGS_COL = re.compile(
    r"status|verdict|verified|resolution|fixed\?|score|weight|count|times|why rejected|rejected|^r\d+\b|trend|delta",
    re.IGNORECASE,
)
_NOT_FINDINGS_HEADER = re.compile(r"score|weight|count|dimension|status", re.IGNORECASE)
_TOTAL = re.compile(r"^\W*(?:total|sum|average|avg|overall)\b", re.IGNORECASE)
_BOLD_START = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)")


@dataclass(frozen=True)
class _Columns:
    text: int
    id: int | None
    severity: int | None
    locations: tuple[int, ...]
    dimension: int | None


_OUTCOME_COL = re.compile(r"^(?:status|resolution|fixed\??)$", re.IGNORECASE)


def _columns(header: list[str]) -> _Columns | None:
    names = [h.strip() for h in header]
    rated = any(_SEV_COL.match(n) for n in names)  # a severity column: an outcome column records fixes
    if any(_NOT_FINDINGS_COL.search(n) and not (rated and _OUTCOME_COL.match(n)) for n in names):
        return None
    text = next((k for k, n in enumerate(names) if _TEXT_COL.match(n)), None)
    if text is None:
        return None
    ident = next((k for k, n in enumerate(names) if _ID_COL.match(n)), None)
    sev = next((k for k, n in enumerate(names) if _SEV_COL.match(n)), None)
    locs = [k for k, n in enumerate(names) if _LOC_COL.match(n) and k != text]
    locs += [k for k, n in enumerate(names) if _EVIDENCE_COL.match(n) and k != text]
    dim = next((k for k, n in enumerate(names) if _DIM_COL.match(n)), None)
    return _Columns(text=text, id=ident, severity=sev, locations=tuple(locs), dimension=dim)


def recognize_table(
    blocks: list[Node],
    i: int,
    ctx: Context,
    vocabulary: Vocabulary,
    warnings: list[ParseWarning],
) -> tuple[list[Draft], int] | None:
    """One draft per finding row of the table at ``blocks[i]``."""
    node = blocks[i]
    if node.type != "table":
        return None
    header, rows = table_rows(node)
    cols = _columns(header)
    if cols is None and (checks := _check_rows(node, rows)):
        return checks, i + 1
    if cols is not None and cols.id is None and cols.severity is None and _ids_lead_text(rows, cols.text):
        cols = replace(cols, id=cols.text)  # | F001: Non-accept verdicts complete the gate | … |: the id opens the cell
    if cols is None or (cols.id is None and cols.severity is None and ctx.severity is None):
        if ctx.severity is not None and rows and cols is None and not _NOT_FINDINGS_HEADER.search(" ".join(header)):
            warnings.append(
                ParseWarning(
                    line=line_of(node),
                    message="table under a severity heading has no finding/issue column; its rows were not read",
                )
            )
        return [], i + 1
    drafts: list[Draft] = []
    for line, cells in rows:
        draft = _row(line, cells, cols, ctx, vocabulary)
        if draft is not None:
            draft.group = line_of(node)
            drafts.append(draft)
        elif cols.severity is not None and _cell(cells, cols.text).strip() and not _cell(cells, cols.severity).strip():
            warnings.append(ParseWarning(line=line, message="finding-table row without a severity or id; skipped"))
    return drafts, i + 1


_MARK = re.compile(r"^\s*(?P<mark>✅|✔️?|❌|✗|⚠️?)")
_NOT_APPLICABLE = re.compile(r"^\W*(?:n/?a|not applicable)\b", re.IGNORECASE)


def _check_rows(node: Node, rows: list[tuple[int, list[Node]]]) -> list[Draft]:
    """``| Unit tests | ❌ None |``: in a check table (a column of ✅ / ⚠️ / ❌ marks), each ❌ or ⚠️ row is a
    finding named by its first cell; ✅ rows passed, and a mark saying N/A is no finding."""
    drafts: list[Draft] = []
    for line, cells in rows:
        marks = [(k, m) for k in range(1, len(cells)) if (m := _MARK.match(_cell(cells, k)))]
        if not marks:
            continue
        k, m = marks[0]
        rest = _cell(cells, k)[m.end() :]
        if m.group("mark") in ("✅", "✔", "✔️") or _NOT_APPLICABLE.match(rest):
            continue
        title = one_line(strip_markdown(inline_md(cells[0])))
        if not title:
            continue
        drafts.append(
            Draft(
                recognizer="check-row",
                title=title,
                line=line,
                end_line=line,
                lead_text=title,
                body_nodes=[],
                body_text=" | ".join(plain_text(c) for c in cells),
                strong=False,
                group=line_of(node),
            )
        )
    return drafts


_CELL_ID = re.compile(r"^\W*([A-Za-z]{1,10}-?\d{1,4}(?:/[A-Za-z]{1,10}-?\d{1,4})*)\s*[:.—–-]\s+\S")


def _ids_lead_text(rows: list[tuple[int, list[Node]]], col: int) -> bool:
    """Most rows' text cells open with a finding id (``F001: …``, ``C002/G001: …``), and at least two do."""
    hits = sum(
        1 for _, cells in rows if (m := _CELL_ID.match(_cell(cells, col))) and is_real_id(m.group(1).split("/")[0])
    )
    return hits >= 2 and 2 * hits >= len(rows)


def _cell(cells: list[Node], k: int | None) -> str:
    if k is None or k >= len(cells):
        return ""
    return plain_text(cells[k])


def _row(line: int, cells: list[Node], cols: _Columns, ctx: Context, vocabulary: Vocabulary) -> Draft | None:
    text_md = inline_md(cells[cols.text]) if cols.text < len(cells) else ""
    text = strip_markdown(text_md)
    first = _cell(cells, 0)
    if not text or _TOTAL.match(first) or PLACEHOLDER.match(text) or NEGATED.match(text) or is_praise_verdict(text):
        return None
    if NEGATED.search(_cell(cells, cols.severity)) or NEGATED.search(_cell(cells, cols.id)):
        return None
    ident_cell = _cell(cells, cols.id).strip().removeprefix("[").removesuffix("]")  # "[H-01]": an audit's id
    ident = ident_cell if ident_cell and (is_real_id(ident_cell) or ident_cell.isdigit()) else None
    column = final_severity(_cell(cells, cols.severity), vocabulary) if cols.severity is not None else None
    if cols.severity is not None and column is None and ident is None:
        return None
    bold = _BOLD_START.match(text_md)
    title = one_line(strip_markdown(bold.group(1)) if bold else text)
    if cols.id == cols.text:  # the id opens the text cell: "F001: Title"
        m = _CELL_ID.match(text)
        if m is None or not is_real_id(m.group(1).split("/")[0]):
            return None
        ident, title = m.group(1), one_line(text[m.end(1) :].lstrip(" :.—–-"))
    dim_cell = _cell(cells, cols.dimension).strip()
    return Draft(
        recognizer="table-row",
        title=title,
        line=line,
        end_line=line,
        id=ident,
        column=column,
        lead_text=text.split("\n", 1)[0],
        location_text=_location_text(cells, cols),
        body_nodes=[],
        body_text=" | ".join(plain_text(c) for c in cells),
        dimension=ctx.dimension or (dim_cell or None),
        strong=False,
    )


_LINE_ONLY_COL = re.compile(r"^\s*~?\d+(?:\s*[-–]\s*~?\d+)?\s*$")


def _location_text(cells: list[Node], cols: _Columns) -> str:
    """Location cells joined; a bare ``558-563`` cell is attached to the path cell before it."""
    parts: list[str] = []
    for k in cols.locations:
        value = _cell(cells, k).strip()
        if parts and _LINE_ONLY_COL.match(value) and ":" not in parts[-1]:
            parts[-1] = f"{parts[-1]}:{value.replace(' ', '')}"
        elif value:
            parts.append(value)
    return "\n".join(parts)
