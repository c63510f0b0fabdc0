"""link_documents: anchors → locations → fingerprints → one history pass → statuses.

The only I/O is through :class:`reviewkit.gitio.RepoReader` (history read once, trees
and file texts cached) and reading the review documents' own bytes under
``reviews_root`` to recognise them in history by content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from reviewkit.gitio import RepoReader, ShallowInfo, open_repo
from reviewkit.link.anchor import AnchorInput, HistoryIndex, anchor_review, blob_sha, named_commit
from reviewkit.link.decide import decide
from reviewkit.link.fingerprint import fingerprints, referenced_lines
from reviewkit.link.locate import resolve_location
from reviewkit.link.quoted import UPPER_BOUNDS as _UPPER_BOUNDS
from reviewkit.link.quoted import anchors_before_quoted_code_left
from reviewkit.link.rounds import RoundSpan, round_evidence, round_fix_positions, round_folder
from reviewkit.link.scan import Candidate, ScanResult, Target, scan_history
from reviewkit.link.text import code_key, id_tokens, reviewer_key, round_number, significant_keys, title_words
from reviewkit.model import (
    Anchor,
    AnchorRule,
    CommitInfo,
    Document,
    Finding,
    LinkedFinding,
    ResolvedLocation,
    Review,
)

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages: history, anchors, scan."""


class LinkResult(BaseModel):
    """Every finding occurrence linked, plus what the user should know about the history."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    findings: list[LinkedFinding] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    shallow: bool = False
    history_missing: str | None = Field(None, description="What a shallow clone lacks, in words.")


def link_documents(
    repo_path: Path,
    documents: Sequence[Document],
    *,
    reviews_root: Path | None = None,
    until: str = "HEAD",
    progress: Progress | None = None,
    reader: RepoReader | None = None,
) -> LinkResult:
    """Link every finding of ``documents`` to its anchor, its code and the commit that fixed it.

    ``reader``: the repository already open (its history read is then shared with other callers).
    """
    reader = reader if reader is not None else open_repo(repo_path)
    shallow = reader.shallow()
    tick = progress or (lambda _stage, _done, _total: None)
    commits = reader.history(until, on_commit=lambda n: tick("history", n, 0))
    return link_history(reader, commits, documents, reviews_root=reviews_root, shallow=shallow, progress=tick)


@dataclass(frozen=True, slots=True)
class _Occurrence:
    document: Document
    review_index: int
    review: Review
    finding: Finding
    anchor: Anchor
    judgeable: bool
    review_key: int


def link_history(
    reader: RepoReader,
    commits: list[CommitInfo],
    documents: Sequence[Document],
    *,
    reviews_root: Path | None,
    shallow: ShallowInfo | None,
    progress: Progress,
) -> LinkResult:
    """The pipeline after history was read: anchor, locate, fingerprint, scan, decide."""
    history = HistoryIndex.build(commits)
    warnings: list[str] = []
    occurrences: list[_Occurrence] = []
    reviews = [(d, i, r) for d in documents for i, r in enumerate(d.reviews) if r.findings]
    for n, (doc, index, review) in enumerate(reviews, 1):
        anchor, notes = _anchor(reader, history, doc, review, reviews_root)
        judgeable = _judgeable(review, anchor, shallow, notes)
        warnings += [f"{doc.path}:{review.line}: {w}" for w in notes]
        occurrences += [_Occurrence(doc, index, review, f, anchor, judgeable, n) for f in review.findings]
        progress("anchors", n, len(reviews))
    occurrences = _round_anchors_for_the_unanchored(occurrences, history, shallow)
    round_fixes = round_fix_positions(commits, _round_spans(history, occurrences))
    occurrences = [_before_round_fix(o, round_fixes, history, commits) for o in occurrences]
    moved = anchors_before_quoted_code_left(reader, [(o.anchor, o.finding) for o in occurrences], history, commits)
    occurrences = [dataclasses.replace(o, anchor=moved[n]) if n in moved else o for n, o in enumerate(occurrences)]
    located = [_locate(reader, o) for o in occurrences]

    @functools.lru_cache(maxsize=256)  # bounded: a whole file's keys per (anchor, file), reused by its neighbours
    def keys_at(sha: str, path: str) -> frozenset[str]:
        return frozenset(map(code_key, (reader.read_text(sha, path) or "").splitlines()))

    targets = [_target(keys_at, history, o, locs) for o, locs in zip(occurrences, located, strict=True)]
    active = [i for i, t in enumerate(targets) if t is not None]
    results = scan_history(
        commits, [t for t in targets if t is not None], on_commit=lambda d, t: progress("scan", d, t)
    )
    by_target = dict(zip(active, results, strict=True))
    fixes_of = {pos: folder for folder, pos in round_fixes.items()}
    for i, result in by_target.items():
        folder = round_folder(occurrences[i].document.path)
        target, fix_pos = targets[i], round_fixes.get(folder)
        if target is None or fix_pos is None:
            continue
        for pos in [p for p in result.candidates if fixes_of.get(p, folder) != folder]:
            if "id" not in result.candidates[pos].signals:  # it says it fixes another round: counter-evidence
                del result.candidates[pos]
        if fix_pos > target.anchor_pos:
            strength, words = round_evidence(commits[fix_pos], folder, target.files)
            result.candidates.setdefault(fix_pos, Candidate(fix_pos)).add("roundfix", strength, words)
    own_paths = {d.path: _document_repo_path(reader, d, reviews_root)[0] for d in documents}
    linked = []
    for i, (occ, locs) in enumerate(zip(occurrences, located, strict=True)):
        scan = _without_own_document(by_target.get(i), commits, own_paths.get(occ.document.path))
        linked.append(_linked(reader, commits, occ, locs, scan))
    warnings += reader.notes
    missing = shallow.describe() if shallow else None
    if missing:
        warnings.insert(0, missing)
    return LinkResult(findings=linked, warnings=warnings, shallow=shallow is not None, history_missing=missing)


def _document_repo_path(reader: RepoReader, doc: Document, reviews_root: Path | None) -> tuple[str | None, str | None]:
    """(path of the document inside the repository, blob id of its bytes) — whichever can be known."""
    if ".." in doc.path.split("/") or doc.path.startswith("/"):
        return None, None
    if reviews_root is None:
        return doc.path, None
    repo_path = None
    tree = reader.work_tree
    if tree is not None:
        try:
            rel = reviews_root.resolve().relative_to(tree.resolve())
            repo_path = (rel / doc.path).as_posix().removeprefix("./")
        except ValueError:
            repo_path = None
    file = reviews_root / doc.path
    blob = blob_sha(file.read_bytes()) if file.is_file() else None
    return repo_path, blob


def _anchor(
    reader: RepoReader, history: HistoryIndex, doc: Document, review: Review, reviews_root: Path | None
) -> tuple[Anchor, list[str]]:
    repo_path, blob = _document_repo_path(reader, doc, reviews_root)
    locations = [loc for f in review.findings for loc in f.locations if loc.path]

    def coverage_at(sha: str) -> float:
        if not locations:
            return 0.0
        tree = reader.tree_paths(sha)
        found = [resolve_location(loc, tree, lambda p: reader.read_text(sha, p)) for loc in locations]
        return sum(r.resolved for r in found) / len(found)

    return anchor_review(AnchorInput(review, repo_path, blob), history, reader.resolve, coverage_at)


def _round_spans(history: HistoryIndex, occurrences: Sequence[_Occurrence]) -> list[RoundSpan]:
    """Each round folder with the position it began at: its earliest anchor, or for a review anchored by
    its date or by the commit that added it, the last commit of the day before its date (a round's fix often
    lands the day it is written); a review with neither a named commit nor a date says nothing of it."""
    starts: dict[str, int] = {}
    numbers: dict[str, str | None] = {}
    for o in occurrences:
        if o.anchor.commit is None or o.anchor.commit not in history.position:
            continue
        folder = round_folder(o.document.path)
        numbers.setdefault(folder, round_number(o.review.round) or round_number(folder))
        start: int | None = history.position[o.anchor.commit]
        if o.anchor.rule in _UPPER_BOUNDS:
            start = history.last_on_or_before(o.review.date - dt.timedelta(days=1)) if o.review.date else None
        if start is not None:
            starts[folder] = min(start, starts.get(folder, start))
    return [RoundSpan(folder, starts.get(folder, -1), number) for folder, number in numbers.items()]


def _round_anchors_for_the_unanchored(
    occurrences: list[_Occurrence], history: HistoryIndex, shallow: ShallowInfo | None
) -> list[_Occurrence]:
    """A review that names no commit, carries no date and is not found in history reviewed what the other
    reviews of its round folder reviewed: it takes their anchor (the one most of them share, the earliest on a
    tie), rule and all, instead of staying unjudged."""
    votes: dict[str, dict[str, tuple[int, Anchor]]] = {}
    for o in occurrences:
        if o.anchor.commit is not None and o.anchor.commit in history.position:
            seen = votes.setdefault(round_folder(o.document.path), {})
            count, _ = seen.get(o.anchor.commit, (0, o.anchor))
            seen[o.anchor.commit] = (count + 1, o.anchor)
    out = []
    for o in occurrences:
        seen = votes.get(round_folder(o.document.path), {})
        if o.anchor.commit is not None or not seen:
            out.append(o)
            continue
        sha = min(seen, key=lambda c: (-seen[c][0], history.position[c]))
        source = seen[sha][1]
        note = f"the anchor of the other reviews of its round ({source.note or source.rule or 'named'})"
        anchor = source.model_copy(update={"note": note})
        out.append(dataclasses.replace(o, anchor=anchor, judgeable=_judgeable(o.review, anchor, shallow, [])))
    return out


def _before_round_fix(
    occ: _Occurrence, round_fixes: dict[str, int], history: HistoryIndex, commits: list[CommitInfo]
) -> _Occurrence:
    """A review anchored by its date or by the commit that added it reviewed the code before the commit that
    fixes its round: both are upper bounds, not the state reviewed."""
    fix_pos = round_fixes.get(round_folder(occ.document.path))
    sha = occ.anchor.commit
    if fix_pos is None or sha is None or occ.anchor.rule not in _UPPER_BOUNDS or fix_pos == 0:
        return occ
    if history.position.get(sha, -1) < fix_pos:
        return occ
    note = f"moved before {commits[fix_pos].sha[:12]}, the commit that fixes this round"
    anchor = occ.anchor.model_copy(update={"commit": commits[fix_pos - 1].sha, "note": note})
    return dataclasses.replace(occ, anchor=anchor)


def _judgeable(review: Review, anchor: Anchor, shallow: ShallowInfo | None, notes: list[str]) -> bool:
    """False when a shallow clone lacks the history needed to judge this review."""
    if anchor.commit is None:
        return False
    if shallow is None:
        return True
    if named_commit(review) is not None and anchor.rule is not AnchorRule.NAMED:
        notes.append("named commit is missing from the shallow history: statuses left unknown")
        return False
    if anchor.rule is AnchorRule.ADDED and anchor.commit in shallow.boundary:
        notes.append("review appears at the shallow boundary (added earlier?): statuses left unknown")
        return False
    oldest = shallow.oldest_date
    if anchor.rule is AnchorRule.DATE and review.date and oldest and review.date < oldest.date():
        notes.append("review predates the shallow history: statuses left unknown")
        return False
    return True


def _locate(reader: RepoReader, occ: _Occurrence) -> tuple[ResolvedLocation, ...]:
    sha = occ.anchor.commit
    if sha is None:
        return tuple(
            ResolvedLocation(path=loc.path, start=loc.start, end=loc.end, symbol=loc.symbol, note="no anchor commit")
            for loc in occ.finding.locations
        )
    tree = reader.tree_paths(sha)
    return tuple(resolve_location(loc, tree, lambda p: reader.read_text(sha, p)) for loc in occ.finding.locations)


def _target(
    keys_at: Callable[[str, str], frozenset[str]],
    history: HistoryIndex,
    occ: _Occurrence,
    locs: tuple[ResolvedLocation, ...],
) -> Target | None:
    if not occ.judgeable or occ.anchor.commit is None:
        return None
    sha = occ.anchor.commit
    files = tuple(dict.fromkeys(loc.path for loc in locs if loc.resolved and loc.path))
    ranges = tuple(
        (loc.path, loc.start, loc.end if loc.end is not None else loc.start)
        for loc in locs
        if loc.resolved and loc.path and loc.start is not None
    )
    quoted = significant_keys(line for s in occ.finding.snippets for line in s.splitlines())
    if files and quoted:  # keep only code that is really there at the anchor: the rest is a suggested fix
        quoted &= set().union(*(keys_at(sha, f) for f in files))
    fid = occ.finding.id.strip() if occ.finding.id else None
    if fid and not (any(c.isalpha() for c in fid) and any(c.isdigit() for c in fid) and id_tokens(fid) == {fid}):
        fid = None
    return Target(
        anchor_pos=history.position[sha],
        ranges=ranges,
        files=files,
        snippet_keys=frozenset(quoted),
        finding_id=fid,
        round=round_number(occ.review.round) or round_number(occ.document.path),
        reviewer=reviewer_key(occ.review.reviewer),
        title_words=frozenset(title_words(occ.finding.title)),
        review=occ.review_key,
    )


def _without_own_document(
    result: ScanResult | None, commits: list[CommitInfo], own_path: str | None
) -> ScanResult | None:
    """``result`` without the commits that write the finding's own review document: committing a review
    (often after its fixes, naming every finding it holds) is never what fixed them."""
    if result is None or own_path is None:
        return result
    writes_review = {
        pos for pos in result.candidates if any(own_path in (c.new_path, c.old_path) for c in commits[pos].changes)
    }
    if not writes_review:
        return result
    kept = {pos: cand for pos, cand in result.candidates.items() if pos not in writes_review}
    return ScanResult(candidates=kept, regressions=result.regressions)


def _linked(
    reader: RepoReader,
    commits: list[CommitInfo],
    occ: _Occurrence,
    locs: tuple[ResolvedLocation, ...],
    result: ScanResult | None,
) -> LinkedFinding:
    first = next((loc for loc in locs if loc.resolved and loc.start is not None), None)
    sha = occ.anchor.commit
    lines = referenced_lines(reader.read_text(sha, first.path), first) if sha and first and first.path else []
    base = LinkedFinding(
        document=occ.document.path,
        review_index=occ.review_index,
        reviewer=occ.review.reviewer,
        round=occ.review.round,
        finding=occ.finding,
        anchor=occ.anchor,
        locations=locs,
        fingerprints=fingerprints(occ.finding, locs, lines),
    )
    if result is None:
        return base
    verdict = decide(result, commits, trackable=any(loc.resolved for loc in locs))
    return base.model_copy(
        update={
            "status": verdict.status,
            "fix": verdict.fix,
            "alternatives": verdict.alternatives,
            "regressed_by": verdict.regressed_by,
        }
    )


__all__ = ["LinkResult", "Progress", "link_documents", "link_history"]
