"""The I/O edge of tracking: what ``build_ledger`` reads, from the working tree or from a commit.

* review sources — the reviews folder, or its tree at ``at``, or every document ever committed;
* the triage file *as of the same ref* (``at=``, as ``check --base`` does, judge a commit by the human
  decisions committed with it; the working tree's file only for HEAD);
* commit positions (oldest 0) for ordering rounds and counting fix latency in commits;
* link results, round by round through the cache (:mod:`reviewkit.track.relink` says which
  entries at an older HEAD still hold).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewkit.errors import InputError, RepositoryNeeded
from reviewkit.gitio import RepoReader
from reviewkit.link.locate import clean_path, outside_repo
from reviewkit.model import Document, LinkedFinding, TriageEntry
from reviewkit.sources import ReviewSource, collect_sources, source_from_bytes, unfollowed_links
from reviewkit.track.cache import LinkEntry, StageCache
from reviewkit.track.keyindex import KEY_INDEX_FILENAME, KeyIndex, parse_key_index
from reviewkit.track.relink import HistoryGrowth, still_valid
from reviewkit.track.rounds import round_of
from reviewkit.track.triage import TRIAGE_FILENAME, load_triage, parse_triage

__all__ = [
    "ReviewsAt",
    "commit_rank",
    "link_rounds",
    "read_key_index",
    "read_sources",
    "read_triage",
    "reading_warnings",
]


class _Linked(Protocol):
    @property
    def findings(self) -> Sequence[LinkedFinding]: ...

    @property
    def warnings(self) -> Sequence[str]: ...


LinkDocuments = Callable[..., _Linked]
"""``reviewkit.link.link_documents`` (injected: tests and the no-link fallback pass their own)."""


def _working_tree(at: str) -> bool:
    return at in ("HEAD", "")


@dataclass(frozen=True, slots=True)
class ReviewsAt:
    """Where the reviews are read from: the folder, the repository and the ref."""

    repo: Path | None
    reviews: Path
    at: str = "HEAD"
    reviews_from_git: str | None = None

    def prefix(self) -> str | None:
        """The reviews folder relative to the repository root ("" = the root), None when outside it."""
        if self.reviews_from_git is not None and self.pathspec() not in (None, self.folder()):
            spec = self.pathspec() or ""
            return "" if spec == "." else spec
        return self.folder()

    def pathspec(self) -> str | None:
        """What ``reviews_from_git`` reads: the spec given, or (when it is empty) the reviews folder."""
        if self.reviews_from_git is None:
            return None
        spec = self.reviews_from_git.strip().strip("/").removeprefix("./")
        return spec or self.folder()

    def folder(self) -> str | None:
        """The reviews folder relative to the repository root ("" = the root), None when outside it."""
        if self.repo is None:
            return None
        try:
            rel = self.reviews.resolve().relative_to(self.repo.resolve()).as_posix()
        except ValueError:
            return None
        return "" if rel == "." else rel


def read_sources(where: ReviewsAt, reader: RepoReader | None) -> list[ReviewSource]:
    """The review documents: the folder (HEAD), its tree at ``at``, or all history (``reviews_from_git``)."""
    if where.reviews_from_git is None and _working_tree(where.at):
        if not where.reviews.exists():
            raise InputError("reviews folder not found", path=str(where.reviews))
        return collect_sources([where.reviews])
    if reader is None:
        raise RepositoryNeeded("reading reviews from git (at= another commit, or reviews_from_git=) needs repo=")
    prefix = where.prefix()
    if where.reviews_from_git is not None:
        spec = where.pathspec()
        if spec is None:
            raise InputError(
                "the reviews folder is not inside the repository: name a PATHSPEC", path=str(where.reviews)
            )
        committed = reader.documents_ever(spec or ".", until=where.at or "HEAD")
        if not committed:
            raise InputError(f"no review documents (*.md) were ever committed under {spec or '.'!r}")
        folder = where.folder()
        if folder is not None and all(not folder or c.path.startswith(folder + "/") for c in committed):
            prefix = folder  # paths stay relative to the reviews folder: a round folder keeps its name
    elif prefix is None:
        raise InputError(
            f"reading reviews as of {where.at!r} needs a reviews folder inside the repository", path=str(where.reviews)
        )
    else:
        committed = reader.documents_at(where.at, prefix)
    inside = f"{prefix}/" if prefix else ""
    return [source_from_bytes(d.path.removeprefix(inside), d.data) for d in committed]


def read_triage(where: ReviewsAt, reader: RepoReader | None) -> list[TriageEntry]:
    """The triage file as of ``at``: the working tree's for HEAD, else the one committed at ``at``."""
    if _working_tree(where.at) and where.reviews.is_dir():
        return load_triage(where.reviews)
    prefix = where.prefix()
    if reader is None or prefix is None:
        return []
    sha = reader.resolve(where.at or "HEAD")
    if sha is None:
        return []
    path = f"{prefix}/{TRIAGE_FILENAME}" if prefix else TRIAGE_FILENAME
    text = reader.read_text(sha, path)
    return [] if text is None else parse_triage(text, f"{sha[:12]}:{path}")


def commit_rank(reader: RepoReader | None, at: str) -> dict[str, int]:
    """Commit sha → position in history up to ``at`` (oldest 0); empty without git."""
    if reader is None:
        return {}
    return {sha: n for n, sha in enumerate(reader.commit_order(at or "HEAD"))}


def reading_warnings(where: ReviewsAt, linked: Sequence[LinkedFinding]) -> list[str]:
    """What was not read, each with its file (and line): links not followed, locations outside the repo."""
    notes = unfollowed_links(where.reviews) if where.reviews_from_git is None and _working_tree(where.at) else []
    for f in linked:
        for loc in f.finding.locations:
            if loc.path and outside_repo(clean_path(loc.path)):
                where_ = f"{f.document}:{f.finding.line}"
                notes.append(f"{where_}: location {loc.path!r} points outside the repository: not read")
    return notes


def _round_warnings(warnings: Sequence[str], documents: Sequence[Document]) -> list[str]:
    """Link's warnings about these documents (link prefixes each with ``path:line:``)."""
    return [w for w in warnings if any(w.startswith(f"{d.path}:") for d in documents)]


def link_rounds(
    reader: RepoReader,
    where: ReviewsAt,
    documents: Sequence[Document],
    cache: StageCache,
    link_documents: LinkDocuments,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    on_linked: Callable[[], None] | None = None,
) -> tuple[list[LinkedFinding], list[str]]:
    """Linked findings of ``documents`` at ``at``: cached rounds reused, only the rest linked
    (``progress(stage, done, total)`` hears the link stage's steps; ``on_linked()`` is called as soon as the link
    stage returned, before its results are stored: the history it read may be dropped then)."""
    head = reader.resolve(where.at or "HEAD") or where.at
    by_round: dict[str, list[Document]] = {}
    for d in documents:
        if any(r.findings for r in d.reviews):  # nothing to link in summaries, notes or clean reviews
            by_round.setdefault(round_of(d).key, []).append(d)
    linked: list[LinkedFinding] = []
    warnings: list[str] = []
    missing: dict[str, list[Document]] = {}
    growth: dict[str, HistoryGrowth] = {}
    for docs in by_round.values():
        digest = StageCache.round_digest(docs)
        entry = cache.get_link(digest, head)
        if entry is not None:
            cache.stats.link_hits += 1
        elif (entry := _reusable(reader, where, head, docs, cache.older_links(digest), growth)) is not None:
            cache.stats.link_reused += 1
            cache.put_link(digest, entry)
        else:
            cache.stats.link_misses += 1
            missing[digest] = docs
            continue
        linked.extend(entry.findings)
        warnings.extend(entry.warnings)
    if missing:
        todo = [d for docs in missing.values() for d in docs]
        repo = where.repo if where.repo is not None else reader.git_dir
        extra = {"progress": progress} if progress is not None else {}  # an injected stage may not take it
        result = link_documents(
            repo, todo, reviews_root=where.reviews, until=where.at or "HEAD", reader=reader, **extra
        )
        if on_linked is not None:
            on_linked()
        warnings.extend(w for w in result.warnings if not _round_warnings([w], todo))
        for digest, docs in missing.items():
            paths = {d.path for d in docs}
            mine = tuple(f for f in result.findings if f.document in paths)
            entry = LinkEntry(head=head, findings=mine, warnings=tuple(_round_warnings(result.warnings, docs)))
            cache.put_link(digest, entry)
            linked.extend(entry.findings)
            warnings.extend(entry.warnings)
    elif (shallow := reader.shallow()) is not None:  # link says so when it runs; every round came from the cache
        warnings.insert(0, shallow.describe())
    return linked, list(dict.fromkeys(warnings))


def _reusable(
    reader: RepoReader,
    where: ReviewsAt,
    head: str,
    docs: Sequence[Document],
    older: Sequence[LinkEntry],
    growth: dict[str, HistoryGrowth],
) -> LinkEntry | None:
    """The first of the two most recent older entries that still holds at ``head``, moved to ``head``."""
    for entry in older[:2]:
        if entry.head not in growth:
            growth[entry.head] = HistoryGrowth.read(reader, entry.head, head, where.prefix())
        if still_valid(reader, growth[entry.head], docs, entry.findings):
            return entry.model_copy(update={"head": head})
    return None


def read_key_index(where: ReviewsAt, reader: RepoReader | None) -> KeyIndex:
    """The issue key index as of ``at`` (see :mod:`reviewkit.track.keyindex`), {} when there is none."""
    if _working_tree(where.at) and where.reviews.is_dir():
        file = where.reviews / KEY_INDEX_FILENAME
        if not file.is_file():
            return {}
        try:
            return parse_key_index(file.read_text(encoding="utf-8"), str(file))
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read the issue key index: {e}", path=str(file)) from e
    prefix = where.prefix()
    sha = reader.resolve(where.at or "HEAD") if reader is not None and prefix is not None else None
    if reader is None or sha is None:
        return {}
    path = f"{prefix}/{KEY_INDEX_FILENAME}" if prefix else KEY_INDEX_FILENAME
    text = reader.read_text(sha, path)
    return {} if text is None else parse_key_index(text, f"{sha[:12]}:{path}")
