"""The one module that imports git (GitPython). Everything it returns is plain data.

Readers hand out :class:`~reviewkit.model.CommitInfo` records computed once;
the writer builds repositories with fixed actors and dates (demo, tests).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import git

from reviewkit.errors import GitError
from reviewkit.gitlog import LOG_FORMAT, CommittedDocument, ShallowInfo, parse_log, side_commits
from reviewkit.model import CommitInfo

__all__ = [
    "CommittedDocument",
    "RepoReader",
    "RepoWriter",
    "ShallowInfo",
    "init_repo",
    "open_repo",
]


class RepoWriter:
    """Builds a repository commit by commit; fixed actor and dates keep shas stable."""

    def __init__(self, repo: git.Repo, author: str = "Dev Eloper", email: str = "dev@example.com") -> None:
        self._repo = repo
        self.path = Path(repo.working_tree_dir or ".")
        self._actor = git.Actor(author, email)

    def commit(
        self,
        message: str,
        files: dict[str, str | None] | None = None,
        *,
        when: dt.datetime,
        renames: dict[str, str] | None = None,
        author: str | None = None,
    ) -> str:
        """Apply ``renames`` (old → new), write ``files`` (None deletes), commit; return the full sha."""
        index = self._repo.index
        for old, new in (renames or {}).items():
            (self.path / new).parent.mkdir(parents=True, exist_ok=True)
            (self.path / old).rename(self.path / new)
            index.remove([old])
            index.add([new])
        for rel, content in (files or {}).items():
            if content is None:
                index.remove([rel], working_tree=True)
                continue
            target = self.path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            index.add([rel])
        actor = git.Actor(author, self._actor.email) if author else self._actor
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S%z")
        made = index.commit(message, author=actor, committer=actor, author_date=stamp, commit_date=stamp)
        return str(made.hexsha)

    def tag(self, name: str, rev: str = "HEAD") -> None:
        self._repo.create_tag(name, ref=rev)

    def branch(self, name: str, rev: str = "HEAD", *, checkout: bool = True) -> None:
        head = self._repo.create_head(name, rev)
        if checkout:
            head.checkout()

    def checkout(self, name: str) -> None:
        self._repo.git.checkout(name)


def init_repo(path: Path, *, branch: str = "main") -> RepoWriter:
    """Create an empty repository at ``path`` (which must not hold one already)."""
    if (path / ".git").exists():
        raise GitError(f"{path}: already a git repository")
    path.mkdir(parents=True, exist_ok=True)
    return RepoWriter(git.Repo.init(path, initial_branch=branch))


# ---------------------------------------------------------------- reading


@contextmanager
def _git_errors(what: str) -> Iterator[None]:
    """Turn git's failures into :class:`GitError` naming ``what`` was being read: no GitPython error leaves here."""
    try:
        yield
    except git.GitCommandError as e:
        detail = [line for line in str(e.stderr or "").strip().splitlines() if line.strip()]
        reason = detail[-1].strip().strip("'").strip() if detail else f"git exited with {e.status}"
        raise GitError(f"{what}: {reason} (check the repository with `git fsck`)") from e


TEXTS_KEPT = 512
"""File texts a reader keeps (the most recently read): anchoring and locating read a file many times in a row."""


class RepoReader:
    """Read-only access to a repository: history, trees and file contents, cached."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        self._trees: dict[str, frozenset[str]] = {}
        self._texts: OrderedDict[tuple[str, str], str | None] = OrderedDict()  # the TEXTS_KEPT last read
        self._line: tuple[str, list[CommitInfo]] | None = None  # last whole read: a commit on it is a prefix
        self.notes: list[str] = []
        """What reading the history met that a user should know (octopus merges)."""

    @property
    def git_dir(self) -> Path:
        return Path(self._repo.git_dir)

    @property
    def work_tree(self) -> Path | None:
        return None if self._repo.bare else Path(self._repo.working_tree_dir or ".")

    def resolve(self, rev: str) -> str | None:
        """Full sha of the commit ``rev`` names (short shas, refs), or None when unknown."""
        if not rev or rev.startswith("-"):
            return None
        try:
            return str(self._repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"))
        except git.GitCommandError:
            return None

    def shallow(self) -> ShallowInfo | None:
        """Boundary commits when this is a shallow clone, else None."""
        marker = self.git_dir / "shallow"
        if not marker.is_file():
            return None
        boundary = tuple(s for s in marker.read_text(encoding="ascii").split() if s)
        dates = []
        for sha in boundary:
            try:
                dates.append(dt.datetime.fromisoformat(self._repo.git.log("-1", "--format=%aI", sha)))
            except (git.GitCommandError, ValueError):
                continue
        return ShallowInfo(boundary=boundary, oldest_date=min(dates) if dates else None)

    def history(
        self, until: str = "HEAD", *, on_commit: Callable[[int], None] | None = None, since: str | None = None
    ) -> list[CommitInfo]:
        """The first-parent line of ``until``, oldest first, each commit with its diff (-U0, renames followed).

        Each position's diff applies to the previous position's tree — the only order in which line
        ranges can be carried forward on a branched history. A merge is one diff against its first
        parent, and carries the side-branch commits it brings in (``merged``, their messages appended)
        so a branch commit that names a finding is still read. One streamed ``git log`` reads it all;
        nothing is diffed twice. ``since`` (a commit) limits it to ``since..until``.
        """
        head = self.resolve(until)
        if head is None:
            raise GitError(f"unknown revision {until!r}")
        if since is not None:
            base = self.resolve(since)
            if base is None:
                raise GitError(f"unknown revision {since!r}")
            if (cut := self._cut(base, head)) is not None:
                return cut
            head = f"{base}..{head}"
        if since is None and self._line is not None:
            tip, line = self._line
            for n, commit in enumerate(line):  # `check` reads HEAD, then its base: the base is on HEAD's line
                if commit.sha == head:
                    return line[: n + 1] if head != tip else line
        with _git_errors(f"cannot read the history of {until}"):
            commits = self._read_log(head, on_commit)
            if any(len(c.parents) > 1 for c in commits):
                commits = self._with_side_commits(commits, head)
        if since is None:
            self._line = (head, commits)
        return commits

    def forget_history(self) -> None:
        """Drop the history read last (a real one is hundreds of MiB): the next :meth:`history` reads again."""
        self._line = None

    def _cut(self, base: str, head: str) -> list[CommitInfo] | None:
        """``base..head`` from the line already read when both are on it (base first), else None."""
        if self._line is None:
            return None
        line = self._line[1]
        at = {c.sha: n for n, c in enumerate(line)}
        if base not in at or head not in at or at[base] > at[head]:
            return None
        return line[at[base] + 1 : at[head] + 1]

    def _with_side_commits(self, line: list[CommitInfo], span: str) -> list[CommitInfo]:
        """``line`` with each merge's side-branch commits attached, their messages appended."""
        graph = self._graph(span)
        sides = side_commits([(c.sha, c.parents) for c in line], graph)
        result = []
        for commit in line:
            side = sides.get(commit.sha)
            if not side:
                result.append(commit)
                continue
            if len(commit.parents) > 2:
                self.notes.append(
                    f"octopus merge {commit.sha[:12]}: its {len(commit.parents) - 1} branches are read as one change"
                )
            messages = "\n\n".join(graph[s][1] for s in side if graph[s][1])
            message = f"{commit.message}\n\n{messages}" if messages else commit.message
            result.append(dataclasses.replace(commit, merged=tuple(side), message=message))
        return result

    def _graph(self, span: str) -> dict[str, tuple[tuple[str, ...], str]]:
        """sha → (parents, message) of every commit in ``span`` (no diffs: cheap)."""
        out = str(self._repo.git.log("--format=%x1e%H%x00%P%x00%B", span, "--"))
        graph: dict[str, tuple[tuple[str, ...], str]] = {}
        for record in out.split("\x1e")[1:]:
            sha, parents, body = record.split("\x00", 2)
            graph[sha] = (tuple(parents.split()), body.strip())
        return graph

    def _read_log(self, span: str, on_commit: Callable[[int], None] | None) -> list[CommitInfo]:
        proc = self._repo.git.log(
            "--reverse",
            "--first-parent",
            "--diff-merges=first-parent",
            "-p",
            "-U0",
            "-M",
            "--no-color",
            "--full-index",
            "--no-ext-diff",
            "--no-textconv",
            "--encoding=UTF-8",
            LOG_FORMAT,
            span,
            as_process=True,
        )
        commits: list[CommitInfo] = []
        try:
            # decoded and split in C; lines end at "\n" only (a "\r" in a diff line is the line's own)
            lines = io.TextIOWrapper(proc.proc.stdout, encoding="utf-8", errors="replace", newline="\n")
            for commit in parse_log(lines):
                commits.append(commit)
                if on_commit is not None:
                    on_commit(len(commits))
        finally:
            proc.proc.stdout.close()
            proc.wait()
        return commits

    def commit_order(self, until: str = "HEAD") -> list[str]:
        """Shas of the commits reachable from ``until``, oldest first, in :meth:`history`'s order: the
        first-parent line, with each merge's side-branch commits just before the merge."""
        head = self.resolve(until)
        if head is None:
            raise GitError(f"unknown revision {until!r}")
        if self._line is not None:  # the history read already has the order (its merges carry their side commits)
            at = next((n for n, c in enumerate(self._line[1]) if c.sha == head), None)
            if at is not None:
                return [sha for c in self._line[1][: at + 1] for sha in (*c.merged, c.sha)]
        with _git_errors(f"cannot list the commits of {until}"):
            line = [
                r.split()
                for r in str(self._repo.git.rev_list("--reverse", "--first-parent", "--parents", head)).splitlines()
            ]
            if all(len(r) <= 2 for r in line):
                return [r[0] for r in line]
            sides = side_commits([(r[0], tuple(r[1:])) for r in line], self._graph(head))
        return [sha for r in line for sha in (*sides.get(r[0], ()), r[0])]

    def tree_paths(self, rev: str) -> frozenset[str]:
        """All file paths in the tree of ``rev`` (cached)."""
        if rev not in self._trees:
            with _git_errors(f"cannot list the tree of {rev}"):
                out = self._repo.git.ls_tree("-r", "--name-only", "-z", "--full-tree", rev)
            self._trees[rev] = frozenset(p for p in out.split("\x00") if p)
        return self._trees[rev]

    def read_bytes(self, rev: str, path: str) -> bytes | None:
        """Bytes of ``path`` at ``rev`` (a repo-relative path only), or None when absent."""
        if path.startswith("/") or ".." in path.split("/"):
            return None
        try:
            _sha, kind, _size, data = self._repo.git.get_object_data(f"{rev}:{path}")
        except (ValueError, git.GitCommandError):
            return None
        return bytes(data) if kind in (b"blob", "blob") else None

    def read_text(self, rev: str, path: str) -> str | None:
        """Text of ``path`` at ``rev`` (cached; undecodable bytes replaced)."""
        key = (rev, path)
        if key in self._texts:
            self._texts.move_to_end(key)
            return self._texts[key]
        data = self.read_bytes(rev, path)
        text = self._texts[key] = None if data is None else data.decode("utf-8", errors="replace")
        if len(self._texts) > TEXTS_KEPT:  # a big history's anchors read thousands of files: keep memory bounded
            self._texts.popitem(last=False)
        return text

    def documents_at(self, rev: str, folder: str, suffix: str = ".md") -> list[CommittedDocument]:
        """The ``*.md`` files under ``folder`` in the tree of ``rev`` (for a ledger "as of" a ref)."""
        sha = self.resolve(rev)
        if sha is None:
            raise GitError(f"unknown revision {rev!r}")
        prefix = folder.strip("/") + "/" if folder.strip("/. ") else ""
        out = []
        for path in sorted(self.tree_paths(sha)):
            if path.startswith(prefix) and path.lower().endswith(suffix):  # REVIEW.MD too
                data = self.read_bytes(sha, path)
                if data is not None:
                    out.append(CommittedDocument(path=path, data=data, commit=sha))
        return out

    def documents_ever(self, pathspec: str, until: str = "HEAD", suffix: str = ".md") -> list[CommittedDocument]:
        """Every ``*.md`` ever committed under ``pathspec``: the last version of each, deleted ones included."""
        head = self.resolve(until)
        if head is None:
            raise GitError(f"unknown revision {until!r}")
        with _git_errors(f"cannot read the history of {pathspec!r}"):
            log = self._repo.git.log("--no-renames", "--name-status", "-z", "--format=%x1e%H %P", head, "--", pathspec)
        seen: dict[str, CommittedDocument] = {}
        for record in log.split("\x1e")[1:]:
            head_line, _, rest = record.partition("\n")
            sha, *parents = head_line.strip("\x00").split()
            fields = [f for f in rest.strip("\n").split("\x00") if f]
            for status, path in zip(fields[::2], fields[1::2], strict=False):
                if path in seen or not path.lower().endswith(suffix):  # REVIEW.MD too
                    continue
                source = parents[0] if status.startswith("D") and parents else sha
                data = self.read_bytes(source, path)
                if data is not None:
                    seen[path] = CommittedDocument(path=path, data=data, commit=source, deleted=status.startswith("D"))
        return [seen[p] for p in sorted(seen)]

    # -- ancestry, for `reviewkit check` (added by the check helper)

    def is_ancestor(self, ancestor: str, descendant: str = "HEAD") -> bool:
        """True when commit ``ancestor`` is reachable from ``descendant`` (False when either is unknown)."""
        try:
            self._repo.git.merge_base("--is-ancestor", ancestor, descendant)
        except git.GitCommandError:
            return False
        return True

    def reachable(self, rev: str = "HEAD") -> frozenset[str]:
        """Full shas of every commit reachable from ``rev`` (one ``git rev-list``; empty when unknown)."""
        try:
            out = str(self._repo.git.rev_list(rev, "--"))
        except git.GitCommandError:
            return frozenset()
        return frozenset(out.split())

    def merge_base(self, a: str, b: str) -> str | None:
        """The best common ancestor of ``a`` and ``b``, or None when they share no (fetched) history."""
        try:
            out = str(self._repo.git.merge_base(a, b)).strip()
        except git.GitCommandError:
            return None
        return out or None

    def commit_messages(self, since: str | None, until: str = "HEAD") -> list[tuple[str, str]]:
        """(sha, message) of the commits in ``since..until`` (all of ``until`` when None), oldest first."""
        span = f"{since}..{until}" if since else until
        with _git_errors(f"cannot read commits {span}"):
            out = str(self._repo.git.log("--reverse", "--format=%x1e%H%x00%B", span, "--"))
        records = (r.split("\x00", 1) for r in out.split("\x1e") if r.strip())
        return [(sha.strip(), body.strip()) for sha, body in records]


def open_repo(path: Path) -> RepoReader:
    """Open the repository at ``path`` (working clone, bare repo, detached HEAD) read-only."""
    if not path.exists():
        raise GitError(f"{path}: no such directory")
    try:
        repo = git.Repo(path, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as e:
        raise GitError(f"{path}: not a git repository") from e
    try:
        repo.git.rev_parse("--verify", "HEAD")
    except git.GitCommandError as e:
        raise GitError(f"{path}: repository has no commits") from e
    return RepoReader(repo)
