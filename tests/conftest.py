"""Shared fixtures: the shared corpus (skipped when absent) and a tiny-git-repo factory."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "hey-seven" / "reviews"
SARIF_SCHEMA = REPO_ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A recognizer bug must fail the test that meets it, not vanish into a "failed" warning (RK-013).
os.environ.setdefault("REVIEWKIT_STRICT", "1")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared development corpus; tests using it skip with a reason when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (CI provides ../shared beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def sarif_schema_path() -> Path:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    return SARIF_SCHEMA


class GitRepoBuilder:
    """A :class:`reviewkit.gitio.RepoWriter` whose commits are an hour apart from a fixed epoch."""

    EPOCH = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)

    def __init__(self, path: Path) -> None:
        from reviewkit.gitio import init_repo

        self.path = path
        self.writer = init_repo(path)
        self.count = 0

    def commit(
        self,
        message: str,
        files: dict[str, str | None] | None = None,
        *,
        renames: dict[str, str] | None = None,
        when: dt.datetime | None = None,
    ) -> str:
        """Write ``files`` (None deletes), apply ``renames`` (old → new), commit; return the full sha."""
        self.count += 1
        stamp = when or self.EPOCH + dt.timedelta(hours=self.count)
        return self.writer.commit(message, files, renames=renames, when=stamp)

    def branch(self, name: str, rev: str = "HEAD") -> None:
        """Create branch ``name`` at ``rev`` and check it out."""
        self.writer.branch(name, rev)

    def checkout(self, name: str) -> None:
        self.writer.checkout(name)

    def merge(self, *branches: str, message: str = "Merge") -> str:
        """Merge ``branches`` into the checked-out branch (a merge commit, fixed date); return its sha."""
        import subprocess

        self.count += 1
        stamp = (self.EPOCH + dt.timedelta(hours=self.count)).strftime("%Y-%m-%dT%H:%M:%S%z")
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        identity = ["-c", "user.name=Dev Eloper", "-c", "user.email=dev@example.com"]
        run = ["git", "-C", str(self.path), *identity, "merge", "--no-ff", "-q", "-m", message, *branches]
        subprocess.run(run, check=True, env=env, capture_output=True)
        head = ["git", "-C", str(self.path), "rev-parse", "HEAD"]
        return subprocess.run(head, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def git_repo(tmp_path: Path) -> Callable[[str], GitRepoBuilder]:
    """Factory: ``git_repo("name")`` → a fresh :class:`GitRepoBuilder` under ``tmp_path``."""

    def make(name: str = "repo") -> GitRepoBuilder:
        return GitRepoBuilder(tmp_path / name)

    return make
