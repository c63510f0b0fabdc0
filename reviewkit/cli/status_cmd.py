"""``reviewkit status``: every finding with its anchor, code location, status and fixing commit.

It shows the same ledger as ``backlog``, ``export`` and ``report`` (one pipeline, one cache, one
vocabulary): each row is a finding occurrence with its own link verdict, plus its issue's status and
the triage decision, so an occurrence never reads "open" without saying its issue was fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from reviewkit.cli.common import DataFormat, emit_json
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
from reviewkit.link import finding_row

if TYPE_CHECKING:
    from reviewkit.track import Ledger
    from reviewkit.track.records import TrackedFinding


def status(
    repo: RepoOpt = None,
    reviews: ReviewsOpt = None,
    reviews_from_git: ReviewsFromGitOpt = None,
    at: AtOpt = "HEAD",
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="table or json."),
    cache_dir: CacheDirOpt = None,
    output: OutputOpt = None,
    explain: bool = typer.Option(
        False, "--explain", help="After the table, each linked finding's anchor, fix and alternatives with evidence."
    ),
) -> int:
    """Show each finding's anchor commit, resolved location, status and fixing commit.

    Exit codes: 0 ok; 2 not a git repository, missing folder or other input error.

    Example: reviewkit status --repo . --reviews reviews --format json
    """
    ledger = ledger_for(repo, reviews, cache_dir=cache_dir, at=at, reviews_from_git=reviews_from_git)
    if format is DataFormat.json:
        emit_json(status_json(ledger), output)
    else:
        text = status_table(ledger.findings, _issue_status(ledger))
        if explain:
            text += "".join(explain_link(f) for f in ledger.findings if f.fix is not None or f.alternatives)
        write_output(text + reliability_note(), output)
    return 0


def explain_link(f: TrackedFinding) -> str:
    """Why a finding reads fixed (or which commits came close), in the words of the evidence."""
    sev = f.finding.severity.value if f.finding.severity else "-"
    lines = [f"\n{f.key}  {f.document}:{f.finding.line}  {f.finding.id or '-'} [{sev}] {f.finding.title[:80]}"]
    anchor = f.anchor
    how = f"{anchor.rule.value}" if anchor.rule else "none"
    lines.append(f"  anchor   {(anchor.commit or '-')[:7]}  ({how}{': ' + anchor.note if anchor.note else ''})")
    if f.fix is not None:
        lines.append(f"  fixed by {f.fix.commit[:7]}  confidence {f.fix.confidence:.2f}")
        lines += [f"             - {e}" for e in f.fix.evidence]
    for alt in f.alternatives:
        lines.append(f"  or       {alt.commit[:7]}  confidence {alt.confidence:.2f}")
        lines += [f"             - {e}" for e in alt.evidence]
    lines += [f"  note     {flag}" for flag in f.flags]
    return "\n".join(lines) + "\n"


def reliability_note() -> str:
    """How often a fix link at each confidence was right, as measured (``benchmarks/link_calibration.py``)."""
    import json
    from importlib import resources

    try:
        data = json.loads(resources.files("reviewkit.link").joinpath("reliability.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    rows = ", ".join(f"≥{r['floor']:.1f}: {r['right']:.0%} of {r['links']}" for r in data["rows"])
    return f"\nfix links right, by confidence ({data['measured_on']}): {rows}\n"


def _issue_status(ledger: Ledger) -> dict[str, str]:
    return {i.key: i.status.value for i in ledger.issues}


def status_json(ledger: Ledger) -> dict[str, object]:
    """The JSON document of ``status --format json``: one row per finding occurrence."""
    issue_status = _issue_status(ledger)
    return {
        "findings": [_row(f, issue_status) for f in ledger.findings],
        "warnings": list(ledger.warnings),
        "parse_warnings": [
            {"document": path, "line": line, "message": message} for path, line, message in ledger.reading_problems()
        ],
        "shallow": any(w.startswith("shallow clone") for w in ledger.warnings),
        "history_missing": next((w for w in ledger.warnings if w.startswith("shallow clone")), None),
    }


def _row(f: TrackedFinding, issue_status: dict[str, str]) -> dict[str, Any]:
    return finding_row(f) | {
        "key": f.key,
        "consensus": f.consensus,
        "consensus_of": f.consensus_of,
        "triage": f.triage.value if f.triage is not None else None,
        "issue_status": issue_status.get(f.key),
    }


def status_table(findings: Sequence[TrackedFinding], issue_status: dict[str, str]) -> str:
    """A plain-text table: one line per finding occurrence, with its issue's status and triage."""
    header = (
        f"{'document':<24} {'status':<10} {'issue':<10} {'triage':<14} {'fix':<8} {'conf':>4}  {'sev':<8} "
        f"{'id':<10} {'location':<36} title"
    )
    lines = [header, "-" * len(header)]
    for f in findings:
        loc = next((x for x in f.locations if x.resolved), f.locations[0] if f.locations else None)
        where = "" if loc is None or loc.path is None else f"{loc.path}:{loc.start}" if loc.start else loc.path
        sev = f.finding.severity.value if f.finding.severity else "-"
        fix, conf = (f.fix.commit[:7], f"{f.fix.confidence:.2f}") if f.fix else ("-", "")
        triage = f.triage.value if f.triage is not None else "-"
        lines.append(
            f"{f.document[-24:]:<24} {f.status.value:<10} {issue_status.get(f.key, '-'):<10} {triage:<14} {fix:<8} "
            f"{conf:>4}  {sev:<8} {(f.finding.id or '-'):<10} {where[-36:]:<36} {f.finding.title[:70]}"
        )
    return "\n".join(lines) + "\n"
