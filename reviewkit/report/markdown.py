"""Lay out :class:`~reviewkit.report.facts.ReportFacts` as markdown for a pull request or wiki page."""

from __future__ import annotations

from collections.abc import Sequence

from reviewkit.mdtext import markdown_cell
from reviewkit.report.facts import ROUND_TABLE_HEADERS, ReportFacts, Risk
from reviewkit.report.html import LIST_LIMIT, TABLE_ROUNDS

__all__ = ["layout_markdown"]


def _risks(risks: Sequence[Risk], empty: str) -> list[str]:
    if not risks:
        return [f"_{empty}_", ""]
    lines = [
        f"- **{risk.severity.upper()}** {markdown_cell(risk.sentence)} `{risk.key}`" for risk in risks[:LIST_LIMIT]
    ]
    if len(risks) > LIST_LIMIT:
        lines.append(f"- … and {len(risks) - LIST_LIMIT} more (see `reviewkit backlog`).")
    return [*lines, ""]


def layout_markdown(facts: ReportFacts, *, title: str) -> str:
    """Headline, round table, top risks, and what changed since the previous round."""
    out = [f"# {title}", "", f"> {facts.headline}", ""]
    if facts.history_note:
        out += [f"> **{facts.history_note}**", ""]
    if facts.reading_problems:
        out += [f"> **{len(facts.reading_problems)} problem(s) reading the reviews** (findings there may be missing):"]
        out += [*(f"> - `{p}`" for p in facts.reading_problems), ""]
    out += [
        "## Rounds",
        "",
        "| " + " | ".join(ROUND_TABLE_HEADERS) + " |",
        "|---|---|" + "---:|" * (len(ROUND_TABLE_HEADERS) - 2),
    ]
    for r in facts.rounds[-TABLE_ROUNDS:]:
        out.append("| " + " | ".join(markdown_cell(c) for c in r.cells()) + " |")
    out += ["", "## Top risks", ""]
    out += _risks(facts.top_risks, "No open issues.")
    out.append(f"{facts.triaged} issue(s) closed by a recorded human decision (triage).")
    out += ["", f"## What changed since {facts.previous}" if facts.previous else "## What this round found", ""]
    out += ["### Came back after a fix", "", *_risks(facts.regressions, "No regressions.")]
    out += ["### Fixed", "", *_risks(facts.fixed_since, "Nothing fixed since the previous round.")]
    out += ["### New this round", "", *_risks(facts.new_in_latest, "No new issues.")]
    if facts.improved or facts.worsened:
        moves = [f"{name} {delta:+.1f}" for name, delta in (*facts.improved, *facts.worsened)]
        out += ["### Dimension scores", "", ", ".join(moves), ""]
    return "\n".join(out).rstrip() + "\n"
