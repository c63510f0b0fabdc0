"""Structural problems worth a warning: unclosed code fences and ragged tables.

Both are read from the markdown-it tree (a fence node that runs to the end of the
document without its closing marker; a table node whose source rows have more or
fewer cells than its header). Only the source lines of that one node are inspected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reviewkit.model import ParseWarning
from reviewkit.parse.tree import Node, Section

_MAX_TABLE_WARNINGS = 5


def unclosed_fences(root: Section, lines: list[str]) -> Iterator[ParseWarning]:
    """A fence whose block reaches the end of the document without a closing marker."""
    for node in blocks_of_type(root, "fence"):
        if not node.map:
            continue
        start, end = node.map
        marker = node.markup
        last = lines[end - 1].strip() if 0 < end <= len(lines) else ""
        if end - start < 2 or not last.startswith(marker):
            yield ParseWarning(
                line=start + 1,
                message=f"code fence opened at line {start + 1} is never closed: "
                "the rest of the document was read as code",
                lossy=True,
            )


def ragged_tables(root: Section, lines: list[str]) -> Iterator[ParseWarning]:
    """Table rows with a different cell count than the header (extra cells are dropped by markdown)."""
    reported = 0
    for node in blocks_of_type(root, "table"):
        if not node.map:
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
        return []  # no table and no fence can exist
    lines = text.split("\n")
    return [w for _name, check in CHECKS for w in check(root, lines)]


def _cell_count(row: str) -> int:
    body = row.strip()
    body = body.replace("\\|", "")
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return body.count("|") + 1


_CONTAINERS = frozenset(("bullet_list", "ordered_list", "list_item", "blockquote"))


def blocks_of_type(root: Section, node_type: str) -> list[Node]:
    """Block nodes of ``node_type`` anywhere in the document (inside lists and quotes too), in order.

    Only block containers are descended into: fences and tables never sit inside a
    paragraph, a heading, a table or inline content.
    """
    found: list[Node] = []
    stack = list(reversed(list(root.all_blocks())))
    while stack:
        node = stack.pop()
        if node.type == node_type:
            found.append(node)
        elif node.type in _CONTAINERS:
            stack.extend(reversed(node.children))
    return found


__all__ = ["CHECKS", "structure_warnings"]
