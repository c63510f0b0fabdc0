"""Small text helpers shared by the structure recognizers: lines of a block, markup stripping, model names.

Everything here works on one inline (a heading, a paragraph line, a table cell);
the document structure itself always comes from :mod:`reviewkit.parse.tree`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reviewkit.config import Vocabulary
from reviewkit.parse.tree import Node, Section, inline_markdown, line_of

MODEL_FAMILIES = ("gemini", "gpt", "grok", "deepseek", "claude", "codex", "opus", "llama", "mistral", "qwen")
_MODEL_SUFFIX = (
    r"(?:[ -]?(?:v?\d+(?:\.\d+)*\b|pro\b|flash\b|codex\b|speciale\b|opus\b|sonnet\b|mini\b|ultra\b|turbo\b))*"
)


@dataclass(frozen=True, slots=True)
class TextLine:
    """One source line of a paragraph or heading: inline markdown and its 1-based line."""

    markdown: str
    line: int

    @property
    def plain(self) -> str:
        return strip_markup(self.markdown)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_STAR = re.compile(r"(?<![\w*])\*(?!\s)|(?<=\S)\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<!\w)_{1,2}(?=\S)|(?<=\S)_{1,2}(?!\w)")


def strip_markup(text: str) -> str:
    """Inline markdown → plain text: emphasis, code ticks and link brackets removed."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("`", "").replace("~~", "")
    if "*" in text:
        text = _STAR.sub("", text)
    if "_" in text:
        text = _UNDERSCORE.sub("", text)
    return text.strip()


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when none of ``words`` (lower case) occurs in ``text``, case ignored.

    A cheap test before a case-insensitive regex that needs one of the words. Beyond
    ASCII, re's case folding matches more than ``str.lower`` (``ſ`` for ``s``, ``K`` for
    ``k``), so for such text the answer is always True and the regex decides.
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


def block_lines(node: Node) -> list[TextLine]:
    """Source lines of a paragraph (or a list item's paragraphs), each with its line number."""
    if node.type == "paragraph":
        first = line_of(node)
        return [TextLine(text, first + i) for i, text in enumerate(inline_markdown(node).split("\n"))]
    out: list[TextLine] = []
    for child in node.children:
        if child.type in ("paragraph", "list_item", "bullet_list", "ordered_list", "blockquote"):
            out.extend(block_lines(child))
    return out


def paragraphs(node: Node) -> Iterator[Node]:
    """The paragraph nodes :func:`block_lines` reads ``node``'s lines from, in the same order."""
    if node.type == "paragraph":
        yield node
        return
    for child in node.children:
        if child.type in ("paragraph", "list_item", "bullet_list", "ordered_list", "blockquote"):
            yield from paragraphs(child)


def section_lines(section: Section, *, deep: bool = False) -> Iterator[TextLine]:
    """Paragraph and list lines of a section (and of its subsections when ``deep``)."""
    blocks = section.all_blocks() if deep else iter(section.blocks)
    for block in blocks:
        if block.type in ("paragraph", "bullet_list", "ordered_list", "blockquote"):
            yield from block_lines(block)


@lru_cache(maxsize=8)
def model_regex(vocabulary: Vocabulary) -> re.Pattern[str]:
    """A pattern for model names (`Gemini 3.1 Pro`, `GPT-5.2 Codex`, `DeepSeek-V3.2-Speciale`).

    Cached per vocabulary by its fingerprint (``Vocabulary.__hash__``): equal vocabularies share one pattern.
    """
    canon = {c for c in set(vocabulary.aliases.values()) if re.fullmatch(r"[a-z][\w-]*", c)}
    families = sorted(sorted(set(MODEL_FAMILIES) | canon), key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in families)
    return re.compile(rf"(?<![\w-])(?:{alternatives}){_MODEL_SUFFIX}(?![\w])", re.IGNORECASE)


def find_model(text: str, vocabulary: Vocabulary) -> str | None:
    """The first model name written in ``text``, as written."""
    m = model_regex(vocabulary).search(text)
    return m.group(0).strip(" -") if m else None


def model_family(name: str, vocabulary: Vocabulary) -> str:
    """A reviewer name reduced to its canonical family for comparisons (`Gemini 3 Pro` → `gemini`)."""
    low = name.lower().strip()
    if low in vocabulary.aliases:
        return vocabulary.aliases[low]
    first = re.split(r"[\s-]", low, maxsplit=1)[0]
    return vocabulary.aliases.get(first, first)
