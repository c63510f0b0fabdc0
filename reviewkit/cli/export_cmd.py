"""``reviewkit export``: the ledger as CSV, Parquet, JSON or DefectDojo import JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from reviewkit.cli.backlog_cmd import CACHE_HELP, ledger_for
from reviewkit.cli.common import note
from reviewkit.errors import InputError
from reviewkit.export import ExportFormat, ExportTable, export_bytes


def export(
    reviews: Path = typer.Option(..., "--reviews", help="Folder of review documents (*.md)."),
    format: ExportFormat = typer.Option(..., "--format", "-f", help="csv, parquet, json or defectdojo."),
    repo: Path | None = typer.Option(None, "--repo", help="Git repository the reviews are about (omit: no git)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (required for parquet)."),
    table: ExportTable = typer.Option(ExportTable.issues, "--table", help="issues (one row per issue) or findings."),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help=CACHE_HELP),
) -> int:
    """Export tracked issues (or finding occurrences) for spreadsheets, dataframes or DefectDojo.

    DefectDojo: import the file as scan type "Generic Findings Import"; unique_id_from_tool is
    the issue key, so re-imports update findings. Exit codes: 0 ok; 2 input error (parquet without -o).

    Example: reviewkit export --repo . --reviews reviews --format defectdojo -o dojo.json
    """
    if format.binary and output is None:
        raise InputError(f"--format {format.value} writes binary data: give a file with -o")
    data = export_bytes(ledger_for(repo, reviews, cache_dir), format, table)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        note(f"reviewkit: wrote {output}")
    return 0
