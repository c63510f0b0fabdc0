"""Code citations a block carries outside its plain text: link targets and code-block captions.

Audit reports cite code as ``[Vault.sol#L10](https://github.com/o/r/blob/<sha>/src/Vault.sol#L10)``, whose path and
lines are only in the link's target; reviews quoting code often name its source in the block's first comment line
(``# engine.py:18-26``). Both are read from the syntax tree without parsing inlines that cannot hold them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewkit.parse.tree import Node, blocks_below

__all__ = ["fence_captions", "permalinks"]

_BARE_PERMALINK = re.compile(r"https?://[^\s()<>\[\]]+/blob/[^\s()<>\[\]]+")


def permalinks(nodes: Sequence[Node]) -> list[str]:
    """Targets of the links below ``nodes`` that point into a repository's files (``…/blob/…``):
    audit reports cite code as ``[Vault.sol#L10](https://github.com/o/r/blob/<sha>/src/Vault.sol#L10)``,
    whose path and lines are only in the target."""
    out: list[str] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.type == "inline" and node.token is not None:
            if "/blob/" not in node.token.content:
                continue  # no permalink in this inline: not worth parsing it
            tokens = list(node.inline_tokens())
            while tokens:
                tok = tokens.pop()
                if tok.type == "link_open" and "/blob/" in str(href := tok.attrs.get("href", "")):
                    out.append(str(href))
                elif tok.type == "text" and "/blob/" in tok.content:
                    out.extend(_BARE_PERMALINK.findall(tok.content))  # "(https://github.com/o/r/blob/…#L15)"
                elif tok.children:
                    tokens.extend(tok.children)
        elif node.type not in ("fence", "code_block"):
            stack.extend(reversed(node.children))
    return out


_COMMENT_OPENER = ("# ", "// ", "-- ", "/* ", "<!-- ", "; ")  # "#include <x.hpp>" is code, not a caption


def fence_captions(nodes: Sequence[Node]) -> list[str]:
    """First lines of the code blocks below ``nodes`` that are comments (``# enhanced_engine.py:18-26``):
    a review quoting code often names where it comes from there, and only there."""
    out: list[str] = []
    for node in nodes:
        for block in blocks_below(node):
            if block.type in ("fence", "code_block"):
                first = block.content.lstrip("\n").split("\n", 1)[0].strip()
                if first.startswith(_COMMENT_OPENER):
                    out.append(first.lstrip("#/*-;<! ").removesuffix("-->").removesuffix("*/"))
    return out
