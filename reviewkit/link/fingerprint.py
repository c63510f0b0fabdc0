"""Fingerprints of a finding: referenced-content hash, path+symbol, normalised title."""

from __future__ import annotations

from reviewkit.link.text import content_hash, normalise_title
from reviewkit.model import Finding, Fingerprints, ResolvedLocation


def referenced_lines(text: str | None, loc: ResolvedLocation) -> list[str]:
    """The lines ``loc`` points at in ``text`` (empty when unresolved or without lines)."""
    if text is None or not loc.resolved or loc.start is None:
        return []
    end = loc.end if loc.end is not None else loc.start
    return text.splitlines()[loc.start - 1 : end]


def fingerprints(finding: Finding, locations: tuple[ResolvedLocation, ...], first_lines: list[str]) -> Fingerprints:
    """Fingerprints without line numbers: they survive code moving up and down a file.

    ``first_lines`` are the referenced lines of the first resolved location with lines; when there
    are none, the quoted code stands in for them.
    """
    content = content_hash(first_lines)
    if content is None and finding.snippets:
        content = content_hash([line for s in finding.snippets for line in s.splitlines()])
    path_symbol = None
    for loc in locations:
        if loc.symbol and (loc.path or loc.resolved):
            path_symbol = f"{loc.path}:{loc.symbol}"
            break
    if path_symbol is None:
        for written in finding.locations:
            if written.symbol:
                path_symbol = f"{written.path or ''}:{written.symbol}"
                break
    return Fingerprints(content=content, path_symbol=path_symbol, title=normalise_title(finding.title))
