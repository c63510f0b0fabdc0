"""Render the demo's review templates against the code they review.

Templates point at code by content, never by line number, so they stay true when the code moves:

* ``{{sha}}`` — short sha of the reviewed commit; ``{{sha NAME}}`` — short sha of step NAME
* ``{{loc PATH | ANCHOR | N}}`` — ``PATH:START-END`` of the N lines starting at the first line containing ANCHOR
* ``{{code PATH | ANCHOR | N}}`` — those N lines, dedented (the template supplies the fence)
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping

from reviewkit.errors import InputError

_PLACEHOLDER = re.compile(r"\{\{(\w+)([^}]*)\}\}")


def find_lines(files: Mapping[str, str], path: str, anchor: str, count: int) -> tuple[int, list[str]]:
    """1-based first line of ``anchor`` in ``path`` and the ``count`` lines from there."""
    if path not in files:
        raise InputError(f"demo template points at {path!r}, which the reviewed commit does not have")
    lines = files[path].splitlines()
    for number, text in enumerate(lines, start=1):
        if anchor in text:
            if number - 1 + count > len(lines):
                raise InputError(f"demo template: {path} has fewer than {count} lines after {anchor!r}")
            return number, lines[number - 1 : number - 1 + count]
    raise InputError(f"demo template: {anchor!r} not found in {path}")


def render(template: str, files: Mapping[str, str], shas: Mapping[str, str], reviewed: str) -> str:
    """Fill every placeholder of ``template``; ``files`` is the tree of the reviewed commit."""

    def fill(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2).strip()
        if kind == "sha":
            return shas[arg or reviewed][:7]
        path, anchor, count_text = (part.strip() for part in arg.split("|"))
        count = int(count_text)
        start, lines = find_lines(files, path, anchor, count)
        if kind == "loc":
            return f"{path}:{start}" if count == 1 else f"{path}:{start}-{start + count - 1}"
        if kind == "code":
            # continuation lines take the placeholder's own indentation (code inside a list item)
            line_start = match.string.rfind("\n", 0, match.start()) + 1
            indent = match.string[line_start : match.start()]
            indent = indent if not indent.strip() else ""
            return textwrap.dedent("\n".join(lines)).replace("\n", "\n" + indent)
        raise InputError(f"demo template: unknown placeholder {{{{{kind}}}}}")

    return _PLACEHOLDER.sub(fill, template)
