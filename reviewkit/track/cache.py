"""A small on-disk cache of stage results, so a second run only does new work.

* parse results per document *content* (sha256 of the bytes + path + reviewkit version):
  an unchanged document is never parsed twice;
* link results per round, keyed by the commit history was read at (HEAD sha) and the
  round's document hashes: a new round with an unchanged history links only that round.

Entries are pydantic ``model_dump_json`` files under ``<repo>/.reviewkit-cache/`` (or the
``--cache-dir`` given). A corrupt or outdated entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from reviewkit import __version__
from reviewkit.model import Document, LinkedFinding

__all__ = ["CACHE_DIRNAME", "CacheStats", "StageCache"]

CACHE_DIRNAME = ".reviewkit-cache"


class _LinkEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    findings: tuple[LinkedFinding, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class CacheStats:
    """Hits and misses per stage (the benchmark reads these)."""

    parse_hits: int = 0
    parse_misses: int = 0
    link_hits: int = 0
    link_misses: int = 0
    notes: list[str] = field(default_factory=list)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join((__version__, *parts)).encode("utf-8")).hexdigest()[:32]


class StageCache:
    """Parse/link results under ``root``; ``root=None`` disables caching (every call is a miss)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.stats = CacheStats()

    def _read(self, kind: str, key: str) -> str | None:
        if self.root is None:
            return None
        file = self.root / kind / f"{key}.json"
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _write(self, kind: str, key: str, text: str) -> None:
        if self.root is None:
            return
        folder = self.root / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = self.root / ".gitignore"
            if not ignore.exists():  # a cache inside the repository must never be committed
                ignore.write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            Path(tmp).replace(folder / f"{key}.json")
        except OSError as e:  # a read-only checkout still works, just slower
            self.stats.notes.append(f"cache not written ({e.strerror or e})")

    def get_document(self, path: str, sha256: str) -> Document | None:
        text = self._read("parse", _digest("parse", path, sha256))
        if text is not None:
            try:
                doc = Document.model_validate_json(text)
            except ValidationError:
                doc = None
            if doc is not None:
                self.stats.parse_hits += 1
                return doc
        self.stats.parse_misses += 1
        return None

    def put_document(self, document: Document) -> None:
        self._write("parse", _digest("parse", document.path, document.sha256), document.model_dump_json())

    @staticmethod
    def link_key(head: str, documents: Sequence[Document]) -> str:
        return _digest("link", head, *sorted(f"{d.path}:{d.sha256}" for d in documents))

    def get_link(self, key: str) -> tuple[list[LinkedFinding], list[str]] | None:
        text = self._read("link", key)
        if text is not None:
            try:
                entry = _LinkEntry.model_validate_json(text)
            except ValidationError:
                entry = None
            if entry is not None:
                self.stats.link_hits += 1
                return list(entry.findings), list(entry.warnings)
        self.stats.link_misses += 1
        return None

    def put_link(self, key: str, findings: Sequence[LinkedFinding], warnings: Sequence[str]) -> None:
        self._write("link", key, _LinkEntry(findings=tuple(findings), warnings=tuple(warnings)).model_dump_json())
