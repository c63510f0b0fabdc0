"""A small on-disk cache of stage results, so a second run only does new work.

* parse results per document *content* (sha256 of the bytes + path) and everything the result
  depends on: the vocabulary it was parsed with, reviewkit's version, ``CACHE_FORMAT`` and a
  fingerprint of reviewkit's own source (an edited recognizer in an editable install is a miss,
  not a stale hit). A document whose parse degraded (a recognizer failed) is never stored;
* the whole ledger per *everything it is computed from* (:mod:`reviewkit.track.ledger_cache` makes
  the key): ``ledger/<key>.json``, a header line (format, key, sha256 of the body) then the ledger.
  An entry whose header, checksum or content does not verify is rebuilt with a warning, never trusted;
* link results per round *content* (the round's parsed findings, so vocabulary and parser
  changes are part of the key) and per commit history was
  read at (the HEAD sha): ``link/<round digest>/<head sha>.json``. A new round in an unchanged
  history links only that round; when HEAD moved, :mod:`reviewkit.track.relink` decides which
  older entries still hold (see its rule) and only the rest is linked again.

Where (``default_cache_root``): ``<git-dir>/reviewkit-cache`` when the repository is a git
repository — inside it, never untracked, nothing left in a CI clone's work tree — else only
the ``--cache-dir`` given, else no disk cache. Entries are pydantic ``model_dump_json`` files;
a corrupt or outdated entry is a miss, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from reviewkit import __version__
from reviewkit.model import Document, LinkedFinding
from reviewkit.track.records import Ledger

__all__ = [
    "CACHE_DIRNAME",
    "CACHE_FORMAT",
    "CacheStats",
    "LinkEntry",
    "StageCache",
    "cache_digest",
    "code_fingerprint",
    "default_cache_root",
    "vocabulary_fingerprint",
]

CACHE_DIRNAME = "reviewkit-cache"
"""Folder name inside the git directory."""
CACHE_FORMAT = 3
"""Bumped when the layout or meaning of an entry changes."""
KEEP_HEADS = 4
"""Link entries kept per round (the most recent heads): older ones are pruned."""
KEEP_LEDGERS = 8
"""Whole-ledger entries kept (the most recently written): `check` needs two, HEAD and its base."""
LEDGER_MAGIC = "reviewkit-sealed"
"""First word of a sealed entry's header line (a ledger, a rendered report)."""


class LinkEntry(BaseModel):
    """One round's link result at one HEAD."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    head: str
    findings: tuple[LinkedFinding, ...] = ()
    warnings: tuple[str, ...] = ()


def default_cache_root(git_dir: Path | None, cache_dir: Path | None) -> Path | None:
    """``cache_dir`` when given, else ``<git-dir>/reviewkit-cache``, else None (no disk cache)."""
    if cache_dir is not None:
        return cache_dir
    return git_dir / CACHE_DIRNAME if git_dir is not None else None


@dataclass(slots=True)
class CacheStats:
    """Hits and misses per stage (the benchmark reads these)."""

    parse_hits: int = 0
    parse_misses: int = 0
    link_hits: int = 0
    link_reused: int = 0
    """Rounds whose entry at an older HEAD still held (see :mod:`reviewkit.track.relink`)."""
    link_misses: int = 0
    ledger_hit: bool = False
    """The whole ledger came from the cache (nothing was parsed, linked or tracked)."""
    notes: list[str] = field(default_factory=list)
    """What a user should know about this run's cache (not written, an entry rebuilt): never stored."""


@functools.cache
def code_fingerprint() -> str:
    """Hash of reviewkit's own sources: results computed by other code are never reused."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for file in sorted(package.rglob("*.py")):
        h.update(file.relative_to(package).as_posix().encode("utf-8"))
        h.update(file.read_bytes())
    return h.hexdigest()[:16]


def vocabulary_fingerprint(vocabulary: BaseModel) -> str:
    """Hash of the vocabulary (severity words, aliases…) a parse used."""
    return hashlib.sha256(vocabulary.model_dump_json().encode("utf-8")).hexdigest()[:16]


def cache_digest(*parts: str) -> str:
    """The key of ``parts`` under this reviewkit (version, cache format, its own source)."""
    return _digest(*parts)


def _digest(*parts: str) -> str:
    key = (__version__, str(CACHE_FORMAT), code_fingerprint(), *parts)
    return hashlib.sha256("\x00".join(key).encode("utf-8")).hexdigest()[:32]


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
        self._write_bytes(kind, key, text.encode("utf-8"))

    def _write_bytes(self, kind: str, key: str, *parts: bytes) -> None:
        """``parts`` one after the other into ``kind/key.json``, atomically (a temporary file renamed)."""
        if self.root is None:
            return
        folder = self.root / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = self.root / ".gitignore"
            if not ignore.exists():  # a cache inside the repository must never be committed
                ignore.write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                for part in parts:
                    out.write(part)
            Path(tmp).replace(folder / f"{key}.json")
        except OSError as e:  # a read-only checkout still works, just slower
            self.stats.notes.append(f"cache not written ({e.strerror or e})")

    def _unseal(self, kind: str, key: str) -> bytes | None:
        """The body of a sealed entry (header: magic, format, key, sha256 of the body), or None with a note."""
        if self.root is None:
            return None
        file = self.root / kind / f"{key}.json"
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            self.stats.notes.append(f"{kind} cache entry unreadable ({e.strerror or e}): rebuilt")
            return None
        head, _, body = data.partition(b"\n")
        if head != f"{LEDGER_MAGIC} {CACHE_FORMAT} {key} {hashlib.sha256(body).hexdigest()}".encode():
            self.stats.notes.append(f"{kind} cache entry {file.name} is corrupt or from another version: rebuilt")
            return None
        return body

    def _seal(self, kind: str, key: str, body: bytes) -> None:
        """Write a sealed entry: the header line, then ``body`` as it is (a big ledger is never copied)."""
        if self.root is None:
            return
        head = f"{LEDGER_MAGIC} {CACHE_FORMAT} {key} {hashlib.sha256(body).hexdigest()}\n".encode()
        self._write_bytes(kind, key, head, body)
        self._prune(self.root / kind, keep=KEEP_LEDGERS)

    def get_ledger(self, key: str) -> Ledger | None:
        """The ledger stored under ``key``; an entry that does not verify is a miss with a note."""
        body = self._unseal("ledger", key)
        if body is None:
            return None
        try:
            ledger = Ledger.model_validate_json(body)
        except ValidationError:
            self.stats.notes.append(f"ledger cache entry {key}.json does not load: rebuilt")
            return None
        self.stats.ledger_hit = True
        return ledger

    def put_ledger(self, key: str, ledger: Ledger) -> None:
        """Store ``ledger`` under ``key`` (the oldest entries beyond ``KEEP_LEDGERS`` are pruned)."""
        self._seal("ledger", key, ledger.__pydantic_serializer__.to_json(ledger))

    def get_text(self, kind: str, key: str) -> str | None:
        """A rendered output (a report) stored under ``key``, or None."""
        body = self._unseal(kind, key)
        try:
            return None if body is None else body.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put_text(self, kind: str, key: str, text: str) -> None:
        self._seal(kind, key, text.encode("utf-8"))

    def get_document(self, path: str, sha256: str, *, context: str = "") -> Document | None:
        """The stored parse of this content under ``context`` (the vocabulary fingerprint), or None."""
        text = self._read("parse", _digest("parse", path, sha256, context))
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

    def put_document(self, document: Document, *, context: str = "") -> None:
        """Store a parse; a degraded one (a recognizer failed) is not stored, so the next run tries again."""
        if document.degraded:
            self.stats.notes.append(f"{document.path}: parse degraded, not cached")
            return
        self._write("parse", _digest("parse", document.path, document.sha256, context), document.model_dump_json())

    @staticmethod
    def round_digest(documents: Sequence[Document]) -> str:
        """The key of a round's content: its documents' paths and parsed reviews (which carry the vocabulary's
        and the parser's effect: the same bytes parsed differently link differently)."""
        parsed = (hashlib.sha256(d.model_dump_json(include={"reviews"}).encode()).hexdigest() for d in documents)
        return _digest("link", *sorted(f"{d.path}:{d.sha256}:{p}" for d, p in zip(documents, parsed, strict=True)))

    def _link_entry(self, digest: str, head: str) -> LinkEntry | None:
        text = self._read(f"link/{digest}", head)
        if text is None:
            return None
        try:
            entry = LinkEntry.model_validate_json(text)
        except ValidationError:
            return None
        return entry if entry.head == head else None

    def get_link(self, digest: str, head: str) -> LinkEntry | None:
        """The round's entry computed at exactly ``head`` (counted as a hit), or None."""
        return self._link_entry(digest, head)

    def older_links(self, digest: str) -> list[LinkEntry]:
        """The round's entries at other heads, most recently written first."""
        if self.root is None:
            return []
        folder = self.root / "link" / digest
        try:
            files = sorted(folder.glob("*.json"), key=lambda f: f.stat().st_mtime, reverse=True)
        except OSError:
            return []
        out = [self._link_entry(digest, f.stem) for f in files]
        return [e for e in out if e is not None]

    def put_link(self, digest: str, entry: LinkEntry) -> None:
        self._write_bytes(f"link/{digest}", entry.head, entry.__pydantic_serializer__.to_json(entry))
        self._prune(self.root / "link" / digest if self.root is not None else None)

    def _prune(self, folder: Path | None, *, keep: int = KEEP_HEADS) -> None:
        if folder is None:
            return
        try:
            files = sorted(folder.glob("*.json"), key=lambda f: f.stat().st_mtime, reverse=True)
            for stale in files[keep:]:
                stale.unlink(missing_ok=True)
        except OSError:
            return
