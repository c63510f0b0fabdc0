"""Structural problems worth a warning: unclosed code fences and ragged tables.

Both are read from the markdown-it tree (a fence node that runs to the end of the
document without its closing marker; a table node whose source rows have more or
fewer cells than its header). Only the source lines of that one node are inspected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from markdown_it.tree import SyntaxTreeNode

from reviewkit.model import ParseWarning
from reviewkit.parse.tree import Section

_MAX_TABLE_WARNINGS = 5


def unclosed_fences(root: Section, lines: list[str]) -> Iterator[ParseWarning]:
    """A fence whose block reaches the end of the document without a closing marker."""
    for node in _all_nodes(root):
        if node.type != "fence" or not node.map:
            continue
        start, end = node.map
        marker = node.markup
        last = lines[end - 1].strip() if 0 < end <= len(lines) else ""
        if end - start < 2 or not last.startswith(marker):
            yield ParseWarning(
                line=start + 1,
                message=f"code fence opened at line {start + 1} is never closed: "
                "the rest of the document was read as code",
            )


def ragged_tables(root: Section, lines: list[str]) -> Iterator[ParseWarning]:
    """Table rows with a different cell count than the header (extra cells are dropped by markdown)."""
    reported = 0
    for node in _all_nodes(root):
        if node.type != "table" or not node.map:
            continue
        start, end = node.map
        source = lines[start:end]
        if len(source) < 3:
            continue
        width = _cell_count(source[0])
        for offset, row in enumerate(source[2:], start=start + 3):
            count = _cell_count(row)
            if count != width and reported < _MAX_TABLE_WARNINGS:
                reported += 1
                yield ParseWarning(
                    line=offset,
                    message=f"table row has {count} cells but its header has {width}: "
                    "cells were padded or cut (unescaped `|` inside a cell?)",
                )


CHECKS: tuple[tuple[str, Callable[[Section, list[str]], Iterator[ParseWarning]]], ...] = (
    ("unclosed-fence", unclosed_fences),
    ("ragged-table", ragged_tables),
)


def structure_warnings(root: Section, text: str) -> list[ParseWarning]:
    """Warnings from every structural check, in check order (none when the text has no fence or table)."""
    if "|" not in text and "```" not in text and "~~~" not in text:
        return []
    lines = text.split("\n")
    return [w for _name, check in CHECKS for w in check(root, lines)]


def _cell_count(row: str) -> int:
    body = row.strip()
    body = re.sub(r"\\\|", "", body)
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return body.count("|") + 1


def _all_nodes(root: Section) -> Iterator[SyntaxTreeNode]:
    for block in root.all_blocks():
        yield from _descend(block)


def _descend(node: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    """Block nodes only: fences and tables never sit inside inline content."""
    yield node
    if node.type in ("inline", "table", "fence", "code_block", "paragraph", "heading"):
        return
    for child in node.children:
        yield from _descend(child)


__all__ = ["CHECKS", "structure_warnings"]
