"""``reviewkit export``: the ledger as CSV, Parquet, JSON or DefectDojo import JSON."""

from __future__ import annotations

import sys

import typer

from reviewkit.cli.common import note
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
from reviewkit.export import ExportFormat, ExportTable, export_bytes


def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="csv, parquet, json or defectdojo."),
    reviews: ReviewsOpt = None,
    repo: RepoOpt = None,
    output: OutputOpt = None,
    table: ExportTable = typer.Option(ExportTable.issues, "--table", help="issues (one row per issue) or findings."),
    cache_dir: CacheDirOpt = None,
    at: AtOpt = "HEAD",
    reviews_from_git: ReviewsFromGitOpt = None,
) -> int:
    """Export tracked issues (or finding occurrences) for spreadsheets, dataframes or DefectDojo.

    DefectDojo: import the file as scan type "Generic Findings Import"; unique_id_from_tool is
    the issue key, so re-imports update findings. Exit codes: 0 ok; 2 input error (parquet without -o).

    Example: reviewkit export --repo . --reviews reviews --format defectdojo -o dojo.json
    """
    if format.binary and output is None:
        raise InputError(f"--format {format.value} writes binary data: give a file with -o")
    ledger = ledger_for(repo, reviews, cache_dir=cache_dir, at=at, reviews_from_git=reviews_from_git)
    data = export_bytes(ledger, format, table)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        note(f"reviewkit: wrote {output}")
    return 0
