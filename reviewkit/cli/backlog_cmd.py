"""``reviewkit backlog``: open issues ranked for sprint planning."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from reviewkit.backlog import GroupBy, backlog_csv, backlog_json, backlog_markdown, build_backlog
from reviewkit.cli.common import note
from reviewkit.config import load_vocabulary
from reviewkit.track import Ledger, build_ledger

CACHE_HELP = "Cache folder (default: <git-dir>/reviewkit-cache; without git: no cache unless given)."


class BacklogFormat(StrEnum):
    markdown = "markdown"
    csv = "csv"
    json = "json"


def ledger_for(repo: Path | None, reviews: Path, cache_dir: Path | None) -> Ledger:
    """The ledger the track commands share: vocabulary from the repo's pyproject, warnings on stderr."""
    vocabulary = load_vocabulary(repo / "pyproject.toml" if repo is not None else None)
    ledger = build_ledger(repo, reviews, cache_dir=cache_dir, vocabulary=vocabulary, record_keys=True)
    for warning in ledger.warnings:
        note(f"reviewkit: {warning}")
    return ledger


def backlog(
    reviews: Path = typer.Option(..., "--reviews", help="Folder of review documents (*.md)."),
    repo: Path | None = typer.Option(None, "--repo", help="Git repository the reviews are about (omit: no git)."),
    group_by: GroupBy = typer.Option(GroupBy.file, "--group-by", help="file, dimension or none."),
    format: BacklogFormat = typer.Option(BacklogFormat.markdown, "--format", "-f", help="markdown, csv or json."),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help=CACHE_HELP),
) -> int:
    """Rank open issues by severity, consensus, times raised and age.

    Exit codes: 0 ok; 2 missing folder, malformed triage file or other input error.

    Example: reviewkit backlog --repo . --reviews reviews --group-by file --format markdown
    """
    ledger = ledger_for(repo, reviews, cache_dir)
    items = build_backlog(ledger)
    closed_by_triage = sum(1 for issue in ledger.issues if issue.triage is not None and not issue.open)
    if closed_by_triage:  # say why an issue the team remembers is missing
        note(f"reviewkit: {closed_by_triage} issue(s) closed by a triage decision are not listed (see triage.toml)")
    render = {
        BacklogFormat.markdown: backlog_markdown,
        BacklogFormat.csv: backlog_csv,
        BacklogFormat.json: backlog_json,
    }
    sys.stdout.write(render[format](items, group_by))
    return 0
