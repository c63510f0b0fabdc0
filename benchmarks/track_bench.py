"""Cache benchmark: a second ``build_ledger`` run with one new round does only the new work.

Builds a synthetic history in a temporary folder — a git repository of small modules with
``--commits`` commits, and a reviews folder (beside the repository, so adding a round does not
move HEAD) of ``--rounds`` rounds × 3 reviewers × ``--findings`` findings — then times:

1. a cold run (empty cache),
2. a warm run with nothing changed,
3. a run after one new round was added,

and prints wall time and parse/link cache hits per run. Run by hand:

    .venv/bin/python benchmarks/track_bench.py [--rounds 30] [--findings 12] [--commits 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from reviewkit.gitio import init_repo
from reviewkit.track.cache import StageCache
from reviewkit.track.ledger import build_ledger_with

REVIEWERS = ("grok", "gemini", "gpt")
TOPICS = (
    "session store has no lock", "retry loop is unbounded", "secret has an insecure default",
    "cache never expires entries", "health probe hits the wrong endpoint", "timeout missing on the LLM call",
    "PII leaks through streamed tokens", "rate limiter keeps state in memory", "webhook lacks signature check",
    "error handler swallows exceptions", "dispatch tie-break is arbitrary", "config reload races with reads",
)  # fmt: skip
EPOCH = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)


def make_repo(path: Path, commits: int) -> None:
    writer = init_repo(path)
    for n in range(commits):
        module = f"src/mod{n % 20}.py"
        body = "\n".join(f"def f{k}(x):\n    return x + {n + k}\n" for k in range(30))
        writer.commit(f"change {n}", {module: body}, when=EPOCH + dt.timedelta(hours=n))


def review_text(round_no: int, reviewer: str, findings: int) -> str:
    lines = [
        f"# {reviewer.title()} Review — Round {round_no}",
        "",
        f"**Reviewer**: {reviewer.title()}",
        f"**Date**: {(EPOCH + dt.timedelta(days=round_no)).date().isoformat()}",
        "",
        "## Findings",
        "",
        "### HIGH",
        "",
    ]
    for k in range(findings):
        topic = TOPICS[(k + round_no) % len(TOPICS)]
        lines += [f"#### H-{k + 1:03d}: {topic.capitalize()}", f"In `src/mod{k % 20}.py:{3 + k}` the {topic}.", ""]
    return "\n".join(lines)


def add_round(reviews: Path, round_no: int, findings: int) -> None:
    folder = reviews / f"round-{round_no:03d}"
    folder.mkdir(parents=True)
    for reviewer in REVIEWERS:
        (folder / f"{reviewer}-review.md").write_text(review_text(round_no, reviewer, findings), encoding="utf-8")


def timed(label: str, cache_dir: Path, repo: Path, reviews: Path) -> None:
    cache = StageCache(cache_dir)
    start = time.perf_counter()
    ledger = build_ledger_with(cache, repo, reviews)
    seconds = time.perf_counter() - start
    s = cache.stats
    print(
        f"{label:<28} {seconds:7.2f}s  parse hits/misses {s.parse_hits:>4}/{s.parse_misses:<4} "
        f"link hits/misses {s.link_hits:>3}/{s.link_misses:<3} rounds {len(ledger.rounds)} "
        f"findings {len(ledger.findings)} issues {len(ledger.issues)}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--findings", type=int, default=12)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        repo, reviews, cache = root / "repo", root / "reviews", root / "cache"
        make_repo(repo, args.commits)
        for n in range(1, args.rounds + 1):
            add_round(reviews, n, args.findings)
        print(f"{args.rounds} rounds x {len(REVIEWERS)} reviewers x {args.findings} findings, {args.commits} commits")
        timed("cold (empty cache)", cache, repo, reviews)
        timed("warm (nothing changed)", cache, repo, reviews)
        add_round(reviews, args.rounds + 1, args.findings)
        timed("one new round", cache, repo, reviews)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
