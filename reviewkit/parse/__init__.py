"""Markdown review documents → :class:`~reviewkit.model.Document`.

Public entry points (stable; other stages rely on them):

* ``parse_text(text, path="<text>", vocabulary=DEFAULT_VOCABULARY) -> Document``
* ``parse_document(source: ReviewSource, vocabulary=...) -> Document``
* ``parse_paths(paths, vocabulary=...) -> list[Document]``

Parsing never raises on bad content: problems become ``Document.warnings``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.model import Document, DocumentKind, ParseWarning
from reviewkit.sources import ReviewSource, collect_sources, source_from_bytes

__all__ = ["parse_document", "parse_paths", "parse_text"]


def parse_text(text: str, path: str = "<text>", vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse markdown ``text`` as the document at ``path``."""
    return parse_document(source_from_bytes(path, text.encode("utf-8")), vocabulary)


def parse_document(source: ReviewSource, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Document:
    """Parse one decoded document. TODO(parser): replace this placeholder."""
    warnings = [ParseWarning(line=None, message=source.problem)] if source.problem else []
    return Document(path=source.path, kind=DocumentKind.OTHER, warnings=tuple(warnings), sha256=source.sha256)


def parse_paths(paths: Iterable[Path], vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[Document]:
    """Parse every document under ``paths`` (directories searched for ``*.md``)."""
    return [parse_document(s, vocabulary) for s in collect_sources(paths)]
