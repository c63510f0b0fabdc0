"""Lay out :class:`~reviewkit.report.facts.ReportFacts` and chart images as one self-contained HTML page.

Everything is inline (CSS, PNG images as base64 data URIs): the file opens from disk with no network.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from html import escape

from reviewkit.charts import SEVERITY_COLORS
from reviewkit.report.facts import ROUND_TABLE_HEADERS, ReportFacts, Risk

__all__ = ["CHART_CAPTIONS", "layout_html"]

CHART_CAPTIONS: Mapping[str, str] = {
    "trajectory": "Overall score per reviewer and the round mean (higher is better).",
    "open_trend": "Open CRITICAL and HIGH issues after each round; under each round: new, fixed and recurring issues.",
    "deltas": "How each dimension's mean score moved since the previous round.",
    "heatmap": "Mean dimension score per round (red low, green high).",
    "hotspots": "Files the reviews point at most, by severity.",
    "latency": "How many rounds fixed issues stayed open.",
}
"""Chart name → the sentence shown under it."""

LIST_LIMIT = 10
"""Issues listed per section; the rest are counted."""
TABLE_ROUNDS = 12
"""Rounds in the trajectory table (the most recent); the chart shows all."""

_CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;background:#f4f5f7;color:#1f2328}
main{max-width:1100px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:1.7rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:36px 0 8px;border-bottom:2px solid #e6e8eb;padding-bottom:4px}
.sub{color:#57606a;margin:0 0 16px}
.warning{background:#fff8c5;border-left:5px solid #bf8700;padding:8px 16px}
.headline{font-size:1.1rem;background:#f6f8fa;border-left:5px solid #1f6feb;padding:12px 16px}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.tile{flex:1 1 150px;border:1px solid #d0d7de;border-radius:8px;padding:10px 14px}
.tile .n{font-size:1.9rem;font-weight:700}
.tile .l{color:#57606a;font-size:.85rem}
.up{color:#1a7f37}
.down{color:#cf222e}
figure{margin:12px 0}
figure img{max-width:100%;border:1px solid #e6e8eb}
figcaption{color:#57606a;font-size:.9rem}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #e6e8eb;padding:6px 8px;text-align:left}
th{background:#f6f8fa}
td.num{text-align:right}
.sev{display:inline-block;min-width:64px;text-align:center;border-radius:4px;
 padding:1px 6px;font-size:.78rem;font-weight:700;border:1px solid #4d4d4d}
ul.risks{list-style:none;padding:0}
ul.risks li{margin:8px 0;line-height:1.45}
.key{font-family:ui-monospace,Menlo,monospace;color:#57606a;font-size:.8rem}
.muted{color:#57606a}
footer{margin-top:40px;color:#8c959f;font-size:.8rem}
"""


def _badge(severity: str) -> str:
    color = SEVERITY_COLORS.get(severity, SEVERITY_COLORS["info"])
    text_color = "#fff" if severity in ("critical", "low") else "#1f2328"
    return f'<span class="sev" style="background:{color};color:{text_color}">{escape(severity.upper())}</span>'


DENSE_CAPTIONS: Mapping[str, str] = {
    "open_trend": "Open CRITICAL and HIGH issues after each round (the rounds table gives new, fixed and recurring).",
    "heatmap": "Mean dimension score in the last {shown} of {total} rounds (red low, green high).",
}
"""Captions for histories longer than ``TABLE_ROUNDS``, where the charts drop per-round detail or old rounds."""


def _figure(name: str, png: bytes | None, caption_text: str | None = None) -> str:
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    caption = escape(caption_text if caption_text is not None else CHART_CAPTIONS.get(name, ""))
    return (
        f'<figure id="chart-{name}"><img alt="{caption}" src="data:image/png;base64,{data}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _risk_items(risks: Sequence[Risk], empty: str) -> str:
    if not risks:
        return f'<p class="muted">{escape(empty)}</p>'
    items = []
    for risk in risks[:LIST_LIMIT]:
        items.append(
            f'<li>{_badge(risk.severity)} {escape(risk.sentence)} <span class="key">{escape(risk.key)}</span></li>'
        )
    more = len(risks) - LIST_LIMIT
    if more > 0:
        items.append(f'<li class="muted">… and {more} more (see <code>reviewkit backlog</code>).</li>')
    return '<ul class="risks">' + "".join(items) + "</ul>"


def _tiles(facts: ReportFacts) -> str:
    last = facts.rounds[-1] if facts.rounds else None
    score = "–" if last is None or last.mean_score is None else f"{last.mean_score:.0f}"
    delta = ""
    if facts.score_delta is not None:
        cls = "up" if facts.score_delta > 0 else "down" if facts.score_delta < 0 else ""
        delta = f' <span class="{cls}">({facts.score_delta:+.0f})</span>'
    tiles = [
        (f"{score}{delta}", f"mean score, {facts.latest or '–'} (/100)"),
        (str(facts.open_counts.get("critical", 0)), "CRITICAL open now"),
        (str(facts.open_counts.get("high", 0)), "HIGH open now"),
        (str(len(facts.regressions)), "regressions (fixed, then back)"),
        (str(len(facts.fixed_since)), f"fixed since {facts.previous or 'the start'}"),
    ]
    body = "".join(
        f'<div class="tile"><div class="n">{n}</div><div class="l">{escape(label)}</div></div>' for n, label in tiles
    )
    return f'<div class="tiles">{body}</div>'


def _rounds_table(facts: ReportFacts) -> str:
    head = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in ROUND_TABLE_HEADERS) + "</tr>"
    shown = facts.rounds[-TABLE_ROUNDS:]
    note = ""
    if len(facts.rounds) > len(shown):
        note = f'<p class="muted">The last {len(shown)} of {len(facts.rounds)} rounds; the chart shows them all.</p>'
    rows = "".join(
        "<tr>"
        + "".join(f"<td{'' if n < 2 else ' class=num'}>{escape(c)}</td>" for n, c in enumerate(r.cells()))
        + "</tr>"
        for r in shown
    )
    return f"<table>{head}{rows}</table>{note}"


def _dimension_moves(facts: ReportFacts) -> str:
    def line(items: Sequence[tuple[str, float]], cls: str) -> str:
        return ", ".join(f'{escape(name)} <span class="{cls}">{delta:+.1f}</span>' for name, delta in items)

    parts = []
    if facts.improved:
        parts.append(f"<p>Dimensions up: {line(facts.improved, 'up')}.</p>")
    if facts.worsened:
        parts.append(f"<p>Dimensions down: {line(facts.worsened, 'down')}.</p>")
    return "".join(parts)


def _caption(name: str, facts: ReportFacts) -> str | None:
    """The caption for chart ``name`` when the history is too long to show everything, else None."""
    total = len(facts.rounds)
    if total <= TABLE_ROUNDS or name not in DENSE_CAPTIONS:
        return None
    return DENSE_CAPTIONS[name].format(shown=TABLE_ROUNDS, total=total)


def _grid(*cells: str) -> str:
    return f'<div class="grid">{"".join(cells)}</div>'


def _reading_problems(problems: Sequence[str]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li><code>{escape(p)}</code></li>" for p in problems)
    return (
        f'<div class="warning"><p>{len(problems)} problem(s) reading the reviews: findings in these places may be '
        f"missing from every number below.</p><ul>{items}</ul></div>"
    )


def layout_html(facts: ReportFacts, charts: Mapping[str, bytes | None], *, title: str, footer: str) -> str:
    """The whole page: headline and tiles, trajectory, open trend, top risks, changes, hotspots."""
    changes = f"What changed since {facts.previous}" if facts.previous else "What this round found"
    sections = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{len(facts.rounds)} review round(s); latest: {escape(facts.latest or "none")}</p>',
        f'<p class="headline">{escape(facts.headline)}</p>',
        f'<p class="warning">{escape(facts.history_note)}</p>' if facts.history_note else "",
        _reading_problems(facts.reading_problems),
        _tiles(facts),
        "<h2>Are we getting better?</h2>",
        _figure("trajectory", charts.get("trajectory")),
        _rounds_table(facts),
        "<h2>Open CRITICAL and HIGH issues</h2>",
        _figure("open_trend", charts.get("open_trend"), _caption("open_trend", facts)),
        "<h2>Top risks</h2>",
        _risk_items(facts.top_risks, "No open issues."),
        f'<p class="muted">{facts.triaged} issue(s) closed by a recorded human decision (triage).</p>',
        f"<h2>{escape(changes)}</h2>",
        "<h3>Came back after a fix</h3>" + _risk_items(facts.regressions, "No regressions."),
        "<h3>Fixed</h3>" + _risk_items(facts.fixed_since, "Nothing fixed since the previous round."),
        "<h3>New this round</h3>" + _risk_items(facts.new_in_latest, "No new issues."),
        _dimension_moves(facts),
        _grid(
            _figure("deltas", charts.get("deltas")),
            _figure("heatmap", charts.get("heatmap"), _caption("heatmap", facts)),
        ),
        "<h2>Where the problems are</h2>",
        _grid(_figure("hotspots", charts.get("hotspots")), _figure("latency", charts.get("latency"))),
        f"<footer>{escape(footer)}</footer>",
    ]
    body = "\n".join(part for part in sections if part)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head>\n<body><main>\n{body}\n</main></body></html>\n"
    )
