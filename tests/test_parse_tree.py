"""The parser's syntax tree mirrors markdown-it's SyntaxTreeNode; per-document memo tables never outlive a parse."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from reviewkit.parse import parse_text
from reviewkit.parse.memo import document_memo, memo_table
from reviewkit.parse.tree import Node, markdown_parser, parse_markdown, plain_text

SAMPLE = """# R3 Review — *grok*

Intro with `code`, **bold**, a [link](http://x.test) and ![alt **text**](img.png).
Second line\\
hard break.

## CRITICAL (1)

- **C-001**: Race in `src/a.py:12-14`
  1. nested *item*
  > quoted

| ID | Finding | File |
|----|---------|------|
| C1 | ~~old~~ new | src/b.py:3 |

```python
x = 1
```
"""


def _shape(node: SyntaxTreeNode | Node) -> tuple[object, ...]:
    token = None if node.is_root else (tuple(node.map or ()), node.content, node.markup)
    return (node.type, token, tuple(_shape(c) for c in node.children))


def test_tree_has_the_shape_of_markdown_its_own() -> None:
    tokens = markdown_parser().parse(SAMPLE)
    assert _shape(parse_markdown(SAMPLE)) == _shape(SyntaxTreeNode(tokens))


def _reference_text(node: SyntaxTreeNode, out: list[str]) -> None:
    """plain_text as written over SyntaxTreeNode before the inline shortcut."""
    t = node.type
    if t in ("text", "code_inline", "html_inline", "fence", "code_block"):
        out.append(node.content)
    elif t in ("softbreak", "hardbreak"):
        out.append("\n")
    else:
        for child in node.children:
            _reference_text(child, out)
            if t == "tr":
                out.append(" | ")
        ends_line = t in ("paragraph", "list_item", "tr", "blockquote", "heading", "table")
        if ends_line and out and not out[-1].endswith("\n"):
            out.append("\n")


def test_plain_text_reads_inline_tokens_like_the_nodes() -> None:
    ours = parse_markdown(SAMPLE).children
    theirs = SyntaxTreeNode(markdown_parser().parse(SAMPLE)).children
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs, strict=True):
        out: list[str] = []
        _reference_text(reference, out)
        assert plain_text(mine) == "".join(out).strip()
    assert "alt text" in plain_text(ours[1])  # an image's alt text, read from its token children


def test_memo_tables_live_for_one_document_only() -> None:
    assert memo_table("lead") is None  # outside a parse: nothing is remembered
    with document_memo():
        table = memo_table("lead")
        assert table is not None and memo_table("lead") is table
    assert memo_table("lead") is None
    first = parse_text(SAMPLE)
    assert memo_table("lead") is None  # parse_document's tables are gone once it returns
    assert parse_text(SAMPLE) == first
