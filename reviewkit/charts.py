"""Charts from the ledger's frames: one function per question, each returning a matplotlib ``Axes``.

Every function takes the frame(s) it needs (columns as in :mod:`reviewkit.frames`) and ``ax=None``.
Without ``ax`` it makes its own :class:`matplotlib.figure.Figure` (never pyplot: no global state),
so the library is safe in servers and tests; saving and showing are the caller's job
(``ax.figure.savefig(...)``, or the figure as a notebook cell's value).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

__all__ = [
    "SEVERITY_COLORS",
    "SEVERITY_ORDER",
    "dimension_heatmap",
    "fix_latency",
    "hotspots",
    "open_severity_trend",
    "score_deltas",
    "score_trajectory",
]

SEVERITY_ORDER: tuple[str, ...] = ("critical", "high", "medium", "low", "info")
SEVERITY_COLORS: dict[str, str] = {
    "critical": "#b2182b",
    "high": "#ef8a62",
    "medium": "#fddbc7",
    "low": "#67a9cf",
    "info": "#bababa",
}
"""One colour per severity, used by every chart and by the report."""

_EDGE = "#4d4d4d"  # medium is pale: every bar gets a dark edge so it stays visible on white
_GOOD, _BAD = "#1a9850", "#d73027"
_MEAN_COLOR = "#222222"
_DENSE = 12  # more rounds than this: no per-point annotations, vertical tick labels


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    figure = Figure(figsize=size, layout="constrained")
    return figure.add_subplot()


def _rounds_in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per round (round_order, round_label[, round_key]) in round order; labels may repeat."""
    columns = [c for c in ("round_order", "round_label", "round_key") if c in frame.columns]
    return frame[columns].drop_duplicates("round_order").sort_values("round_order").reset_index(drop=True)


def _round_names(rounds: pd.DataFrame) -> list[str]:
    """A name per row of ``rounds``: its label, or its key (folder) where two rounds share a label ("R1" twice)."""
    labels = [str(label) for label in rounds["round_label"]]
    if "round_key" not in rounds.columns:
        return labels
    repeated = {label for label in labels if labels.count(label) > 1}
    return [str(key) if label in repeated else label for label, key in zip(labels, rounds["round_key"], strict=True)]


def _round_ticks(ax: Axes, labels: list[str], *, axis: str = "x") -> None:
    """Round labels as ticks; many rounds get small vertical labels so none overlap."""
    dense = len(labels) > _DENSE
    kwargs: dict[str, object] = {"rotation": 90, "fontsize": "x-small"} if dense else {}
    if axis == "x":
        ax.set_xticks(range(len(labels)), labels, **kwargs)  # type: ignore[arg-type]
    else:
        ax.set_yticks(range(len(labels)), labels)


def _resolve_round(rounds: pd.DataFrame, name: str) -> int:
    """round_order of the round whose key (or, failing that, last round whose label) is ``name``."""
    if "round_key" in rounds.columns and (rounds["round_key"] == name).any():
        return int(rounds.loc[rounds["round_key"] == name, "round_order"].iloc[0])
    matches = rounds.loc[rounds["round_label"].astype(str) == name, "round_order"]
    if matches.empty:
        raise ValueError(f"no round {name!r}; rounds are {list(rounds['round_label'])}")
    return int(matches.iloc[-1])


def _severity_text(values: pd.Series) -> pd.Series:
    return values.astype("string").str.lower().fillna("info")


def _empty(ax: Axes, title: str, message: str) -> Axes:
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def score_trajectory(overall: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Overall score (/100) per reviewer across rounds, with the round mean as a bold line.

    ``overall``: :func:`reviewkit.frames.overall_frame` (round_order, round_label, reviewer, overall_100).
    """
    ax = _axes(ax, (9, 4.5))
    title = "Overall score per round"
    scored = overall.dropna(subset=["overall_100"])
    if scored.empty:
        return _empty(ax, title, "no overall scores in these reviews")
    rounds = _rounds_in_order(scored)
    position = {int(order): i for i, order in enumerate(rounds["round_order"])}
    for reviewer, rows in scored.groupby("reviewer", sort=True):
        rows = rows.sort_values("round_order")
        xs = [position[int(order)] for order in rows["round_order"]]
        ax.plot(xs, rows["overall_100"], marker="o", linewidth=1.2, alpha=0.7, label=str(reviewer))
    mean = scored.groupby("round_order")["overall_100"].mean()
    mean_ys = [float(mean[order]) for order in rounds["round_order"]]
    ax.plot(range(len(mean_ys)), mean_ys, color=_MEAN_COLOR, linewidth=3, marker="s", label="round mean")
    if len(mean_ys) <= _DENSE:
        for x, y in enumerate(mean_ys):
            ax.annotate(f"{y:.0f}", (x, y), textcoords="offset points", xytext=(0, 8), ha="center", fontweight="bold")
    _round_ticks(ax, _round_names(rounds))
    ax.set_ylim(0, 105)
    ax.set_xlabel("review round")
    ax.set_ylabel("overall score (/100)")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    small = "x-small" if scored["reviewer"].nunique() > 6 else "small"
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=small)
    return ax


def dimension_heatmap(dimensions: pd.DataFrame, *, top: int = 12, ax: Axes | None = None) -> Axes:
    """Mean dimension score (/10) per round: rows are dimensions, columns rounds, red low to green high.

    ``dimensions``: :func:`reviewkit.frames.dimensions_frame` (round_order, round_label, dimension, score_10).
    Only the ``top`` most often scored dimensions are shown; the weakest (in its latest round) is on top.
    """
    title = "Dimension scores by round (mean of reviewers, /10)"
    scored = dimensions.dropna(subset=["score_10"])
    if scored.empty:
        return _empty(_axes(ax, (8, 5)), title, "no dimension scores in these reviews")
    rounds = _rounds_in_order(scored)
    kept = scored["dimension"].value_counts().head(top).index
    if len(kept) < scored["dimension"].nunique():
        title += f" — {len(kept)} most scored of {scored['dimension'].nunique()} dimensions"
    table = scored[scored["dimension"].isin(kept)].pivot_table(
        index="dimension", columns="round_order", values="score_10", aggfunc="mean"
    )
    table = table.reindex(columns=list(rounds["round_order"]))
    last = table.ffill(axis=1).iloc[:, -1]
    table = table.loc[last.sort_values().index]
    ax = _axes(ax, (max(8.0, 0.3 * len(rounds) + 4), 0.4 * len(table) + 2.5))
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="RdYlGn", vmin=0, vmax=10, aspect="auto")
    if len(rounds) <= _DENSE:
        for (row, col), value in np.ndenumerate(values):
            if not np.isnan(value):
                ax.text(col, row, f"{value:.1f}", ha="center", va="center", fontsize="small")
    _round_ticks(ax, _round_names(rounds))
    ax.set_yticks(range(len(table.index)), [str(name) for name in table.index])
    ax.set_xlabel("review round")
    ax.set_ylabel("dimension")
    ax.set_title(title, fontsize="medium")
    ax.figure.colorbar(image, ax=ax, label="score (/10)")
    return ax


def score_deltas(
    dimensions: pd.DataFrame, *, before: str | None = None, after: str | None = None, ax: Axes | None = None
) -> Axes:
    """Change of each dimension's mean score between two rounds (default: the last two), as diverging bars.

    ``before``/``after`` are round keys (or labels). Green bars improved, red bars got worse.
    """
    ax = _axes(ax, (8, 4.5))
    scored = dimensions.dropna(subset=["score_10"])
    rounds = _rounds_in_order(scored) if not scored.empty else scored
    if len(rounds) < 2:
        return _empty(ax, "Score change per dimension", "needs at least two scored rounds")
    orders = list(rounds["round_order"])
    b = _resolve_round(rounds, before) if before else int(orders[-2])
    a = _resolve_round(rounds, after) if after else int(orders[-1])
    label = dict(zip(rounds["round_order"], _round_names(rounds), strict=True))
    means = scored.groupby(["round_order", "dimension"])["score_10"].mean()
    delta = (means.get(a, pd.Series(dtype=float)) - means.get(b, pd.Series(dtype=float))).dropna()
    title = f"Score change per dimension: {label[b]} → {label[a]}"
    if delta.empty:
        return _empty(ax, title, "no dimension scored in both rounds")
    delta = delta.sort_values()
    colors = [_GOOD if value > 0 else _BAD if value < 0 else "#999999" for value in delta]
    bars = ax.barh([str(name) for name in delta.index], delta.to_numpy(), color=colors, edgecolor=_EDGE)
    ax.bar_label(bars, labels=[f"{value:+.1f}" for value in delta], padding=3, fontsize="small")
    ax.axvline(0, color=_MEAN_COLOR, linewidth=1)
    reach = max(1.0, float(delta.abs().max())) * 1.3
    ax.set_xlim(-reach, reach)
    ax.set_xlabel("change in mean score (/10)")
    ax.set_ylabel("dimension")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return ax


def open_severity_trend(rounds: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Open CRITICAL and HIGH issues after each round (stacked), with new / fixed / recurring under each round.

    ``rounds``: :func:`reviewkit.frames.rounds_frame` (round_order, round_label, open_critical, open_high,
    new, fixed, recurring). With many rounds the per-round counts are left out so labels stay readable.
    """
    ax = _axes(ax, (9, 4.5))
    title = "Open CRITICAL / HIGH issues per round"
    if rounds.empty:
        return _empty(ax, title, "no rounds")
    ordered = rounds.sort_values("round_order")
    names = _round_names(ordered)
    dense = len(ordered) > _DENSE
    xs = np.arange(len(ordered))
    bottom = np.zeros(len(ordered))
    for severity, column in (("critical", "open_critical"), ("high", "open_high")):
        counts = ordered[column].fillna(0).to_numpy(dtype=float)
        ax.bar(xs, counts, bottom=bottom, color=SEVERITY_COLORS[severity], edgecolor=_EDGE, label=severity.upper())
        bottom += counts
    if dense:
        _round_ticks(ax, names)
        ax.set_xlabel("review round")
    else:
        for x, total in zip(xs, bottom, strict=True):
            ax.annotate(f"{total:.0f}", (x, total), textcoords="offset points", xytext=(0, 4), ha="center")
        ticks = [
            f"{name}\n+{row.new:.0f} new · {row.fixed:.0f} fixed\n{row.recurring:.0f} recurring"
            for name, row in zip(names, ordered.itertuples(), strict=True)
        ]
        ax.set_xticks(xs, ticks, fontsize="small")
        ax.set_xlabel("review round (all severities: new · fixed · recurring)")
    ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("open issues")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    return ax


def fix_latency(issues: pd.DataFrame, *, unit: str = "rounds", ax: Axes | None = None) -> Axes:
    """How long fixed issues stayed open, stacked by severity.

    ``issues``: :func:`reviewkit.frames.issues_frame`; ``unit`` is ``rounds``, ``days`` or ``commits``
    (the ``latency_<unit>`` column).
    """
    ax = _axes(ax, (8, 4.5))
    column = f"latency_{unit}"
    title = f"Time to fix ({unit})"
    fixed = issues.dropna(subset=[column])
    if fixed.empty:
        return _empty(ax, title, "no fixed issues yet")
    values = fixed[column].astype(float)
    severity = _severity_text(fixed["severity"])
    bins = _latency_bins(values, unit)
    bottom = np.zeros(len(bins) - 1)
    centres = (np.asarray(bins[:-1]) + np.asarray(bins[1:])) / 2
    widths = np.diff(bins) * 0.9
    for name in SEVERITY_ORDER:
        counts, _ = np.histogram(values[severity == name], bins=bins)
        if counts.any():
            ax.bar(
                centres,
                counts,
                width=widths,
                bottom=bottom,
                color=SEVERITY_COLORS[name],
                edgecolor=_EDGE,
                label=name.upper(),
            )
            bottom += counts
    if unit == "rounds" or float(values.max()) <= 20:
        ax.set_xticks(range(int(values.min()), int(values.max()) + 1))
    median = float(values.median())
    ax.axvline(median, color=_MEAN_COLOR, linestyle="--", linewidth=1.5, label=f"median {median:g} {unit}")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(
        "rounds an issue stayed open after it was first raised (0 = fixed before the next round)"
        if unit == "rounds"
        else f"{unit} from first report to fix"
    )
    ax.set_ylabel("fixed issues")
    ax.set_title(title)
    ax.legend(fontsize="small")
    return ax


def _latency_bins(values: pd.Series, unit: str) -> Sequence[float]:
    top = float(values.max())
    if unit == "rounds" or top <= 20:
        return [x - 0.5 for x in range(int(values.min()), int(top) + 2)]  # one bar per whole value
    return list(np.linspace(0, top, 11))


def hotspots(findings: pd.DataFrame, *, top: int = 10, ax: Axes | None = None) -> Axes:
    """Files with the most findings (all rounds), stacked by severity; the worst file is at the top.

    ``findings``: :func:`reviewkit.frames.findings_frame` (path, severity).
    """
    located = findings.dropna(subset=["path"])
    counts = pd.crosstab(located["path"].astype(str), _severity_text(located["severity"]))
    shown = min(top, len(counts))
    ax = _axes(ax, (8, 0.5 * max(shown, 3) + 1.5))
    title = "Findings per file" + (f" (top {top} of {len(counts)})" if len(counts) > top else "")
    if located.empty:
        return _empty(ax, title, "no finding names a file")
    counts = counts.reindex(columns=[s for s in SEVERITY_ORDER if s in counts.columns])
    counts = counts.assign(_total=counts.sum(axis=1)).sort_values("_total").drop(columns="_total").tail(top)
    left = np.zeros(len(counts))
    for name in counts.columns:
        values = counts[name].to_numpy(dtype=float)
        ax.barh(counts.index, values, left=left, color=SEVERITY_COLORS[name], edgecolor=_EDGE, label=name.upper())
        left += values
    for y, total in enumerate(left):
        ax.annotate(f"{total:.0f}", (total, y), textcoords="offset points", xytext=(4, 0), va="center")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, float(left.max()) * 1.15)
    ax.set_xlabel("findings (all rounds, all reviewers)")
    ax.set_ylabel("file")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize="small")
    return ax
