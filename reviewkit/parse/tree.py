"""Markdown → a tree of sections, with 1-based line numbers from markdown-it's line maps.

Everything the recognizers look at comes from here: one ``MarkdownIt`` instance
(CommonMark + tables + strikethrough), a :class:`Section` tree built from the
heading hierarchy, and helpers to get plain text or inline markdown of a node.
Code blocks stay ``fence``/``code_block`` nodes, so nothing inside them is ever
read as a heading, table or finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode, _NesterTokens


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def parse_markdown(text: str) -> SyntaxTreeNode:
    """The syntax tree of ``text``."""
    return build_tree(markdown_parser().parse(text))


class _Node(SyntaxTreeNode):
    """A :class:`SyntaxTreeNode` whose ``type`` is computed once.

    markdown-it-py's own constructor recurses over token slices and derives
    ``type`` on every access; recognizers read ``type`` constantly, so the tree is
    built here in one linear pass and the type is stored.
    """

    _node_type: str

    @property
    def type(self) -> str:
        return self._node_type


def _new_node(parent: SyntaxTreeNode | None, node_type: str) -> _Node:
    node = _Node.__new__(_Node)
    node.token = None
    node.nester_tokens = None
    node._parent = parent
    node._children = []
    node._node_type = node_type
    return node


def build_tree(tokens: list[Token]) -> SyntaxTreeNode:
    """The same tree ``SyntaxTreeNode(tokens)`` builds, in one pass over the tokens."""
    root = _new_node(None, "root")
    _attach(tokens, root)
    return root


def _attach(tokens: list[Token], root: _Node) -> None:
    stack: list[tuple[_Node, Token | None]] = [(root, None)]
    for tok in tokens:
        parent = stack[-1][0]
        if tok.nesting == 1:
            node = _new_node(parent, tok.type.removesuffix("_open"))
            parent._children.append(node)
            stack.append((node, tok))
        elif tok.nesting == -1:
            node, opening = stack.pop()
            assert opening is not None
            node.nester_tokens = _NesterTokens(opening, tok)
        else:
            node = _new_node(parent, tok.type)
            node.token = tok
            parent._children.append(node)
            if tok.children:
                _attach(tok.children, node)


@dataclass(eq=False)
class Section:
    """A heading and everything up to the next heading of the same or higher level.

    The root section has level 0 and no heading; blocks before the first heading
    belong to it.
    """

    level: int
    title: str
    """Heading text, markdown stripped (empty for the root)."""
    title_md: str
    """Heading inline markdown as written (``**C-001**: Title``)."""
    line: int
    """1-based line of the heading (1 for the root)."""
    end_line: int
    """1-based last line of the section, subsections included."""
    blocks: list[SyntaxTreeNode] = field(default_factory=list)
    """Block nodes directly under this heading, before its first subsection."""
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Section]:
        """Enclosing sections, innermost first (root last)."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def all_blocks(self) -> Iterator[SyntaxTreeNode]:
        """Blocks of this section and its subsections, in document order."""
        yield from self.blocks
        for child in self.children:
            yield from child.all_blocks()


def build_sections(root: SyntaxTreeNode, n_lines: int) -> Section:
    """Fold the flat list of top-level blocks into a section tree."""
    top = Section(level=0, title="", title_md="", line=1, end_line=max(n_lines, 1))
    stack = [top]
    for node in root.children:
        if node.type == "heading":
            level = int(node.tag[1])
            while stack[-1].level >= level:
                closed = stack.pop()
                closed.end_line = max(closed.line, line_of(node) - 1)
            inline = node.children[0] if node.children else None
            section = Section(
                level=level,
                title=plain_text(node),
                title_md=inline.content if inline is not None else "",
                line=line_of(node),
                end_line=max(n_lines, 1),
                parent=stack[-1],
            )
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(node)
    return top


def line_of(node: SyntaxTreeNode) -> int:
    """1-based first line of a block node (1 when it has no map)."""
    m = _map(node)
    return m[0] + 1 if m else 1


def end_line_of(node: SyntaxTreeNode) -> int:
    """1-based last line of a block node."""
    m = _map(node)
    return max(m[1], m[0] + 1) if m else 1


def _map(node: SyntaxTreeNode) -> tuple[int, int] | None:
    if node.is_root:
        return None
    try:
        m = node.map
    except AttributeError:
        return None
    return (m[0], m[1]) if m else None


def inline_markdown(node: SyntaxTreeNode) -> str:
    """The inline markdown source of a heading, paragraph or table cell."""
    if node.type == "inline":
        return node.content
    parts = [c.content for c in node.children if c.type == "inline"]
    if parts:
        return "\n".join(parts)
    return "\n".join(inline_markdown(c) for c in node.children if c.type in ("paragraph", "inline"))


def plain_text(node: SyntaxTreeNode) -> str:
    """Text of a node with markup removed; code spans keep their content."""
    out: list[str] = []
    _collect_text(node, out)
    return "".join(out).strip()


def _collect_text(node: SyntaxTreeNode, out: list[str]) -> None:
    t = node.type
    if t in ("text", "code_inline", "html_inline"):
        out.append(node.content)
    elif t in ("softbreak", "hardbreak"):
        out.append("\n")
    elif t in ("fence", "code_block"):
        out.append(node.content)
    else:
        block = t in ("paragraph", "list_item", "tr", "blockquote", "heading", "table")
        for child in node.children:
            _collect_text(child, out)
            if t == "tr":
                out.append(" | ")
        if block and out and not out[-1].endswith("\n"):
            out.append("\n")


def code_spans(node: SyntaxTreeNode) -> list[str]:
    """Contents of inline code spans below ``node``, in order."""
    return [n.content for n in _descendants(node) if n.type == "code_inline"]


def code_blocks(node: SyntaxTreeNode) -> list[str]:
    """Contents of fenced or indented code blocks below (or at) ``node``."""
    return [n.content for n in _descendants(node) if n.type in ("fence", "code_block")]


def _descendants(node: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    yield node
    for child in node.children:
        yield from _descendants(child)


def table_rows(table: SyntaxTreeNode) -> tuple[list[str], list[tuple[int, list[SyntaxTreeNode]]]]:
    """Header cell texts and body rows as (1-based line, cell nodes) of a ``table`` node."""
    header: list[str] = []
    rows: list[tuple[int, list[SyntaxTreeNode]]] = []
    for part in table.children:
        for tr in part.children:
            cells = list(tr.children)
            if part.type == "thead":
                header = [plain_text(c) for c in cells]
            else:
                rows.append((line_of(tr), cells))
    return header, rows
