"""``reviewkit report``: the stakeholder report as self-contained HTML or markdown."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from reviewkit.cli.common import EXIT_OK, note
from reviewkit.errors import InputError


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


def report(
    repo: Path | None = typer.Option(
        None, "--repo", help="The git repository the reviews are about (omit it: no fix tracking)."
    ),
    reviews: Path | None = typer.Option(None, "--reviews", help="Folder of review rounds (default: REPO/reviews)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="html or markdown."),
    title: str = typer.Option("Code review report", "--title", help="Title of the report."),
) -> int:
    """Write the stakeholder report: score trajectory, open CRITICAL/HIGH trend, top risks, what changed.

    HTML is one self-contained file (charts embedded, no network); markdown is for a pull
    request or a wiki page.

    Exit codes: 0 ok; 2 missing folder, not a git repository or other input error.

    Example: reviewkit report --repo reviewkit-demo -o report.html
    """
    if reviews is None:
        if repo is None:
            raise InputError("give --reviews FOLDER (and --repo REPO to track fixes)")
        reviews = repo / "reviews"
    write_report(repo, reviews, output, format=format, title=title)
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
    from reviewkit.report import render_html, render_markdown
    from reviewkit.track import build_ledger

    if not reviews.is_dir():
        raise InputError("reviews folder not found", path=str(reviews))
    ledger = build_ledger(repo, reviews, record_keys=True)
    for warning in ledger.warnings:
        note(f"reviewkit: {warning}")
    text = render_html(ledger, title=title) if format is ReportFormat.html else render_markdown(ledger, title=title)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
