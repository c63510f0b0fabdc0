"""``reviewkit check``: the CI gate over the review ledger at HEAD versus a base ref."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from reviewkit.check.gate import Gate, GatePolicy, GateResult, parse_fail_on
from reviewkit.check.runner import CheckRun, run_check
from reviewkit.cli.common import EXIT_CHECK_FAILED, EXIT_OK, note, stage_progress
from reviewkit.config import load_vocabulary
from reviewkit.errors import InputError, ReviewkitError
from reviewkit.model import Severity


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


def check(
    repo: Path = typer.Option(Path(), "--repo", help="The git repository (a clone with full history)."),
    reviews: Path | None = typer.Option(None, "--reviews", help="Folder of review documents [default: REPO/reviews]."),
    base: str | None = typer.Option(
        None,
        "--base",
        help="Compare with the ledger as of this ref (reviews and code at that commit). Default: the merge-base "
        "of HEAD with origin/$GITHUB_BASE_REF, origin/HEAD, origin/main or origin/master (first that exists); "
        "HEAD~1 when HEAD is on that branch or there is no remote; an empty ledger for a root commit.",
    ),
    fail_on: str = typer.Option(
        "critical,high",
        "--fail-on",
        help="Severities that fail the finding gates: everything at or above the least severe listed; "
        "'none' turns the finding gates off.",
    ),
    max_score_drop: str = typer.Option(
        "1",
        "--max-score-drop",
        help="Largest allowed drop, in points on the /10 scale, of a reviewer's dimension or overall score "
        "between their previous and the newest round; 'off' turns the score gate off.",
    ),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text, json, sarif, junit, github."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the output here instead of stdout."),
    sarif: Path | None = typer.Option(None, "--sarif", help="Also write SARIF here (for code scanning upload)."),
    allow_shallow: bool = typer.Option(
        False, "--allow-shallow", help="Run in a shallow clone anyway (statuses may be wrong: fixes get lost)."
    ),
    require_reviews: bool = typer.Option(
        False, "--require-reviews", help="Exit 2 when there is no review document to check (default: a warning)."
    ),
) -> int:
    """Fail when the branch adds an open finding at or above --fail-on, brings back fixed code, loses a fix
    commit, or drops a review score by more than --max-score-drop — unless the issue is triaged.

    "New" is by issue identity since the base, never by line. Triage decisions (won't fix, accepted risk,
    false positive, duplicate, deferred) exempt an issue: `reviewkit triage KEY --status accepted-risk --note …`.

    Exit codes: 0 the gate passed, 1 the gate failed, 2 usage or input error (unknown base ref; a shallow
    clone: use fetch-depth: 0). Never anything else, whatever the count.

    Example: reviewkit check --base origin/main --fail-on critical,high --format sarif -o reviewkit.sarif
    """
    policy = GatePolicy(fail_on=_fail_on(fail_on), max_score_drop=_score_limit(max_score_drop))
    folder = reviews if reviews is not None else repo / "reviews"
    try:
        vocabulary = load_vocabulary(repo / "pyproject.toml")
        with stage_progress() as tick:
            run = run_check(
                repo, folder, base=base, policy=policy, vocabulary=vocabulary, allow_shallow=allow_shallow,
                on_progress=tick,
            )  # fmt: skip
    except ReviewkitError:
        raise
    except Exception as e:  # a crash deep in a stage must never read as 1 = "the gate failed"
        raise ReviewkitError(f"check could not run: {type(e).__name__}: {e}") from e
    if require_reviews and not run.reviews_found:
        raise InputError("no review documents (*.md) to check", path=str(folder))
    _write(render(run, format, reviews=str(folder)), output)
    if sarif is not None:
        _write(render(run, CheckFormat.sarif), sarif)
    for line in run.notes:
        note(line)
    if format is not CheckFormat.text or output is not None:
        note(_human_summary(run.result, format, str(folder)))
    return EXIT_OK if run.result.passed else EXIT_CHECK_FAILED


def render(run: CheckRun, format: CheckFormat, *, reviews: str = "reviews") -> str:
    """The output text for ``format``; ``reviews`` names the folder in the triage hints."""
    from reviewkit import __version__
    from reviewkit.check.annotations import render_annotations
    from reviewkit.check.junit import render_junit
    from reviewkit.check.sarif import render_sarif
    from reviewkit.check.text import render_text

    result = run.result
    if format is CheckFormat.text:
        return render_text(result, reviews=reviews)
    if format is CheckFormat.junit:
        return render_junit(result)
    if format is CheckFormat.github:
        return render_annotations(result, reviews=reviews)
    if format is CheckFormat.sarif:
        data: Any = render_sarif(result, tool_version=__version__)
    else:
        data = gate_json(run)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def gate_json(run: CheckRun) -> dict[str, Any]:
    """The verdict as JSON: per-gate counts first, then the full result."""
    result = run.result
    gates = {
        gate.value: {"active": gate in result.policy.active_gates, "failures": len(result.failures(gate))}
        for gate in Gate
    }
    return {
        "passed": result.passed,
        "base_reason": run.base.why,
        "gates": gates,
        **result.model_dump(mode="json", exclude={"base": {"issues", "scores"}, "head": {"issues", "scores"}}),
    }


def _human_summary(result: GateResult, format: CheckFormat, reviews: str) -> str:
    from reviewkit.check.text import render_text, summary_line

    if format is CheckFormat.github:
        return render_text(result, reviews=reviews).rstrip("\n")
    return summary_line(result)


def _fail_on(text: str) -> Severity | None:
    try:
        return parse_fail_on(text)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--fail-on") from e


def _score_limit(text: str) -> float | None:
    if text.strip().lower() in ("off", "none"):
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also rejects nan
        raise typer.BadParameter(f"{text!r} is not a number ≥ 0 or 'off'", param_hint="--max-score-drop")
    return value


def _write(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path=str(path)) from e
