"""Property (RK-014): findings rendered in each supported shape parse back to the same findings.

Hypothesis draws findings (id, severity, title, optional ``path:line``), renders them as one
document in one shape — a heading per finding, a table row, a tagged bullet, a label block — and
the parser must give back the same ids, severities, titles and locations, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewkit.model import DocumentKind
from reviewkit.parse import parse_text

WORDS = [
    "cache",
    "retry",
    "token",
    "session",
    "parser",
    "ledger",
    "socket",
    "buffer",
    "handler",
    "queue",
    "config",
    "schema",
    "worker",
    "index",
    "router",
    "budget",
    "stream",
    "lock",
    "timeout",
    "payload",
]
SEVERITIES = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Drawn:
    id: str
    severity: str
    title: str
    path: str | None
    line: int | None


@st.composite
def findings(draw: st.DrawFn) -> list[Drawn]:
    n = draw(st.integers(1, 6))
    out = []
    for i in range(n):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))
        title = " ".join(words).capitalize()
        has_loc = draw(st.booleans())
        path = f"src/{draw(st.sampled_from(WORDS))}/{draw(st.sampled_from(WORDS))}.py" if has_loc else None
        line = draw(st.integers(1, 2000)) if has_loc else None
        out.append(Drawn(f"F-{i + 1:03d}", draw(st.sampled_from(SEVERITIES)), title, path, line))
    return out


def _loc(f: Drawn) -> str:
    return f"`{f.path}:{f.line}`" if f.path else ""


def as_headings(fs: list[Drawn]) -> str:
    blocks = []
    for f in fs:
        where = f"\n\n**File**: {_loc(f)}" if f.path else ""
        blocks.append(f"### {f.id} [{f.severity.upper()}] {f.title}{where}\n\nIt goes wrong under load.\n")
    return "\n".join(blocks)


def as_table(fs: list[Drawn]) -> str:
    rows = ["| ID | Severity | Title | Location |", "|----|----------|-------|----------|"]
    rows += [f"| {f.id} | {f.severity.upper()} | {f.title} | {_loc(f)} |" for f in fs]
    return "\n".join(rows) + "\n"


def as_bullets(fs: list[Drawn]) -> str:
    return "\n".join(
        f"- **[{f.severity.upper()}] {f.id}**: {f.title}" + (f" — {_loc(f)}" if f.path else "") for f in fs
    )


def as_label_blocks(fs: list[Drawn]) -> str:
    blocks = []
    for f in fs:
        lines = [f"**{f.id}: {f.title}**", f"- **Severity**: {f.severity.upper()}"]
        if f.path:
            lines.append(f"- **File**: {_loc(f)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


SHAPES: dict[str, Callable[[list[Drawn]], str]] = {
    "heading": as_headings,
    "table": as_table,
    "bullet": as_bullets,
    "label-block": as_label_blocks,
}


def document(body: str) -> str:
    return f"# Widget Review — Round 3\n\n**Reviewer**: Example Model\n**Commit**: abc1234\n\n## Findings\n\n{body}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(findings(), st.sampled_from(sorted(SHAPES)))
def test_rendered_findings_parse_back(drawn: list[Drawn], shape: str) -> None:
    doc = parse_text(document(SHAPES[shape](drawn)), path=f"reviews/round-03/{shape}.md")
    assert doc.kind is DocumentKind.REVIEW
    assert not doc.degraded, doc.warnings
    got = [f for r in doc.reviews for f in r.findings]
    assert [(f.id, f.severity.value if f.severity else None, f.title) for f in got] == [
        (d.id, d.severity, d.title) for d in drawn
    ]
    for f, d in zip(got, drawn, strict=True):
        expected = [(d.path, d.line)] if d.path else []
        assert [(loc.path, loc.start) for loc in f.locations] == expected
