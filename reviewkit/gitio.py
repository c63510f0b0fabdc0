"""The one module that imports git (GitPython). Everything it returns is plain data.

Readers hand out :class:`~reviewkit.model.CommitInfo` records computed once;
the writer builds repositories with fixed actors and dates (demo, tests).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git

from reviewkit.errors import GitError

__all__ = ["RepoWriter", "init_repo"]


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
