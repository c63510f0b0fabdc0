"""The options every ledger command shares, declared once, and the one helper that builds their ledger.

``status``, ``backlog``, ``export`` and ``report`` take the same ``--repo``, ``--reviews``,
``--reviews-from-git``, ``--at``, ``--cache-dir`` with the same defaults, and read
``[tool.reviewkit]`` (severity words, aliases) from the repository's ``pyproject.toml`` through
:func:`ledger_for` — so a severity never depends on which command ran.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reviewkit.cli.common import note, stage_progress
from reviewkit.errors import InputError

if TYPE_CHECKING:
    from reviewkit.track import Ledger

__all__ = [
    "AtOpt",
    "CacheDirOpt",
    "OutputOpt",
    "RepoOpt",
    "ReviewsFromGitOpt",
    "ReviewsOpt",
    "ledger_for",
    "reviews_folder",
    "write_output",
]

RepoOpt = Annotated[
    Path | None,
    typer.Option("--repo", help="Git repository the reviews are about (omit it: parse and track, no fix links)."),
]
ReviewsOpt = Annotated[
    Path | None, typer.Option("--reviews", help="Folder of review rounds (*.md) (default: REPO/reviews).")
]
ReviewsFromGitOpt = Annotated[
    str | None,
    typer.Option(
        "--reviews-from-git",
        metavar="PATHSPEC",
        help="Read the reviews from git history under PATHSPEC (repo-relative, e.g. `reviews`): every document "
        "ever committed there, last version of each, deleted ones included. Without PATHSPEC: the --reviews folder.",
    ),
]
AtOpt = Annotated[
    str,
    typer.Option(
        "--at", "--until", help="Judge the history, reviews and triage as of this revision (default: HEAD, work tree)."
    ),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir", help="Where parse/link results are cached (default: inside the repository's git directory)."
    ),
]


OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")]


def write_output(text: str, output: Path | None) -> None:
    """``text`` to ``output``, or to stdout (machine output goes nowhere else)."""
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        note(f"reviewkit: wrote {output}")


_NOT_A_REVIEW = "not a review"
"""A README or plan beside the reviews: worth a line in `reviewkit parse`, not a warning in every command."""


def reviews_folder(repo: Path | None, reviews: Path | None) -> Path:
    """``--reviews``, else ``REPO/reviews``; an input error when neither is given."""
    if reviews is not None:
        return reviews
    if repo is None:
        raise InputError("give --reviews FOLDER (and --repo REPO to link fixes)")
    return repo / "reviews"


def ledger_for(
    repo: Path | None,
    reviews: Path | None,
    *,
    cache_dir: Path | None = None,
    at: str = "HEAD",
    reviews_from_git: str | None = None,
) -> Ledger:
    """The ledger every ledger command shows: vocabulary from the repo's pyproject, warnings on stderr.

    At HEAD the issue keys it hands out are recorded in ``reviews/issue-keys.json``.
    """
    from reviewkit.config import load_vocabulary
    from reviewkit.track.ledger_cache import load_ledger

    folder = reviews_folder(repo, reviews)
    vocabulary = load_vocabulary(repo / "pyproject.toml" if repo is not None else None)
    with stage_progress() as tick:
        ledger = load_ledger(
            repo, folder, at=at, reviews_from_git=reviews_from_git, cache_dir=cache_dir, vocabulary=vocabulary,
            record_keys=at == "HEAD", on_progress=tick,
        )  # fmt: skip
    degraded = [d.path for d in ledger.documents if any(not w.message.startswith(_NOT_A_REVIEW) for w in d.warnings)]
    if degraded:
        note(
            f"reviewkit: {len(degraded)} document(s) with parse warnings (first: {degraded[0]}); see `reviewkit parse`"
        )
    for warning in ledger.warnings:
        note(f"reviewkit: {warning}")
    return ledger
