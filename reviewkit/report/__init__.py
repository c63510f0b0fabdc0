"""The stakeholder report: trajectory, open CRITICAL/HIGH trend, top risks, what changed.

``render_html(ledger)`` gives one self-contained HTML page (charts embedded as PNG);
``render_markdown(ledger)`` gives the same statements as markdown for a PR or wiki.
Both are pure: the caller writes the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from reviewkit import __version__, charts
from reviewkit.report.facts import ReportFacts, Risk, RoundLine, build_facts
from reviewkit.report.html import CHART_CAPTIONS, TABLE_ROUNDS, layout_html
from reviewkit.report.markdown import layout_markdown
from reviewkit.report.views import backlog, compared_rounds, restrict_rounds, reviewer_agreement, round_changes

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from reviewkit.track.records import Ledger

__all__ = [
    "CHART_CAPTIONS",
    "DEFAULT_TITLE",
    "ReportFacts",
    "ReportFrames",
    "Risk",
    "RoundLine",
    "backlog",
    "build_facts",
    "chart_images",
    "compared_rounds",
    "facts_from_ledger",
    "layout_html",
    "layout_markdown",
    "recent_rounds",
    "render_html",
    "render_markdown",
    "report_frames",
    "restrict_rounds",
    "reviewer_agreement",
    "round_changes",
]

DEFAULT_TITLE = "Code review report"
Progress = Callable[[str, int, int], None]


class ReportFrames(NamedTuple):
    """The frames the report reads, built once."""

    rounds: pd.DataFrame
    issues: pd.DataFrame
    findings: pd.DataFrame
    dimensions: pd.DataFrame
    overall: pd.DataFrame


def report_frames(ledger: Ledger) -> ReportFrames:
    """All frames of ``ledger`` the report and the notebooks use.

    ``rounds`` keeps only rounds with at least one review: folders holding only a fix summary or
    a synthesis are not review rounds of their own, and would flatten every trend at their end.
    """
    from reviewkit import frames

    rounds = frames.rounds_frame(ledger)
    return ReportFrames(
        rounds=rounds[rounds["n_reviewers"] > 0],
        issues=frames.issues_frame(ledger),
        findings=frames.findings_frame(ledger),
        dimensions=frames.dimensions_frame(ledger),
        overall=frames.overall_frame(ledger),
    )


def facts_from_ledger(ledger: Ledger, *, top: int = 5) -> ReportFacts:
    """The report's statements for ``ledger``."""
    f = report_frames(ledger)
    return _with_history_note(build_facts(f.rounds, f.issues, f.dimensions, top=top), ledger)


def _with_history_note(facts: ReportFacts, ledger: Ledger) -> ReportFacts:
    """What the numbers cannot see, said instead of looking exact: a shallow clone's missing history, and the
    documents that could not be read whole (their lost findings are not counted anywhere)."""
    problems = tuple(f"{path}:{line or 1}: {message}" for path, line, message in ledger.reading_problems())
    shallow = next((w for w in ledger.warnings if w.startswith("shallow clone")), None)
    note = f"Partial history — {shallow}. Fix statuses may be incomplete." if shallow else None
    return facts.model_copy(update={"history_note": note, "reading_problems": problems})


def _png(ax: Axes) -> bytes:
    buffer = io.BytesIO()
    figure = ax.get_figure(root=True)
    if figure is None:  # an Axes always belongs to a figure; this satisfies the type checker
        raise ValueError("axes without a figure")
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return buffer.getvalue()


def recent_rounds(frame: pd.DataFrame, rounds: pd.DataFrame, count: int = TABLE_ROUNDS) -> pd.DataFrame:
    """Rows of a per-round ``frame`` that belong to the last ``count`` rounds of ``rounds`` (by round_order)."""
    kept = rounds.sort_values("round_order")["round_order"].tail(count)
    return frame[frame["round_order"].isin(kept)]


def chart_images(f: ReportFrames, *, progress: Progress | None = None) -> dict[str, bytes]:
    """Every report chart rendered to PNG bytes, by name (see ``CHART_CAPTIONS``); ``progress("report", done,
    total)`` hears each one drawn.

    The heatmap shows the last ``TABLE_ROUNDS`` rounds: a cell per round of a long history is too small to read
    in the report's half-width panel.
    """
    drawings: tuple[tuple[str, Callable[[], Axes]], ...] = (
        ("trajectory", lambda: charts.score_trajectory(f.overall)),
        ("open_trend", lambda: charts.open_severity_trend(f.rounds)),
        ("deltas", lambda: charts.score_deltas(f.dimensions)),
        ("heatmap", lambda: charts.dimension_heatmap(recent_rounds(f.dimensions, f.rounds))),
        ("hotspots", lambda: charts.hotspots(f.findings, top=8)),
        ("latency", lambda: charts.fix_latency(f.issues)),
    )
    images: dict[str, bytes] = {}
    for n, (name, draw) in enumerate(drawings, start=1):
        images[name] = _png(draw())
        if progress is not None:
            progress("report", n, len(drawings))
    return images


def render_html(ledger: Ledger, *, title: str = DEFAULT_TITLE, progress: Progress | None = None) -> str:
    """One self-contained HTML page (inline CSS, base64 PNG charts, no network)."""
    f = report_frames(ledger)
    facts = _with_history_note(build_facts(f.rounds, f.issues, f.dimensions), ledger)
    images = chart_images(f, progress=progress)
    return layout_html(facts, images, title=title, footer=f"Generated by reviewkit {__version__}.")


def render_markdown(ledger: Ledger, *, title: str = DEFAULT_TITLE) -> str:
    """The report's statements as markdown (no images)."""
    return layout_markdown(facts_from_ledger(ledger), title=title)
