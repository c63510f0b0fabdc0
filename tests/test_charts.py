"""Charts: small hand-built frames with the contract columns; assertions on what each Axes shows."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from reviewkit import charts
from reviewkit.charts import SEVERITY_COLORS

ROUNDS = ["round-01", "round-02", "round-03"]


def _overall() -> pd.DataFrame:
    scores = {"grok": [45, 57, 68], "gemini": [52, 58, 68], "gpt": [42, 53, 65]}
    rows = [
        {"round_key": r, "round_label": r, "round_order": i, "reviewer": who, "overall_100": s[i]}
        for who, s in scores.items()
        for i, r in enumerate(ROUNDS)
    ]
    # shuffled input: the chart must put rounds in round_order, not in row order
    return pd.DataFrame(rows).sample(frac=1, random_state=3)


def _dimensions() -> pd.DataFrame:
    scores = {"Security": [3, 6, 8], "Testing": [3, 4, 5], "Architecture": [6, 7, 7]}
    rows = [
        {
            "round_key": r,
            "round_label": r,
            "round_order": i,
            "reviewer": who,
            "dimension": dim,
            "score_10": s[i] + (0.5 if who == "gpt" else 0.0),
        }
        for dim, s in scores.items()
        for i, r in enumerate(ROUNDS)
        for who in ("grok", "gpt")
    ]
    return pd.DataFrame(rows)


def _bars(ax: matplotlib.axes.Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() != 0 and p.get_width() != 0]


def _tick_texts(ax: matplotlib.axes.Axes, axis: str = "x") -> list[str]:
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks]


def test_no_pyplot_state_is_created() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    charts.score_trajectory(_overall())
    assert plt.get_fignums() == before


def test_score_trajectory_has_a_line_per_reviewer_and_the_round_mean() -> None:
    ax = charts.score_trajectory(_overall())
    labels = [line.get_label() for line in ax.get_lines()]
    assert sorted(labels) == ["gemini", "gpt", "grok", "round mean"]
    assert _tick_texts(ax) == ROUNDS
    mean = next(line for line in ax.get_lines() if line.get_label() == "round mean")
    assert list(mean.get_ydata()) == pytest.approx([(45 + 52 + 42) / 3, 56.0, (68 + 68 + 65) / 3])
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_charts_draw_into_a_given_axes() -> None:
    figure = matplotlib.figure.Figure()
    ax = figure.add_subplot()
    assert charts.score_trajectory(_overall(), ax=ax) is ax


def test_dimension_heatmap_puts_rounds_in_columns_and_weakest_dimension_first() -> None:
    ax = charts.dimension_heatmap(_dimensions())
    assert _tick_texts(ax) == ROUNDS
    assert _tick_texts(ax, "y") == ["Testing", "Architecture", "Security"]
    image = ax.get_images()[0].get_array()
    assert image[0, 0] == pytest.approx(3.25)  # Testing, round-01: mean of 3 and 3.5
    assert "3.2" in [t.get_text() for t in ax.texts]


def test_score_deltas_compare_the_last_two_rounds_by_default() -> None:
    ax = charts.score_deltas(_dimensions())
    assert "round-02 → round-03" in ax.get_title()
    widths = {t.get_text(): bar.get_width() for t, bar in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    assert widths == {"Architecture": pytest.approx(0.0), "Testing": pytest.approx(1.0), "Security": pytest.approx(2.0)}
    assert _tick_texts(ax, "y") == ["Architecture", "Testing", "Security"]


def test_score_deltas_colour_gains_green_and_losses_red() -> None:
    ax = charts.score_deltas(_dimensions(), before="round-03", after="round-01")
    colours = {to_hex(bar.get_facecolor()) for bar in _bars(ax)}
    assert colours == {"#d73027"}  # every dimension is worse in round-01 than in round-03


def test_open_severity_trend_stacks_critical_under_high_with_counts_in_ticks() -> None:
    rounds = pd.DataFrame(
        {
            "round_key": ROUNDS,
            "round_label": ROUNDS,
            "round_order": [0, 1, 2],
            "open_critical": [2, 0, 1],
            "open_high": [1, 2, 0],
            "new": [7, 4, 3],
            "fixed": [0, 3, 2],
            "recurring": [0, 3, 2],
        }
    )
    ax = charts.open_severity_trend(rounds)
    bars = _bars(ax)
    critical = [b for b in bars if to_hex(b.get_facecolor()) == SEVERITY_COLORS["critical"]]
    high = [b for b in bars if to_hex(b.get_facecolor()) == SEVERITY_COLORS["high"]]
    assert [b.get_height() for b in critical] == [2, 1]
    assert [(b.get_y(), b.get_height()) for b in high] == [(2, 1), (0, 2)]
    ticks = _tick_texts(ax)
    assert ticks[1].startswith("round-02") and "+4 new" in ticks[1] and "3 fixed" in ticks[1]


def test_fix_latency_counts_fixed_issues_by_severity() -> None:
    issues = pd.DataFrame(
        {
            "key": ["a", "b", "c", "d"],
            "severity": pd.Categorical(
                ["critical", "high", "high", "low"], categories=list(charts.SEVERITY_ORDER), ordered=True
            ),
            "latency_rounds": [1.0, 1.0, 2.0, np.nan],
        }
    )
    ax = charts.fix_latency(issues)
    heights = {(round(b.get_x() + b.get_width() / 2), to_hex(b.get_facecolor())): b.get_height() for b in _bars(ax)}
    assert heights == {
        (1, SEVERITY_COLORS["critical"]): 1,
        (1, SEVERITY_COLORS["high"]): 1,
        (2, SEVERITY_COLORS["high"]): 1,
    }
    assert any("median 1" in str(line.get_label()) for line in ax.get_lines())


def test_hotspots_orders_files_by_count_worst_on_top() -> None:
    findings = pd.DataFrame(
        {
            "path": ["src/db.py", "src/db.py", "src/cache.py", None, "src/db.py", "src/api.py", "src/cache.py"],
            "severity": ["critical", "high", "medium", "high", "critical", "low", "medium"],
        }
    )
    ax = charts.hotspots(findings, top=2)
    assert _tick_texts(ax, "y") == ["src/cache.py", "src/db.py"]  # barh: last label is drawn on top
    critical = [b for b in _bars(ax) if to_hex(b.get_facecolor()) == SEVERITY_COLORS["critical"]]
    assert [b.get_width() for b in critical] == [2]


@pytest.mark.parametrize(
    ("chart", "frame"),
    [
        (charts.score_trajectory, pd.DataFrame(columns=["round_label", "round_order", "reviewer", "overall_100"])),
        (charts.dimension_heatmap, pd.DataFrame(columns=["round_label", "round_order", "dimension", "score_10"])),
        (charts.score_deltas, pd.DataFrame(columns=["round_label", "round_order", "dimension", "score_10"])),
        (charts.fix_latency, pd.DataFrame(columns=["severity", "latency_rounds"])),
        (charts.hotspots, pd.DataFrame(columns=["path", "severity"])),
    ],
)
def test_empty_frames_give_a_titled_axes_with_a_message(chart: object, frame: pd.DataFrame) -> None:
    ax = chart(frame)  # type: ignore[operator]
    assert ax.get_title()
    assert ax.texts and ax.texts[0].get_text()


def test_rounds_with_the_same_label_stay_apart() -> None:
    overall = pd.DataFrame(
        {
            "round_key": ["arch/round-1", "prod/r1", "prod/r2"],
            "round_label": ["R1", "R1", "R2"],
            "round_order": [0, 1, 2],
            "reviewer": ["grok"] * 3,
            "overall_100": [40.0, 60.0, 70.0],
        }
    )
    ax = charts.score_trajectory(overall)
    # two ticks reading "R1" could not be told apart at a glance: a repeated label gives way to the round's folder
    assert _tick_texts(ax) == ["arch/round-1", "prod/r1", "R2"]
    mean = next(line for line in ax.get_lines() if line.get_label() == "round mean")
    assert list(mean.get_ydata()) == [40.0, 60.0, 70.0]


def test_many_rounds_get_vertical_labels_and_no_per_bar_counts() -> None:
    n = 30
    labels = [f"R{i}" for i in range(n)]
    rounds = pd.DataFrame(
        {
            "round_key": labels,
            "round_label": labels,
            "round_order": range(n),
            "open_critical": [1] * n,
            "open_high": [2] * n,
            "new": [1] * n,
            "fixed": [0] * n,
            "recurring": [0] * n,
        }
    )
    ax = charts.open_severity_trend(rounds)
    assert _tick_texts(ax) == labels
    assert all(t.get_rotation() == 90 for t in ax.get_xticklabels())
    assert not ax.texts


def test_repeated_round_labels_are_named_by_folder_in_every_round_chart() -> None:
    keys, labels = ["prod-r16", "v2-r16", "v2-r17"], ["R16", "R16", "R17"]
    rounds = pd.DataFrame(
        {
            "round_key": keys,
            "round_label": labels,
            "round_order": [0, 1, 2],
            "open_critical": [1, 1, 0],
            "open_high": [0, 1, 1],
            "new": [1, 1, 0],
            "fixed": [0, 0, 1],
            "recurring": [0, 1, 1],
        }
    )
    trend_ticks = _tick_texts(charts.open_severity_trend(rounds))
    assert [t.splitlines()[0] for t in trend_ticks] == ["prod-r16", "v2-r16", "R17"]
    dims = _dimensions().assign(
        round_key=lambda f: f["round_order"].map(dict(enumerate(keys))),
        round_label=lambda f: f["round_order"].map(dict(enumerate(labels))),
    )
    assert _tick_texts(charts.dimension_heatmap(dims)) == ["prod-r16", "v2-r16", "R17"]
    assert charts.score_deltas(dims, before="prod-r16", after="v2-r16").get_title().endswith("prod-r16 → v2-r16")
