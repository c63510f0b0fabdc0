"""The parser's syntax tree mirrors markdown-it's SyntaxTreeNode; heading facts are read once and kept on sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.tree import SyntaxTreeNode

import reviewkit.parse.findings.sections as sections_module
from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import Severity
from reviewkit.parse import parse_text
from reviewkit.parse.findings.sections import HeadingFacts, annotate
from reviewkit.parse.text import model_regex
from reviewkit.parse.tree import (
    Node,
    build_sections,
    markdown_parser,
    parse_markdown,
    plain_text,
    without_front_matter,
)

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


def test_heading_facts_are_read_once_and_stored_on_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    # RK-020: facts were answered by a context-variable memo keyed by id(); now one pass stores them
    root = build_sections(parse_markdown(SAMPLE), SAMPLE.count("\n") + 1)
    annotate(root, DEFAULT_VOCABULARY)
    sections = list(root.walk())
    assert all(isinstance(s.facts, HeadingFacts) and s.facts.title == s.title for s in sections)
    critical = next(s for s in sections if s.title.startswith("CRITICAL"))
    assert critical.facts.severity is not None and critical.facts.severity.severity is Severity.CRITICAL

    calls: list[str] = []
    real = sections_module.read_facts
    monkeypatch.setattr(sections_module, "read_facts", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    first = parse_text(SAMPLE)
    headings = [s.title for s in sections]
    assert sorted(c for c in calls if c in headings) == sorted(headings)  # each heading read exactly once
    assert parse_text(SAMPLE) == first


def test_equal_vocabularies_share_a_fingerprint_and_a_model_pattern() -> None:
    copy = DEFAULT_VOCABULARY.model_copy(deep=True)
    assert copy is not DEFAULT_VOCABULARY and copy.fingerprint == DEFAULT_VOCABULARY.fingerprint
    assert model_regex(copy) is model_regex(DEFAULT_VOCABULARY)
    other = DEFAULT_VOCABULARY.model_copy(update={"aliases": {**DEFAULT_VOCABULARY.aliases, "zorblax": "zorblax"}})
    assert other.fingerprint != DEFAULT_VOCABULARY.fingerprint
    assert model_regex(other).search("Zorblax 2 said") and not model_regex(DEFAULT_VOCABULARY).search("Zorblax 2")


def _inline_nodes(node: Node) -> list[Node]:
    found: list[Node] = []
    for child in node.children:
        if child.type == "inline":
            found.append(child)
        else:
            found.extend(_inline_nodes(child))
    return found


def _whole_parse_inlines(text: str) -> list[list[dict[str, object]]]:
    """markdown-it's whole parse of ``text`` as the parser reads it (a YAML front-matter block blanked)."""
    tokens = markdown_parser().parse(without_front_matter(text))
    return [[t.as_dict() for t in tok.children or []] for tok in tokens if tok.type == "inline"]


REFERENCES = """A [reference link][docs], a [collapsed one][], a [shortcut], *plain* words and
[no such ref][missing].

[docs]: https://example.test/docs "Docs"
[collapsed one]: https://example.test/c
[shortcut]: https://example.test/s
"""


@pytest.mark.parametrize("text", [SAMPLE, REFERENCES, "plain words only", "tab\there & there", ""])
def test_inline_content_parsed_on_demand_is_the_whole_parse(text: str) -> None:
    lazy = [[t.as_dict() for t in n.inline_tokens()] for n in _inline_nodes(parse_markdown(text))]
    assert lazy == _whole_parse_inlines(text)


def test_every_vendored_document_gives_the_whole_parse_inline_tokens() -> None:
    paths = sorted((Path(__file__).parent / "corpus" / "docs").rglob("*.md"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        lazy = [[t.as_dict() for t in n.inline_tokens()] for n in _inline_nodes(parse_markdown(text))]
        assert lazy == _whole_parse_inlines(text), path


def test_an_inline_nobody_reads_is_never_parsed() -> None:
    paragraph, _ = parse_markdown("Some *emphasis* here.\n\nAnd **more**.\n").children
    inline = paragraph.children[0]
    assert inline.token is not None and inline.token.children == []  # the block pass left it unparsed
    assert plain_text(paragraph) == "Some emphasis here."
    assert [t.type for t in inline.token.children] == ["text", "em_open", "text", "em_close", "text"]


def test_a_yaml_front_matter_block_is_blanked_and_its_lines_kept() -> None:
    text = "---\nPublication-State: Active\nReviewers:\n- Organization: X41\n---\n# C-ares review\n\nBody.\n"
    root = build_sections(parse_markdown(text), text.count("\n") + 1)
    assert [(s.title, s.line) for s in root.children] == [("C-ares review", 6)]
    prose = "---\n\nSome text that is no YAML\n---\n"
    assert without_front_matter(prose) == prose
