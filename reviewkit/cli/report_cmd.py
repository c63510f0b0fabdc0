"""``reviewkit report``: the stakeholder report as self-contained HTML or markdown."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from reviewkit.cli.common import EXIT_OK, note, stage_progress
from reviewkit.cli.ledger_options import (
    AtOpt,
    CacheDirOpt,
    OutputOpt,
    RepoOpt,
    ReviewsFromGitOpt,
    ReviewsOpt,
    ledger_for,
)
from reviewkit.errors import InputError

if TYPE_CHECKING:
    from reviewkit.track import Ledger
    from reviewkit.track.cache import StageCache


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


def report(
    repo: RepoOpt = None,
    reviews: ReviewsOpt = None,
    output: OutputOpt = None,
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="html or markdown."),
    title: str = typer.Option("Code review report", "--title", help="Title of the report."),
    cache_dir: CacheDirOpt = None,
    at: AtOpt = "HEAD",
    reviews_from_git: ReviewsFromGitOpt = None,
) -> int:
    """Write the stakeholder report: score trajectory, open CRITICAL/HIGH trend, top risks, what changed.

    HTML is one self-contained file (charts embedded, no network); markdown is for a pull
    request or a wiki page.

    Exit codes: 0 ok; 2 missing folder, not a git repository or other input error.

    Example: reviewkit report --repo reviewkit-demo -o report.html
    """
    from reviewkit.track.ledger_cache import stage_cache

    ledger = ledger_for(repo, reviews, cache_dir=cache_dir, at=at, reviews_from_git=reviews_from_git)
    write_report_of(ledger, output, format=format, title=title, cache=stage_cache(repo, cache_dir))
    if output is not None:
        note(f"Report written to {output}")
    return EXIT_OK


def write_report(
    repo: Path | None,
    reviews: Path,
    output: Path | None,
    *,
    format: ReportFormat = ReportFormat.html,
    title: str = "Code review report",
) -> None:
    """Build the ledger, render the report, write it to ``output`` (or stdout)."""
    if not reviews.is_dir():
        raise InputError("reviews folder not found", path=str(reviews))
    write_report_of(ledger_for(repo, reviews), output, format=format, title=title)


def write_report_of(
    ledger: Ledger,
    output: Path | None,
    *,
    format: ReportFormat = ReportFormat.html,
    title: str = "Code review report",
    cache: StageCache | None = None,
) -> None:
    """Render the report of ``ledger`` and write it to ``output`` (or stdout); ``cache`` keeps the rendered
    text by the ledger's content, so a report of an unchanged ledger draws no chart again."""
    from reviewkit import __version__
    from reviewkit.track.ledger_cache import rendered

    def render() -> str:
        from reviewkit.report import render_html, render_markdown

        if format is not ReportFormat.html:
            return render_markdown(ledger, title=title)
        with stage_progress() as tick:
            return render_html(ledger, title=title, progress=tick)

    text = render() if cache is None else rendered(cache, "report", ledger, (format.value, title, __version__), render)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
