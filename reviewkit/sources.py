"""Find and read review documents: the only place document bytes are decoded.

Reading never raises for bad content: a binary file, invalid UTF-8 or an oversized
file becomes a :class:`ReviewSource` with ``problem`` set and as much text as can
be kept, so the parser can report it as a warning and go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reviewkit.errors import InputError

MAX_BYTES = 8 * 1024 * 1024
"""Documents larger than this are cut; real reviews are < 100 kB."""


@dataclass(frozen=True, slots=True)
class ReviewSource:
    """A document's text and where it came from."""

    path: str
    """Path relative to the folder it was found under (POSIX), or as given for a file."""
    text: str
    sha256: str
    problem: str | None = None
    """Why the text is partial or empty (binary, bad encoding, cut), or None."""


def decode_document(data: bytes) -> tuple[str, str | None]:
    """Text of ``data`` and the problem met decoding it (None when clean)."""
    problem = None
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        problem = f"file larger than {MAX_BYTES // (1024 * 1024)} MB: only the first part was parsed"
    if b"\x00" in data[:8192]:
        return "", "binary file (NUL bytes): not parsed"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8-sig", errors="replace")
        line = data[: e.start].count(b"\n") + 1
        problem = f"invalid UTF-8 at line {line} (byte {e.start}): undecodable bytes replaced"
    return text, problem


def source_from_bytes(path: str, data: bytes) -> ReviewSource:
    text, problem = decode_document(data)
    return ReviewSource(path=path, text=text, sha256=hashlib.sha256(data).hexdigest(), problem=problem)


def read_source(file: Path, rel: str) -> ReviewSource:
    try:
        data = file.read_bytes()
    except OSError as e:
        return ReviewSource(path=rel, text="", sha256="", problem=f"unreadable: {e.strerror or e}")
    return source_from_bytes(rel, data)


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
"""Markdown file extensions, compared case-insensitively (``REVIEW.MD`` and ``notes.Md`` are read too)."""


def is_markdown(name: str) -> bool:
    """True for a markdown file name, whatever the case of its extension."""
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in MARKDOWN_SUFFIXES


def iter_markdown(root: Path) -> Iterator[Path]:
    """Markdown files (any case of extension) below ``root`` in sorted order, not following links out of it."""
    base = root.resolve()
    for p in sorted(root.rglob("*")):
        if is_markdown(p.name) and p.is_file() and p.resolve().is_relative_to(base):
            yield p


def unfollowed_links(root: Path) -> list[str]:
    """A warning for each symbolic link below ``root`` that :func:`iter_markdown` does not read.

    Links are not followed: a linked folder would be read twice or read outside the paths given, so
    each one is named instead of skipped without a word.
    """
    if not root.is_dir():
        return []
    base = root.resolve()
    notes: list[str] = []
    for p in sorted(root.rglob("*")):
        if not p.is_symlink():
            continue
        target = p.resolve()
        rel = p.relative_to(root).as_posix()
        if target.is_dir():
            notes.append(f"{rel}: symbolic link to a folder ({target}) not followed: its documents are not read")
        elif is_markdown(p.name) and not target.is_relative_to(base):
            notes.append(f"{rel}: symbolic link to a file outside {root} ({target}) not followed")
    return notes


def collect_sources(paths: Iterable[Path]) -> list[ReviewSource]:
    """Read every document named: directories are searched for ``*.md``.

    Paths in the result are relative to the directory given (a file given
    directly keeps its name). A path that does not exist is an :class:`InputError`.
    """
    out: list[ReviewSource] = []
    for given in paths:
        if given.is_dir():
            for f in iter_markdown(given):
                out.append(read_source(f, f.relative_to(given).as_posix()))
        elif given.exists():
            out.append(read_source(given, given.name))
        else:
            raise InputError("no such file or directory", path=str(given))
    return out
