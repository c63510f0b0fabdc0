"""The whole ledger, cached by what it is computed from: a run where nothing changed costs one file read.

The key (:func:`ledger_key`) is everything a ledger depends on: reviewkit's version, the cache format
and reviewkit's own source (:func:`~reviewkit.track.cache.cache_digest`), the commit judged (``at``
resolved) and the shallow boundary, where the reviews are read from, the vocabulary, whether issue
keys are recorded, and — when the reviews come from the working tree — the bytes of every review
document, the triage file and the issue key index (a committed tree is fixed by its commit).

:func:`cached_ledger` looks the key up without importing the pipeline (parse, link, identity), so a
warm ``status``/``check``/``backlog`` pays for a file read and the command's own output only;
``build_ledger`` stores each ledger it computes under the same key. A changed round misses here and
then reuses the per-document and per-round entries of :class:`~reviewkit.track.cache.StageCache`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reviewkit.sources import ReviewSource, collect_sources
from reviewkit.track.cache import StageCache, cache_digest, default_cache_root, vocabulary_fingerprint
from reviewkit.track.keyindex import KEY_INDEX_FILENAME
from reviewkit.track.triage import TRIAGE_FILENAME

if TYPE_CHECKING:
    from reviewkit.config import Vocabulary
    from reviewkit.gitio import RepoReader
    from reviewkit.track.records import Ledger

__all__ = ["cached_ledger", "ledger_key", "load_ledger", "rendered", "stage_cache", "working_tree"]


def working_tree(at: str, reviews_from_git: str | None) -> bool:
    """True when the reviews (and triage file) are read from the folder on disk, not from a commit."""
    return reviews_from_git is None and at in ("HEAD", "")


def _file_digest(file: Path) -> str:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "-"
    except OSError as e:
        return f"unreadable:{e.errno}"


def ledger_key(
    reader: RepoReader | None,
    repo: Path | None,
    reviews: Path,
    *,
    at: str,
    reviews_from_git: str | None,
    sources: Sequence[ReviewSource] | None,
    vocabulary: Vocabulary,
    record_keys: bool,
) -> str | None:
    """The key of the ledger these inputs give; None when it cannot be known (``at`` does not resolve).

    ``sources`` are the review documents read from the working tree (ignored for a commit's tree).
    """
    parts = [
        "ledger",
        str(repo.resolve()) if repo is not None else "-",
        str(reviews.resolve()),
        at,
        "\x01" if reviews_from_git is None else reviews_from_git,
        vocabulary_fingerprint(vocabulary),
        str(record_keys),
    ]
    if reader is not None:
        head = reader.resolve(at or "HEAD")
        if head is None:
            return None
        shallow = reader.shallow()
        parts += [head, shallow.describe() if shallow is not None else ""]
    if working_tree(at, reviews_from_git):
        if sources is None:
            return None
        parts += (f"{s.path}\x00{s.sha256}\x00{s.problem or ''}" for s in sources)
        parts += [_file_digest(reviews / TRIAGE_FILENAME), _file_digest(reviews / KEY_INDEX_FILENAME)]
    return cache_digest(*parts)


def cached_ledger(
    reader: RepoReader | None,
    repo: Path | None,
    reviews: Path,
    *,
    at: str = "HEAD",
    reviews_from_git: str | None = None,
    cache_dir: Path | None = None,
    vocabulary: Vocabulary,
    record_keys: bool = False,
) -> tuple[Ledger | None, list[str]]:
    """The stored ledger for these inputs (None on a miss) and the cache's notes (an entry rebuilt)."""
    root = default_cache_root(reader.git_dir if reader is not None else None, cache_dir)
    if root is None:
        return None, []
    sources = None
    if working_tree(at, reviews_from_git):
        if not reviews.exists():
            return None, []  # the pipeline says why
        sources = collect_sources([reviews])
    key = ledger_key(
        reader, repo, reviews, at=at, reviews_from_git=reviews_from_git, sources=sources, vocabulary=vocabulary,
        record_keys=record_keys,
    )  # fmt: skip
    if key is None:
        return None, []
    cache = StageCache(root)
    return cache.get_ledger(key), cache.stats.notes


def load_ledger(
    repo: Path | None,
    reviews: Path,
    *,
    at: str = "HEAD",
    reviews_from_git: str | None = None,
    cache_dir: Path | None = None,
    vocabulary: Vocabulary | None = None,
    record_keys: bool = False,
    reader: RepoReader | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Ledger:
    """:func:`~reviewkit.track.ledger.build_ledger`, answered from the cache when nothing changed — the
    pipeline (parse, link, identity) is imported only on a miss."""
    from reviewkit.config import DEFAULT_VOCABULARY

    vocabulary = vocabulary if vocabulary is not None else DEFAULT_VOCABULARY
    own = reader is None
    if reader is None and repo is not None:
        from reviewkit.gitio import open_repo

        reader = open_repo(repo)
    hit, notes = cached_ledger(
        reader, repo, reviews, at=at, reviews_from_git=reviews_from_git, cache_dir=cache_dir, vocabulary=vocabulary,
        record_keys=record_keys,
    )  # fmt: skip
    if hit is not None:
        return hit.model_copy(update={"warnings": (*hit.warnings, *notes)}) if notes else hit
    from reviewkit.track import build_ledger  # looked up when called (tests replace it)

    return build_ledger(  # it looks the entry up again, and notes a corrupt one itself
        repo, reviews, at=at, reviews_from_git=reviews_from_git, cache_dir=cache_dir, vocabulary=vocabulary,
        record_keys=record_keys, reader=reader, on_progress=on_progress, forget_history=own,
    )  # fmt: skip


def stage_cache(repo: Path | None, cache_dir: Path | None) -> StageCache:
    """The cache the ledger commands use: ``cache_dir``, else inside ``repo``'s git directory, else none."""
    git_dir = None
    if cache_dir is None and repo is not None:
        from reviewkit.gitio import open_repo

        git_dir = open_repo(repo).git_dir
    return StageCache(default_cache_root(git_dir, cache_dir))


def rendered(cache: StageCache, kind: str, ledger: Ledger, options: Sequence[str], render: Callable[[], str]) -> str:
    """``render()`` (a report of ``ledger``), reused when the same ledger was rendered with the same options."""
    key = cache_digest(kind, *options, hashlib.sha256(ledger.model_dump_json().encode()).hexdigest())
    text = cache.get_text(kind, key)
    if text is None:
        text = render()
        cache.put_text(kind, key, text)
    return text
