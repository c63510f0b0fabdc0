"""Markdown → a tree of sections, with 1-based line numbers from markdown-it's line maps.

Everything the recognizers look at comes from here: one ``MarkdownIt`` instance
(CommonMark + tables + strikethrough), a :class:`Section` tree built from the
heading hierarchy, and helpers to get plain text or inline markdown of a node.
Code blocks stay ``fence``/``code_block`` nodes, so nothing inside them is ever
read as a heading, table or finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, inline, text_join
from markdown_it.token import Token
from markdown_it.utils import EnvType

from reviewkit.parse.front_matter import without_front_matter


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """:func:`markdown_parser` without its two inline core rules (``inline``, ``text_join``).

    Half of a markdown-it parse is the inline pass over every paragraph, cell and heading, and
    the recognizers never read the inline content of many blocks (a code review's long prose,
    the cells of tables nobody reads): :meth:`Node.inline_tokens` runs the same two rules on one
    inline token the first time its content is asked for. Each inline token's parse depends only
    on its own text and the document's link references (``env``), so the tokens are the ones a
    whole parse gives.
    """
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])


_INLINE_MARKUP = re.compile(r"[\n\\`~*_\[!<&]")
"""The characters at which one of the parser's inline rules can start (newline, escape, code span,
strikethrough, emphasis, link, image, autolink or HTML, entity): content without any is one text token."""


def parse_markdown(text: str) -> Node:
    """The syntax tree of ``text`` (a YAML front-matter block blanked first, its lines kept)."""
    env: EnvType = {}
    return build_tree(_block_parser().parse(without_front_matter(text), env), env)


_NO_CHILDREN: tuple[Node, ...] = ()


class Node:
    """One node of the syntax tree: the shape of markdown-it-py's ``SyntaxTreeNode`` (same ``type``
    names, children and token properties), without links back to the parent.

    The parser builds one of these per block of every document, so it is a slotted object
    without parent links: a document's tree is freed by reference counting as soon as the
    parse is done, instead of being left for the cycle collector. The nodes below an
    ``inline`` (text, emphasis, code spans) are only built when asked for; the text helpers
    here read them straight from the inline token.
    """

    __slots__ = ("_children", "_env", "_text", "token", "type")

    type: str
    """``paragraph``, ``heading``, ``table``, ``inline``, ``text``… (``_open`` dropped), ``root``."""
    token: Token | None
    """The token of a leaf, the opening token of a container; None for the root."""
    _children: Sequence[Node] | None
    _text: str | None
    """:func:`plain_text` of the node, once asked for (several stages read the same cells and titles)."""
    _env: EnvType | None
    """The document's markdown-it env while this inline's content is not parsed yet; None after."""

    def __init__(
        self, node_type: str, token: Token | None, children: Sequence[Node] | None, env: EnvType | None = None
    ) -> None:
        self.type = node_type
        self.token = token
        self._children = children
        self._text = None
        self._env = env

    @property
    def children(self) -> Sequence[Node]:
        kids = self._children
        if kids is None:  # an inline's content, built on first use
            kids = self._children = build_tree(self.inline_tokens()).children
        return kids

    def inline_tokens(self) -> list[Token]:
        """The child tokens of an inline (text, emphasis, code spans…), parsed on first use."""
        token = self._token()
        env = self._env
        if env is not None:
            self._env = None
            content = token.content
            if _INLINE_MARKUP.search(content) is None:  # two thirds of the inlines read: plain words
                token.children = [Token("text", "", 0, content=content)] if content else []
            else:
                state = StateCore(content, _block_parser(), env, [token])
                inline(state)
                text_join(state)
        return token.children or []

    @property
    def is_root(self) -> bool:
        return self.token is None

    def _token(self) -> Token:
        if self.token is None:
            raise AttributeError("the root node has no token")
        return self.token

    @property
    def content(self) -> str:
        return self._token().content

    @property
    def map(self) -> list[int] | None:
        """Source lines ``[begin, end)`` (0-based), or None."""
        return self._token().map or None

    @property
    def tag(self) -> str:
        return self._token().tag

    @property
    def markup(self) -> str:
        return self._token().markup

    @property
    def info(self) -> str:
        return self._token().info


def build_tree(tokens: list[Token], env: EnvType | None = None) -> Node:
    """The tree ``SyntaxTreeNode(tokens)`` describes, in one pass over the tokens.

    With ``env`` (the tokens of :func:`parse_markdown`), inline tokens are not parsed yet: each inline
    node parses its own content on first use."""
    top: list[Node] = []
    stack = [top]
    for tok in tokens:
        nesting = tok.nesting
        if nesting == 1:
            kids: list[Node] = []
            stack[-1].append(Node(tok.type.removesuffix("_open"), tok, kids))
            stack.append(kids)
        elif nesting == -1:
            stack.pop()
        elif env is not None and tok.type == "inline":
            stack[-1].append(Node("inline", tok, None, env))
        else:
            # An inline's (or image's) children are built on demand; other leaves have none.
            stack[-1].append(Node(tok.type, tok, None if tok.children else _NO_CHILDREN))
    return Node("root", None, top)


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
    blocks: list[Node] = field(default_factory=list)
    """Block nodes directly under this heading, before its first subsection."""
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)
    facts: Any = field(default=None, repr=False)
    """What the findings stage reads in this heading (``findings.sections.HeadingFacts``), stored once by
    ``findings.sections.annotate`` right after the tree is built. Typed loosely: the tree sits below that stage."""

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        stack = [self]
        while stack:  # iterative: a recursive generator costs a frame per level for every section
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def ancestors(self) -> Iterator[Section]:
        """Enclosing sections, innermost first (root last)."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def all_blocks(self) -> Iterator[Node]:
        """Blocks of this section and its subsections, in document order."""
        for section in self.walk():
            yield from section.blocks


def build_sections(root: Node, n_lines: int) -> Section:
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


def line_of(node: Node) -> int:
    """1-based first line of a block node (1 when it has no map)."""
    m = node.token.map if node.token is not None else None
    return m[0] + 1 if m else 1


def end_line_of(node: Node) -> int:
    """1-based last line of a block node."""
    m = node.token.map if node.token is not None else None
    return max(m[1], m[0] + 1) if m else 1


def inline_markdown(node: Node) -> str:
    """The inline markdown source of a heading, paragraph or table cell."""
    if node.type == "inline":
        return node.content
    parts = [c.content for c in node.children if c.type == "inline"]
    if parts:
        return "\n".join(parts)
    return "\n".join(inline_markdown(c) for c in node.children if c.type in ("paragraph", "inline"))


def plain_text(node: Node) -> str:
    """Text of a node with markup removed; code spans keep their content."""
    text = node._text
    if text is None:
        out: list[str] = []
        _collect_text(node, out)
        text = node._text = "".join(out).strip()
    return text


_BLOCKS_ENDING_A_LINE = frozenset(("paragraph", "list_item", "tr", "blockquote", "heading", "table"))


def _collect_text(node: Node, out: list[str]) -> None:
    t = node.type
    if t in ("text", "code_inline", "html_inline", "fence", "code_block"):
        out.append(node.content)
    elif t in ("softbreak", "hardbreak"):
        out.append("\n")
    elif t == "inline" and node.token is not None:
        inline_text(node.inline_tokens(), out)
    else:
        for child in node.children:
            _collect_text(child, out)
            if t == "tr":
                out.append(" | ")
        if t in _BLOCKS_ENDING_A_LINE and out and not out[-1].endswith("\n"):
            out.append("\n")


_TEXT_TOKENS = frozenset(("text", "code_inline", "html_inline"))
_BREAK_TOKENS = frozenset(("softbreak", "hardbreak"))


def inline_text(tokens: list[Token], out: list[str]) -> None:
    """Append the text of an inline's child tokens to ``out`` (code spans kept, breaks as newlines).

    The same text the child nodes would give, read from the flat token list without building them.
    """
    for tok in tokens:
        t = tok.type
        if t in _TEXT_TOKENS:
            out.append(tok.content)
        elif t in _BREAK_TOKENS:
            out.append("\n")
        elif tok.children:  # an image: its alt text
            inline_text(tok.children, out)


def code_spans(node: Node) -> list[str]:
    """Contents of inline code spans below ``node``, in order."""
    return [n.content for n in _descendants(node) if n.type == "code_inline"]


def code_blocks(node: Node) -> list[str]:
    """Contents of fenced or indented code blocks below (or at) ``node``."""
    return [n.content for n in blocks_below(node) if n.type in ("fence", "code_block")]


def _descendants(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _descendants(child)


def blocks_below(node: Node) -> Iterator[Node]:
    """``node`` and the block nodes below it, never entering an inline (whose content is parsed on first use)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if current.type != "inline":
            stack.extend(reversed(current.children))


def table_header(table: Node) -> list[str]:
    """Header cell texts of a ``table`` node (the first part of :func:`table_rows`)."""
    header: list[str] = []
    for part in table.children:
        if part.type == "thead":
            for tr in part.children:
                header = [plain_text(c) for c in tr.children]
    return header


def table_rows(table: Node) -> tuple[list[str], list[tuple[int, list[Node]]]]:
    """Header cell texts and body rows as (1-based line, cell nodes) of a ``table`` node."""
    header: list[str] = []
    rows: list[tuple[int, list[Node]]] = []
    for part in table.children:
        for tr in part.children:
            cells = list(tr.children)
            if part.type == "thead":
                header = [plain_text(c) for c in cells]
            else:
                rows.append((line_of(tr), cells))
    return header, rows
