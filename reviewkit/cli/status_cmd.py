"""``reviewkit status``: every finding with its anchor, code location, status and fixing commit."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import typer

from reviewkit.cli.common import DataFormat, emit_json, note
from reviewkit.errors import InputError
from reviewkit.gitio import open_repo
from reviewkit.link import LinkResult, Progress, finding_row, link_documents
from reviewkit.model import Document, LinkedFinding
from reviewkit.parse import parse_document, parse_paths
from reviewkit.sources import source_from_bytes
from reviewkit.track.rows import RowKey, row_key, tracking_fields


def status(
    repo: Path = typer.Option(..., "--repo", help="The git repository the reviews are about."),
    reviews: Path = typer.Option(..., "--reviews", help="Folder of review documents (*.md)."),
    reviews_from_git: str | None = typer.Option(
        None,
        "--reviews-from-git",
        metavar="PATHSPEC",
        help="Read the reviews from git history under PATHSPEC (repo-relative, e.g. `reviews`): every document "
        "ever committed there, last version of each, deleted ones included. Given without PATHSPEC: "
        "the --reviews folder.",
    ),
    until: str = typer.Option("HEAD", "--until", help="Judge history up to this revision."),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table or json."),
) -> int:
    """Show each finding's anchor commit, resolved location, status and fixing commit.

    Exit codes: 0 ok; 2 not a git repository, missing folder or other input error.

    Example: reviewkit status --repo . --reviews reviews --format json
    """
    documents, root = _load(repo, reviews, reviews_from_git)
    tick = _progress()
    result = link_documents(repo, documents, reviews_root=root, until=until, progress=tick)
    if tick is not None:
        sys.stderr.write("\r\033[K")  # clear the progress line
    for warning in result.warnings:
        note(f"reviewkit: {warning}")
    if format is DataFormat.json:
        emit_json(status_json(result, tracking_fields(documents, result.findings, root)))
    else:
        sys.stdout.write(status_table(result.findings))
    return 0


def status_json(result: LinkResult, tracking: Mapping[RowKey, dict[str, Any]] | None = None) -> dict[str, object]:
    """The JSON document of ``status --format json``; ``tracking`` adds key, consensus and triage per row."""
    extra = tracking or {}
    return {
        "findings": [finding_row(lf) | extra.get(row_key(lf), {}) for lf in result.findings],
        "warnings": result.warnings,
        "shallow": result.shallow,
        "history_missing": result.history_missing,
    }


def status_table(findings: Sequence[LinkedFinding]) -> str:
    """A plain-text table: one line per finding occurrence."""
    header = f"{'document':<24} {'status':<10} {'fix':<8} {'conf':>4}  {'sev':<8} {'id':<10} {'location':<36} title"
    lines = [header, "-" * len(header)]
    for lf in findings:
        loc = next((x for x in lf.locations if x.resolved), lf.locations[0] if lf.locations else None)
        where = "" if loc is None or loc.path is None else f"{loc.path}:{loc.start}" if loc.start else loc.path
        sev = lf.finding.severity.value if lf.finding.severity else "-"
        fix, conf = (lf.fix.commit[:7], f"{lf.fix.confidence:.2f}") if lf.fix else ("-", "")
        lines.append(
            f"{lf.document[-24:]:<24} {lf.status.value:<10} {fix:<8} {conf:>4}  {sev:<8} {(lf.finding.id or '-'):<10} "
            f"{where[-36:]:<36} {lf.finding.title[:70]}"
        )
    return "\n".join(lines) + "\n"


def _load(repo: Path, reviews: Path, pathspec: str | None) -> tuple[list[Document], Path]:
    """Review documents from the folder, or from every version ever committed under ``pathspec``.

    Document paths are relative to the --reviews folder whenever they lie inside it (so a PATHSPEC naming one
    round folder keeps the round in the path), else relative to the PATHSPEC.
    """
    if pathspec is None:
        if not reviews.is_dir():
            raise InputError("not a folder", path=str(reviews))
        return parse_paths([reviews]), reviews
    reader = open_repo(repo)
    tree = reader.work_tree
    reviews_spec = _repo_relative(reviews, tree)
    spec = pathspec.strip().strip("/")
    if not spec:
        if tree is None:
            raise InputError("--reviews-from-git needs a PATHSPEC in a bare repository", path=str(repo))
        if reviews_spec is None:
            raise InputError("folder is not inside the repository; give a PATHSPEC", path=str(reviews))
        spec = reviews_spec
    committed = reader.documents_ever(spec or ".")
    if not committed:
        raise InputError(f"no review documents (*.md) were ever committed under {spec or '.'!r}", path=str(repo))
    base = spec if spec not in (".", "") else ""
    if reviews_spec is not None and all(_inside(c.path, reviews_spec) for c in committed):
        base = reviews_spec
    prefix = base + "/" if base else ""
    docs = [parse_document(source_from_bytes(c.path.removeprefix(prefix), c.data)) for c in committed]
    root = (tree / prefix) if tree is not None else reviews
    return docs, root


def _repo_relative(folder: Path, tree: Path | None) -> str | None:
    """``folder`` as a repo-relative posix path ("" for the root), or None when it is outside the work tree."""
    if tree is None:
        return None
    try:
        rel = folder.resolve().relative_to(tree.resolve()).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else rel


def _inside(path: str, folder: str) -> bool:
    """True when the repo-relative ``path`` lies in the repo-relative ``folder`` ("" is the root)."""
    return not folder or path.startswith(folder + "/")


def _progress() -> Progress | None:
    """A progress callback drawing on stderr when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    last: dict[str, int] = {}

    def tick(stage: str, done: int, total: int) -> None:
        if done - last.get(stage, -1000) >= 200 or done == total:
            last[stage] = done
            sys.stderr.write(f"\r{stage}: {done}/{total or '?'}   ")
            sys.stderr.flush()

    return tick
