"""Review documents for a real public history: findings that point at its real files, lines and fix commits.

The benchmark needs findings a linker has real work with, on a history nobody tuned for: every generated
finding cites lines a later commit of the history really removed or changed (read from ``git log -p``),
quotes one of them, and its review names a commit shortly before that change as the reviewed commit. Rounds
are spread over the history, four reviewers each; a quarter of the problems are raised by two reviewers
(consensus work for identity) and some by a later round again (recurrence). Nothing of the repository is
copied: the documents name paths, lines and short quotes only, and live outside the project.

    .venv/bin/python benchmarks/real_findings.py /tmp/pytest/repo /tmp/pytest/reviews --findings 7500
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REVIEWERS = ("alpha", "beta", "gamma", "delta")
SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW")
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]{3,}")
_PROBLEMS = (
    "does not handle the empty case",
    "swallows the error",
    "is not covered by a test",
    "duplicates logic found elsewhere",
    "breaks when the path contains spaces",
    "uses a mutable default",
    "leaks state between runs",
    "is slower than it needs to be",
)


@dataclass(frozen=True, slots=True)
class Change:
    """Lines of ``path`` (numbered in the parent of ``commit``) that ``commit`` removed or rewrote."""

    position: int
    commit: str
    path: str
    start: int
    end: int
    quote: str


def history_changes(repo: Path) -> tuple[list[str], list[Change]]:
    """Every first-parent commit (oldest first) and every Python hunk that removed a meaningful line."""
    order = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--reverse", "--first-parent", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    position = {sha: n for n, sha in enumerate(order)}
    log = subprocess.Popen(
        ["git", "-C", str(repo), "log", "--first-parent", "--reverse", "-U0", "--format=@@@%H", "-p", "--", "*.py"],
        stdout=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    assert log.stdout is not None
    changes: list[Change] = []
    sha = path = ""
    start = 0
    for line in log.stdout:
        if line.startswith("@@@"):
            sha = line[3:].strip()
        elif line.startswith("--- "):
            path = line[6:].strip() if line.startswith("--- a/") else ""
        elif (m := _HUNK.match(line)) is not None:
            start = int(m.group(1))
            count = int(m.group(2)) if m.group(2) is not None else 1
            end = start + max(count, 1) - 1
        elif line.startswith("-") and path and sha in position and start > 0:
            text = line[1:].strip()
            if len(text) >= 24 and _IDENT.search(text):
                changes.append(Change(position[sha], sha, path, start, end, text))
                start = 0  # one change per hunk
    log.wait()
    return order, changes


def _title(rng: random.Random, change: Change) -> str:
    names = _IDENT.findall(change.quote) or [Path(change.path).stem]
    return f"`{rng.choice(names)}` in {Path(change.path).name} {rng.choice(_PROBLEMS)}"


def _finding(n: int, rng: random.Random, change: Change, title: str) -> list[str]:
    lines = f"{change.start}-{change.end}" if change.end > change.start else str(change.start)
    return [
        f"#### F-{n:04d}: {title}",
        "",
        f"**File**: `{change.path}:{lines}`",
        f"**Severity**: {rng.choice(SEVERITIES)}",
        "",
        "The code in question:",
        "",
        "```python",
        change.quote,
        "```",
        "",
        f"{title.capitalize()}; a caller relying on it gets the wrong result.",
        "",
    ]


def write_reviews(repo: Path, out: Path, findings: int, rounds: int, seed: int = 11) -> int:
    """Write ``rounds`` round folders of four reviews under ``out``; returns the number of findings written."""
    rng = random.Random(seed)
    order, changes = history_changes(repo)
    window = max(len(order) // rounds, 2)
    per_round = max(round(findings / rounds / 1.25), 1)  # a quarter of the problems are raised twice
    written = 0
    earlier: list[tuple[Change, str]] = []
    for r in range(rounds):
        lo, hi = r * window + 1, (r + 1) * window
        pool = [c for c in changes if lo <= c.position <= hi]
        if not pool:
            continue
        picked = rng.sample(pool, min(len(pool), per_round))
        anchor = order[max(min(c.position for c in picked) - 1, 0)]
        docs: dict[str, list[str]] = {name: [] for name in REVIEWERS}
        for k, change in enumerate(picked):
            again = earlier and rng.random() < 0.05
            change, title = rng.choice(earlier) if again else (change, _title(rng, change))
            raisers = rng.sample(REVIEWERS, 2 if rng.random() < 0.25 else 1)
            for name in raisers:
                docs[name] += _finding(k + 1, rng, change, title)
                written += 1
            earlier.append((change, title))
        folder = out / f"round-{r + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in docs.items():
            head = [f"# Review — Round {r + 1} ({name})", "", f"**Reviewer**: {name}", f"**Commit**: {anchor}", ""]
            (folder / f"{name}.md").write_text("\n".join([*head, "## Findings", "", *body]) + "\n", encoding="utf-8")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--findings", type=int, default=7500)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    n = write_reviews(args.repo, args.out, args.findings, args.rounds)
    print(f"{args.out}: {n} findings in {args.rounds} rounds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
