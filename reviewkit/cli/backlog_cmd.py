"""``reviewkit backlog``: open issues ranked for sprint planning."""

from __future__ import annotations

from enum import StrEnum

import typer

from reviewkit.backlog import GroupBy, backlog_csv, backlog_json, backlog_markdown, build_backlog
from reviewkit.cli.common import note
from reviewkit.cli.ledger_options import (
    AtOpt,
    CacheDirOpt,
    OutputOpt,
    RepoOpt,
    ReviewsFromGitOpt,
    ReviewsOpt,
    ledger_for,
    write_output,
)


class BacklogFormat(StrEnum):
    markdown = "markdown"
    csv = "csv"
    json = "json"


def backlog(
    reviews: ReviewsOpt = None,
    repo: RepoOpt = None,
    group_by: GroupBy = typer.Option(GroupBy.file, "--group-by", help="file, dimension or none."),
    format: BacklogFormat = typer.Option(BacklogFormat.markdown, "--format", "-f", help="markdown, csv or json."),
    cache_dir: CacheDirOpt = None,
    at: AtOpt = "HEAD",
    reviews_from_git: ReviewsFromGitOpt = None,
    output: OutputOpt = None,
) -> int:
    """Rank open issues by severity, consensus, times raised and age.

    Exit codes: 0 ok; 2 missing folder, malformed triage file or other input error.

    Example: reviewkit backlog --repo . --reviews reviews --group-by file --format markdown
    """
    ledger = ledger_for(repo, reviews, cache_dir=cache_dir, at=at, reviews_from_git=reviews_from_git)
    items = build_backlog(ledger)
    closed_by_triage = sum(1 for issue in ledger.issues if issue.triage is not None and not issue.open)
    if closed_by_triage:  # say why an issue the team remembers is missing
        note(f"reviewkit: {closed_by_triage} issue(s) closed by a triage decision are not listed (see triage.toml)")
    render = {
        BacklogFormat.markdown: backlog_markdown,
        BacklogFormat.csv: backlog_csv,
        BacklogFormat.json: backlog_json,
    }
    write_output(render[format](items, group_by), output)
    return 0
