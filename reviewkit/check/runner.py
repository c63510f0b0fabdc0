"""The I/O edge of the gate: pick and resolve the base with git, build both ledgers, evaluate.

Default base, when ``--base`` is not given (CI-friendly, explained in ``--help``):

1. the merge-base of HEAD with the upstream branch: ``origin/$GITHUB_BASE_REF`` in a
   GitHub pull request, else ``origin/HEAD``, ``origin/main``, ``origin/master`` (the first
   that exists) — so a feature branch is compared with where it forked;
2. ``HEAD~1`` when HEAD is already on that branch (a push to main) or there is no remote:
   the state before the last commit;
3. an empty ledger when HEAD is a root commit (everything open is new).

A shallow clone that cannot reach the base is an input error that says ``fetch-depth: 0``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewkit.check.gate import GatePolicy, GateResult, evaluate
from reviewkit.check.records import Snapshot
from reviewkit.check.snapshot import snapshot_of
from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.errors import GitError, InputError
from reviewkit.gitio import RepoReader, open_repo
from reviewkit.track.records import Ledger

__all__ = ["FETCH_HINT", "BaseChoice", "CheckRun", "choose_base", "reverted_commits", "reviews_prefix", "run_check"]

FETCH_HINT = (
    "reviewkit check needs the full git history: use actions/checkout with `fetch-depth: 0` "
    "(or run `git fetch --unshallow`)"
)
UPSTREAM_CANDIDATES = ("origin/HEAD", "origin/main", "origin/master")

BuildLedger = Callable[..., Ledger]


@dataclass(frozen=True, slots=True)
class BaseChoice:
    """The base the gate compares with: the ref, its sha (None = empty ledger) and why it was chosen."""

    ref: str
    commit: str | None
    why: str


@dataclass(frozen=True, slots=True)
class CheckRun:
    """A gate verdict plus the notes a human should see on stderr."""

    result: GateResult
    base: BaseChoice
    notes: list[str] = field(default_factory=list)
    reviews_found: bool = True
    """False when HEAD has no review document: the gate passed because it checked nothing."""


def choose_base(reader: RepoReader, base: str | None, env: Mapping[str, str]) -> BaseChoice:
    """Resolve ``--base`` or pick the default (module docstring); GitError when it cannot be reached."""
    shallow = reader.shallow()
    head = reader.resolve("HEAD")
    if head is None:
        raise GitError("HEAD does not name a commit")
    if base is not None:
        sha = reader.resolve(base)
        if sha is None:
            if shallow is not None:
                raise GitError(f"base {base!r} is not in this shallow clone; {FETCH_HINT}")
            raise GitError(f"base {base!r} is not a known revision (misspelt, or not fetched: `git fetch origin`)")
        if shallow is not None and reader.merge_base(sha, head) is None:
            raise GitError(f"base {base!r} shares no history with HEAD in this shallow clone; {FETCH_HINT}")
        return BaseChoice(ref=base, commit=sha, why="--base")
    for upstream in _upstreams(env):
        if reader.resolve(upstream) is None:
            continue
        fork = reader.merge_base(upstream, head)
        if fork is None:
            if shallow is not None:
                raise GitError(f"HEAD and {upstream} share no fetched history; {FETCH_HINT}")
            continue
        if fork != head:
            return BaseChoice(ref=fork[:12], commit=fork, why=f"merge-base of HEAD and {upstream}")
        break
    parent = reader.resolve("HEAD~1")
    if parent is not None:
        return BaseChoice(ref="HEAD~1", commit=parent, why="the commit before HEAD")
    if shallow is not None:
        raise GitError(f"the commit before HEAD is missing from this shallow clone; {FETCH_HINT}")
    return BaseChoice(ref="(empty)", commit=None, why="HEAD is a root commit: compared with an empty ledger")


def _upstreams(env: Mapping[str, str]) -> list[str]:
    pr_base = env.get("GITHUB_BASE_REF", "").strip()
    return [*([f"origin/{pr_base}"] if pr_base else []), *UPSTREAM_CANDIDATES]


_REVERT = re.compile(r"This reverts commit ([0-9a-f]{7,40})")


def reverted_commits(messages: Sequence[tuple[str, str]], resolve: Callable[[str], str | None]) -> dict[str, str]:
    """Commit → the commit that reverted it, from ``git revert`` messages (oldest first).

    Reverting a revert re-applies the original, which then counts as not reverted.
    """
    reverted: dict[str, str] = {}
    revert_of: dict[str, str] = {}
    for sha, message in messages:
        for short in _REVERT.findall(message):
            target = resolve(short) or short
            if target in revert_of:
                reverted.pop(revert_of[target], None)
            else:
                reverted[target] = sha
                revert_of[sha] = target
    return reverted


def reviews_prefix(repo: Path, reviews: Path) -> str | None:
    """The reviews folder relative to the repository root (POSIX), or None when outside it."""
    try:
        rel = reviews.resolve().relative_to(repo.resolve())
    except ValueError:
        return None
    return "" if rel == Path() else rel.as_posix()


def run_check(
    repo: Path,
    reviews: Path,
    *,
    base: str | None,
    policy: GatePolicy,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
    env: Mapping[str, str] | None = None,
    build: BuildLedger | None = None,
    allow_shallow: bool = False,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> CheckRun:
    """Build the ledger at HEAD and at the base, then apply the gate.

    A shallow clone is refused (GitError) unless ``allow_shallow``: with history cut, fix commits
    and anchors go missing and the gate would fire on issues that are not new.
    """
    if not reviews.is_dir():
        raise InputError("reviews folder not found (give --reviews)", path=str(reviews))
    reader = open_repo(repo)

    def prime() -> object:
        return None

    if build is None:
        from reviewkit.track.ledger_cache import cached_ledger, load_ledger

        # one open repository for both ledgers: the base's history is a prefix of HEAD's, read once;
        # each ledger comes from the cache when nothing it depends on changed
        build = functools.partial(load_ledger, reader=reader, on_progress=on_progress)

        def prime() -> object:
            """HEAD's history, read before the base's ledger when HEAD's is not cached: the base's is its prefix."""
            if cached_ledger(reader, repo, reviews, at="HEAD", vocabulary=vocabulary)[0] is not None:
                return None
            tick = on_progress or (lambda _stage, _done, _total: None)
            return reader.history("HEAD", on_commit=lambda n: tick("history", n, 0))

    choice = choose_base(reader, base, os.environ if env is None else env)
    head_sha = reader.resolve("HEAD")
    if head_sha is None:
        raise GitError("HEAD does not name a commit")
    prefix = reviews_prefix(repo, reviews)
    if prefix is None:
        raise InputError("the reviews folder must be inside the repository: check reads it as of the base commit")
    notes = [f"base: {choice.ref} ({choice.why})"]
    shallow = reader.shallow()
    if shallow is not None and not allow_shallow:
        raise GitError(f"shallow clone: {FETCH_HINT}; or pass --allow-shallow to gate on partial history")
    if shallow is not None:
        notes.append(f"warning: {shallow.describe()}; fixes older than the cut cannot be found")
    if choice.commit is None:
        base_snap = Snapshot(ref=choice.ref, commit=None)
    else:
        # the base is judged by its own committed triage decisions (build_ledger reads them as of
        # the base), so a branch that deletes an acceptance brings the issue back into the gate.
        # The base goes first: when the branch only adds reviews, HEAD's ledger reuses the base's
        # link results (track.relink) instead of linking every round a second time
        prime()
        base_ledger = build(repo, reviews, at=choice.commit, vocabulary=vocabulary)
        base_snap = snapshot_of(
            base_ledger, ref=choice.ref, commit=choice.commit, reviews_prefix=prefix, vocabulary=vocabulary
        )
    head_ledger = build(repo, reviews, at="HEAD", vocabulary=vocabulary)
    head_snap = snapshot_of(head_ledger, ref="HEAD", commit=head_sha, reviews_prefix=prefix, vocabulary=vocabulary)
    partial = [d.path for d in head_ledger.documents if d.incomplete]
    if partial:
        notes.append(
            f"warning: {len(partial)} review document(s) could not be read whole at HEAD (first: {partial[0]}): "
            "findings missing from them are not counted closed"
        )
    if not head_ledger.documents:
        notes.insert(0, f"warning: no review documents (*.md) found under {reviews}: nothing was checked")
    notes += [f"warning: {w}" for w in head_ledger.warnings[:5]]
    if len(head_ledger.warnings) > 5:
        notes.append(f"warning: … and {len(head_ledger.warnings) - 5} more (see `reviewkit status`)")

    reverted = reverted_commits(reader.commit_messages(choice.commit), reader.resolve)

    reachable = functools.cache(lambda: reader.reachable(head_sha))  # one rev-list, not one process per fix

    def fix_gone(sha: str) -> str | None:
        ancestor = sha in reachable() if len(sha) == 40 else reader.is_ancestor(sha, head_sha)
        if not ancestor:
            return "not an ancestor of HEAD: dropped by a rebase or reset, or the branch is behind the base"
        if sha in reverted:
            return f"reverted by {reverted[sha][:12]}"
        return None

    result = evaluate(base_snap, head_snap, policy, fix_gone=fix_gone)
    return CheckRun(result=result, base=choice, notes=notes, reviews_found=bool(head_ledger.documents))
