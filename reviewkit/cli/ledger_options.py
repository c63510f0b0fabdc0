"""The options every ledger command shares, declared once, and the one helper that builds their ledger.

``status``, ``backlog``, ``export`` and ``report`` take the same ``--repo``, ``--reviews``,
``--reviews-from-git``, ``--at``, ``--cache-dir`` with the same defaults, and read
``[tool.reviewkit]`` (severity words, aliases) from the repository's ``pyproject.toml`` through
:func:`ledger_for` — so a severity never depends on which command ran.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
    problems = ledger.reading_problems()
    if problems:
        path, first_line, message = problems[0]
        count = len(dict.fromkeys(p for p, _, _ in problems))
        first = f"{path}:{first_line}: {message}" if first_line else f"{path}: {message}"
        note(f"reviewkit: {count} document(s) with parse warnings (first: {first}); see `reviewkit parse`")
    for line in warning_lines(ledger.warnings):
        note(f"reviewkit: {line}")
    return ledger


_BEYOND_SHALLOW = "named commit is missing from the shallow history"


def warning_lines(warnings: Sequence[str]) -> list[str]:
    """The ledger's warnings as stderr shows them: on a shallow clone, one line says what the missing history
    costs instead of one line per review naming a commit beyond it (the JSON keeps every warning)."""
    shallow = next((w for w in warnings if w.startswith("shallow clone")), None)
    if shallow is None:
        return list(warnings)
    beyond = {w.split(":", 1)[0] for w in warnings if _BEYOND_SHALLOW in w}
    rest = [w for w in warnings if w != shallow and not ("named commit" in w and w.split(":", 1)[0] in beyond)]
    if beyond:
        shallow += f"; {len(beyond)} document(s) name a commit before the cut: their statuses are left unknown"
    return [shallow, *rest]
