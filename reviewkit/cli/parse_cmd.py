"""``reviewkit parse`` and ``reviewkit schema``: documents → findings, scores and metadata."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel, ConfigDict, Field

from reviewkit.cli.common import EXIT_OK, DataFormat, emit_json
from reviewkit.config import load_vocabulary
from reviewkit.model import Document, Review, Severity
from reviewkit.parse import parse_paths
from reviewkit.sources import collect_sources


class ParseOutput(BaseModel):
    """What ``reviewkit parse --format json`` prints: every document parsed, in path order."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="reviewkit parse output")

    documents: tuple[Document, ...] = Field(description="Parsed documents, paths relative to the folder given.")


def parse(
    paths: list[Path] = typer.Argument(..., metavar="PATH", help="Review files or folders (searched for *.md)."),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table or json."),
    explain: bool = typer.Option(
        False, "--explain", help="Per document: kind and its signals; per finding: recognizer and source lines."
    ),
) -> int:
    """Parse review documents into findings, scores and metadata.

    Folders are searched for *.md; document paths are relative to the folder given. The house style
    in ./pyproject.toml's [tool.reviewkit] (severity words, id patterns, finding sections) is used.
    Bad documents become warnings in the output, not failures.

    Exit codes: 0 ok (warnings included); 2 a path that does not exist, or a usage error.

    Examples: `reviewkit parse reviews/ --format json`;
    `reviewkit parse --explain reviews/round-03/audit.md`
    """
    vocabulary = load_vocabulary(Path("pyproject.toml"))  # the house style of the project run in
    if explain:
        from reviewkit.parse.explain import explain as explain_source
        from reviewkit.parse.explain import render

        print("\n\n".join(render(explain_source(s, vocabulary)) for s in collect_sources(paths)))
        return EXIT_OK
    documents = parse_paths(paths, vocabulary)
    if format is DataFormat.json:
        emit_json(ParseOutput(documents=tuple(documents)).model_dump(mode="json"))
    else:
        _print_table(documents)
    return EXIT_OK


def schema() -> int:
    """Print the JSON Schema of `reviewkit parse --format json` (generated from the models).

    Exit codes: 0 ok; 2 usage error.

    Example: reviewkit schema > parse.schema.json
    """
    emit_json(parse_output_schema())
    return EXIT_OK


def parse_output_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the parse output, with its ``$schema`` key."""
    schema = ParseOutput.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


_SEVERITIES = tuple(Severity)


def _print_table(documents: list[Document]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(documents)} documents", show_lines=False)
    for column in ("document", "kind", "reviewer", "round", "score", *(s.value for s in _SEVERITIES), "warnings"):
        table.add_column(column, justify="right" if column in _NUMERIC_COLUMNS else "left")
    for doc in documents:
        for row in _rows(doc):
            table.add_row(*row)
    Console(file=sys.stdout, width=max(120, _terminal_width())).print(table)


_NUMERIC_COLUMNS = frozenset({"score", "warnings", *(s.value for s in _SEVERITIES)})


def _rows(doc: Document) -> list[list[str]]:
    warnings = str(len(doc.warnings)) if doc.warnings else ""
    if not doc.reviews:
        return [[doc.path, doc.kind.value, "", "", "", *([""] * len(_SEVERITIES)), warnings]]
    return [
        [
            doc.path if i == 0 else "",
            doc.kind.value if i == 0 else "",
            *_review_cells(review),
            warnings if i == 0 else "",
        ]
        for i, review in enumerate(doc.reviews)
    ]


def _review_cells(review: Review) -> list[str]:
    counts = Counter(f.severity for f in review.findings)
    score = ""
    if review.overall_score is not None:
        score = (
            f"{review.overall_score:g}/{review.overall_scale:g}"
            if review.overall_scale
            else f"{review.overall_score:g}"
        )
    return [review.reviewer or "", review.round or "", score, *(str(counts.get(s, "")) for s in _SEVERITIES)]


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


__all__ = ["ParseOutput", "parse", "parse_output_schema", "schema"]
