"""``reviewkit parse`` and ``reviewkit schema``. TODO(parser): table output, warnings."""

from __future__ import annotations

from pathlib import Path

import typer

from reviewkit.cli.common import DataFormat, emit_json
from reviewkit.parse import parse_paths


def parse(
    paths: list[Path] = typer.Argument(..., help="Review files or folders (searched for *.md)."),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table or json."),
) -> int:
    """Parse review documents into findings, scores and metadata.

    Example: reviewkit parse reviews/ --format json
    """
    docs = parse_paths(paths)
    emit_json({"documents": [d.model_dump(mode="json") for d in docs]})
    return 0


def schema() -> int:
    """Print the JSON Schema of `reviewkit parse --format json`.

    Example: reviewkit schema > parse.schema.json
    """
    emit_json({})
    return 0
