"""``reviewkit demo``: build the built-in example (and optionally its report)."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

from reviewkit.cli.common import EXIT_OK, note
from reviewkit.demo import build_demo


def demo(
    directory: Path = typer.Argument(Path("reviewkit-demo"), help="Where to build it (new or empty directory)."),
    report: Path | None = typer.Option(
        None, "--report", help="Also write the stakeholder report (HTML) of the demo to this file."
    ),
    force: bool = typer.Option(
        False, "--force", help="Rebuild DIRECTORY if it holds an earlier demo (any other content is refused)."
    ),
) -> int:
    """Build the built-in example: a small service's git history with four review rounds.

    Three reviewers in three formats, fix commits, a regression, fix summaries and a triage
    file; the same repository on every machine (fixed authors and dates).

    Exit codes: 0 ok; 2 DIRECTORY is not empty (and, with --force, not an earlier demo).

    Example: reviewkit demo reviewkit-demo --report report.html
    """
    if force and _is_earlier_demo(directory):
        shutil.rmtree(directory)
    info = build_demo(directory)
    note(f"Built the demo in {info.repo}: {len(info.rounds)} review rounds by {', '.join(info.reviewers)}.")
    if report is not None:
        from reviewkit.cli.report_cmd import write_report

        write_report(info.repo, info.reviews, report)
        note(f"Report written to {report}; open it in a browser.")
        return EXIT_OK
    note(f"Next: reviewkit report --repo {info.repo} --reviews {info.reviews} -o report.html")
    return EXIT_OK


def _is_earlier_demo(directory: Path) -> bool:
    """True for a directory an earlier ``reviewkit demo`` built: only then may --force remove it."""
    if not directory.is_dir():
        return False
    return all((directory / part).is_dir() for part in (".git", "src/shop", "reviews/round-01"))
