"""A document's leading YAML front-matter block, which markdown would misread.

Documentation sites (Jekyll, Hugo, MkDocs) and review collections open files with ``---`` / ``key: value`` lines /
``---``. CommonMark reads the closing rule as a setext underline, so the whole block becomes one heading over the
document. The block is blanked before parsing, its lines kept so every line number stays as written.
"""

from __future__ import annotations

import re

__all__ = ["without_front_matter"]

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_YAML_LINE = re.compile(r"^(?:[ \t]*(?:-\s+)?[\w.-]+\s*:(?:\s|$)|[ \t]+\S|[ \t]*-\s+\S|[ \t]*#|[ \t]*$)")


def without_front_matter(text: str) -> str:
    """``text`` with a leading YAML front-matter block (``---`` / ``key: value`` lines / ``---``) replaced by blank
    lines: CommonMark would read its closing rule as a setext underline and the whole block as one heading.
    Line numbers stay as written."""
    if not text.startswith("---"):
        return text
    first_break = text.find("\n")
    if first_break < 0 or text[:first_break].strip() != "---":
        return text
    end = _FRONT_MATTER_END.search(text, first_break + 1)
    if end is None or end.start() > 20000:
        return text
    body = text[first_break + 1 : end.start()].split("\n")[:-1] if text[end.start() - 1 : end.start()] == "\n" else []
    if not body or not all(_YAML_LINE.match(line) for line in body) or not any(":" in line for line in body):
        return text
    blank = "\n" * text.count("\n", 0, end.end())
    return blank + text[end.end() :]
