"""Errors reviewkit raises; each names the input it concerns."""

from __future__ import annotations


class ReviewkitError(Exception):
    """Base class: a domain error the CLI turns into one stderr line and exit 2."""


class InputError(ReviewkitError, ValueError):
    """Bad input that stops the command: a missing path, an unreadable config."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class RepositoryNeeded(InputError):
    """The request reads reviews or triage from git (another commit, the whole history) but has no repository."""


class ConfigError(InputError):
    """The `[tool.reviewkit]` table or a triage/alias file is malformed."""


class GitError(ReviewkitError):
    """Git could not answer: not a repository, unknown revision, shallow history."""
