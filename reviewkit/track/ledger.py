"""``build_ledger``: documents → parse (cached) → link (cached, optional) → rounds → identity →
fix-summary evidence → triage → :class:`~reviewkit.track.records.Ledger`.

``track_documents`` is the pure core (no files, no git) that tests and notebooks call with
documents and linked findings they built themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.link import link_documents as link_with_git
from reviewkit.model import (
    Decision,
    Document,
    DocumentKind,
    LinkedFinding,
    ResolvedLocation,
    TriageEntry,
)
from reviewkit.parse import parse_document
from reviewkit.sources import ReviewSource
from reviewkit.track.cache import StageCache, default_cache_root, vocabulary_fingerprint
from reviewkit.track.citations import cite_occurrences
from reviewkit.track.evidence import attach_decisions, withdraw_skipped
from reviewkit.track.fingerprint import features_of, local_fingerprints, normalize_title
from reviewkit.track.identity import IdentityTuning, Occurrence, assign_identity
from reviewkit.track.inputs import (
    LinkDocuments,
    ReviewsAt,
    commit_rank,
    link_rounds,
    read_key_index,
    read_sources,
    read_triage,
    reading_warnings,
)
from reviewkit.track.issues import issues_of
from reviewkit.track.keyindex import (
    KEY_INDEX_FILENAME,
    nearest_issue,
    numbered_identities,
    pin_keys,
    save_key_index,
    updated_index,
)
from reviewkit.track.ledger_cache import ledger_key, working_tree
from reviewkit.track.records import Ledger, TrackedFinding, TrackedIssue
from reviewkit.track.rounds import order_rounds, review_reviewer, round_of

if TYPE_CHECKING:
    from reviewkit.gitio import RepoReader

__all__ = ["build_ledger", "build_ledger_with", "link_locally", "track_documents"]

Progress = Callable[[str, int, int], None]


def link_locally(documents: Sequence[Document]) -> list[LinkedFinding]:
    """Linked findings without git: every finding with its own fingerprints and status ``unknown``."""
    out: list[LinkedFinding] = []
    for doc in documents:
        for index, review in enumerate(doc.reviews):
            for finding in review.findings:
                out.append(
                    LinkedFinding(
                        document=doc.path,
                        review_index=index,
                        reviewer=review.reviewer,
                        round=review.round,
                        finding=finding,
                        locations=tuple(
                            ResolvedLocation(path=loc.path, start=loc.start, end=loc.end, symbol=loc.symbol)
                            for loc in finding.locations
                        ),
                        fingerprints=local_fingerprints(finding),
                    )
                )
    return out


def _seed(linked: LinkedFinding, round_key: str, reviewer: str, duplicate: int) -> str:
    ident = linked.finding.id or normalize_title(linked.finding.title) or linked.finding.title
    return f"{round_key}|{linked.document}|{reviewer}|{ident}|{duplicate}"


def _orphan_note(key: str, key_index: Mapping[str, Sequence[str]], issues: Sequence[TrackedIssue]) -> str:
    """A triage entry whose issue is gone, with the issue it most likely became."""
    note = f"triage entry {key} matches no tracked issue"
    if key not in key_index:
        return f"{note} (not in {KEY_INDEX_FILENAME}: mistyped, or from before keys were recorded?)"
    near = nearest_issue(key_index[key], ((i.key, i.title) for i in issues))
    return f"{note}; nearest: {near[0]} {near[1]!r}" if near else f"{note}; no similar issue now"


def _recount_consensus(keys: Sequence[str], occurrences: Sequence[Occurrence], consensus: list[int]) -> None:
    """Consensus again after pinned keys regrouped findings: distinct reviewers per issue and round."""
    reviewers: dict[tuple[str, str], set[str]] = {}
    for key, occ in zip(keys, occurrences, strict=True):
        reviewers.setdefault((key, occ.round_key), set()).add(occ.reviewer)
    consensus[:] = [len(reviewers[key, occ.round_key]) for key, occ in zip(keys, occurrences, strict=True)]


def track_documents(
    documents: Sequence[Document],
    linked: Sequence[LinkedFinding],
    *,
    triage: Sequence[TriageEntry] = (),
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    anchors: Mapping[str, str] | None = None,
    commit_rank: Mapping[str, int] | None = None,
    warnings: Sequence[str] = (),
    tuning: IdentityTuning | None = None,
    key_index: Mapping[str, Sequence[str]] | None = None,
) -> Ledger:
    """The ledger of already parsed and linked findings (pure).

    ``key_index`` (the committed ``issue-keys.json``) pins the keys already handed out.
    """
    rounds = order_rounds(documents, vocabulary, anchors=anchors, commit_rank=commit_rank)
    rank = {r.key: r.order for r in rounds}
    doc_by_path = {d.path: d for d in documents}
    round_key_of = {d.path: round_of(d).key for d in documents}
    # a round's fix summary decides on its reviews' findings, and its synthesis restates them: what either lists
    # there is not a reviewer's finding (alone in its round, it is the only record of what was found, and is tracked)
    reviewed = {round_key_of[d.path] for d in documents if d.kind is DocumentKind.REVIEW and d.reviews}
    restating = (DocumentKind.FIX_SUMMARY, DocumentKind.SYNTHESIS)
    summaries = {d.path for d in documents if d.kind in restating and round_key_of[d.path] in reviewed}
    tracked_docs = {p for p in doc_by_path if p not in summaries and round_key_of[p] in rank}
    ordered = sorted(
        (f for f in linked if f.document in tracked_docs),
        key=lambda f: (rank[round_key_of[f.document]], f.document, f.review_index, f.finding.line),
    )
    occurrences: list[Occurrence] = []
    reviewers: list[str] = []
    seen: Counter[str] = Counter()
    for f in ordered:
        doc = doc_by_path[f.document]
        review = doc.reviews[f.review_index] if f.review_index < len(doc.reviews) else None
        reviewer = review_reviewer(doc, review, vocabulary) if review is not None else "unknown"
        base = _seed(f, round_key_of[f.document], reviewer, 0)
        seen[base] += 1
        occurrences.append(
            Occurrence(
                round_key=round_key_of[f.document],
                reviewer=reviewer,
                sort_key=(f.document, f.finding.line),
                seed=_seed(f, round_key_of[f.document], reviewer, seen[base] - 1),
                features=features_of(f),
            )
        )
        reviewers.append(reviewer)
    identity = assign_identity(cite_occurrences(occurrences, ordered, documents), [r.key for r in rounds], tuning)
    if key_index:
        rows = [(occurrences[i].round_key, reviewers[i], f.finding.id, f.finding.title) for i, f in enumerate(ordered)]
        identity.keys[:] = pin_keys(identity.keys, numbered_identities(rows), key_index)
        _recount_consensus(identity.keys, occurrences, identity.consensus)
    triage_by_key = {e.key: e for e in triage}
    tracked = [
        TrackedFinding(
            **dict(f),  # the fields as they are: nested models are reused, not dumped and validated again
            key=identity.keys[i],
            round_key=occurrences[i].round_key,
            reviewer_norm=reviewers[i],
            consensus=identity.consensus[i],
            consensus_of=identity.consensus_of[i],
            triage=triage_by_key[identity.keys[i]].status if identity.keys[i] in triage_by_key else None,
            flags=identity.flags[i],
        )
        for i, f in enumerate(ordered)
    ]
    decisions, cited = attach_decisions(documents, tracked, round_key_of)
    listing = {round_key_of[d.path] for d in documents if any(x.decision is Decision.FIXED for x in d.decisions)}
    tracked = withdraw_skipped(tracked, decisions, listing, cited)
    positions = commit_rank or {}
    round_starts = sorted(
        (positions[r.anchor_commit], r.key) for r in rounds if r.anchor_commit and r.anchor_commit in positions
    )
    issues = issues_of(tracked, decisions, rank, triage_by_key, positions, round_starts)
    known = {i.key for i in issues}
    notes = [*warnings]
    notes += [_orphan_note(k, key_index or {}, issues) for k in sorted(triage_by_key) if k not in known]
    return Ledger(
        documents=tuple(documents),
        rounds=tuple(rounds),
        findings=tuple(tracked),
        issues=tuple(issues),
        triage=tuple(sorted(triage, key=lambda e: e.key)),
        reviewer_names=tuple(
            (d.path, n, review_reviewer(d, r, vocabulary)) for d in documents for n, r in enumerate(d.reviews)
        ),
        warnings=tuple(notes),
    )


# ---------------------------------------------------------------- the I/O edge


def build_ledger(
    repo: Path | None,
    reviews: Path,
    *,
    at: str = "HEAD",
    reviews_from_git: str | None = None,
    cache_dir: Path | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    on_progress: Progress | None = None,
    record_keys: bool = False,
    reader: RepoReader | None = None,
    forget_history: bool = False,
) -> Ledger:
    """The ledger of the review history in ``reviews`` (see the package docstring); ``reader``: ``repo`` open
    (``forget_history``: the caller will not read its history again, so it is dropped once linked).

    Issue keys already handed out are read from ``reviews/issue-keys.json`` and kept; with
    ``record_keys`` (the CLI's ledger commands, at HEAD) the keys of this ledger are added to it.

    ``at`` other than HEAD reads the review documents *and the triage file* from the tree of
    that commit and cuts history there. Parse and link results are cached under ``cache_dir``,
    by default ``<git-dir>/reviewkit-cache`` (no disk cache without git unless ``cache_dir`` is given).
    """
    own = reader is None  # a reader opened here is nobody else's: its history is dropped once linked
    reader = reader if reader is not None else _open(repo)
    root = default_cache_root(reader.git_dir if reader is not None else None, cache_dir)
    return build_ledger_with(
        StageCache(root), repo, reviews, at=at, reviews_from_git=reviews_from_git, vocabulary=vocabulary,
        on_progress=on_progress, reader=reader, record_keys=record_keys, forget_history=own or forget_history,
    )  # fmt: skip


def _open(repo: Path | None) -> RepoReader | None:
    if repo is None:
        return None
    from reviewkit.gitio import open_repo

    return open_repo(repo)


def build_ledger_with(
    cache: StageCache,
    repo: Path | None,
    reviews: Path,
    *,
    at: str = "HEAD",
    reviews_from_git: str | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    on_progress: Progress | None = None,
    reader: RepoReader | None = None,
    link_documents: LinkDocuments = link_with_git,
    record_keys: bool = False,
    forget_history: bool = False,
) -> Ledger:
    """:func:`build_ledger` with an explicit cache, whose ``stats`` show what was reused.

    ``link_documents`` is the link stage (tests inject their own); without a repository nothing is linked.
    """
    reader = reader if reader is not None else _open(repo)
    where = ReviewsAt(repo=repo, reviews=reviews, at=at, reviews_from_git=reviews_from_git)
    sources = read_sources(where, reader)
    cached = link_documents is link_with_git  # a test's own link stage is never cached
    key = _key(reader, where, sources, vocabulary, record_keys) if cached else None
    if key is not None and (hit := cache.get_ledger(key)) is not None:
        return _with_notes(hit, cache.stats.notes)
    documents = _parse(cache, sources, vocabulary, on_progress)
    positions: dict[str, int] = {}

    def linked_done() -> None:  # positions from the history just read (when it was), then drop it if asked
        positions.update(commit_rank(reader, at))
        if forget_history and reader is not None:
            reader.forget_history()

    if reader is None:
        linked, warnings = link_locally(documents), list[str]()
    else:
        linked, warnings = link_rounds(
            reader, where, documents, cache, link_documents, progress=on_progress, on_linked=linked_done
        )
    if not positions:
        linked_done()
    if on_progress is not None:
        on_progress("link", 1, 1)
    key_index = read_key_index(where, reader)
    ledger = track_documents(
        documents,
        linked,
        triage=read_triage(where, reader),
        vocabulary=vocabulary,
        anchors=_anchors(documents, linked),
        commit_rank=positions,
        warnings=[*warnings, *reading_warnings(where, linked)],
        key_index=key_index,
    )
    stored = True
    if record_keys and working_tree(at, reviews_from_git) and reviews.is_dir():
        rows = [(f.round_key, f.reviewer_norm, f.finding.id, f.finding.title) for f in ledger.findings]
        members = zip((f.key for f in ledger.findings), numbered_identities(rows), strict=True)
        try:
            save_key_index(reviews, updated_index(key_index, members))
        except OSError as e:  # a read-only reviews folder still gets its ledger (and tries again next run)
            cache.stats.notes.append(f"issue keys not recorded ({e})")
            stored = False
        key = _key(reader, where, sources, vocabulary, record_keys) if cached else None  # the index as written
    if key is not None and stored and not any(d.degraded for d in documents):
        cache.put_ledger(key, ledger)  # a degraded parse is retried next run, as in the parse cache
    if on_progress is not None:
        on_progress("track", 1, 1)
    return _with_notes(ledger, cache.stats.notes)


def _key(
    reader: RepoReader | None, where: ReviewsAt, sources: Sequence[ReviewSource], vocabulary: Vocabulary, record: bool
) -> str | None:
    return ledger_key(
        reader, where.repo, where.reviews, at=where.at, reviews_from_git=where.reviews_from_git, sources=sources,
        vocabulary=vocabulary, record_keys=record,
    )  # fmt: skip


def _with_notes(ledger: Ledger, notes: Sequence[str]) -> Ledger:
    """``ledger`` with this run's cache notes (never stored: they say what happened to this run)."""
    if not notes:
        return ledger
    return ledger.model_copy(update={"warnings": (*ledger.warnings, *dict.fromkeys(notes))})


def _parse(
    cache: StageCache, sources: Sequence[ReviewSource], vocabulary: Vocabulary, on_progress: Progress | None
) -> list[Document]:
    """Each source's document: from the parse cache, else parsed (and stored)."""
    vocab_key = vocabulary_fingerprint(vocabulary)
    documents: list[Document] = []
    for n, source in enumerate(sources, start=1):
        doc = cache.get_document(source.path, source.sha256, context=vocab_key) if source.sha256 else None
        if doc is None:
            doc = parse_document(source, vocabulary)
            if source.sha256:
                cache.put_document(doc, context=vocab_key)
        documents.append(doc)
        if on_progress is not None:
            on_progress("parse", n, len(sources))
    return documents


def _anchors(documents: Sequence[Document], linked: Sequence[LinkedFinding]) -> dict[str, str]:
    """Round key → the commit most of its findings were anchored to (the first such on a tie)."""
    round_key_of = {d.path: round_of(d).key for d in documents}
    votes: dict[str, Counter[str]] = {}
    for f in linked:
        if f.anchor.commit and f.document in round_key_of:
            votes.setdefault(round_key_of[f.document], Counter())[f.anchor.commit] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}
