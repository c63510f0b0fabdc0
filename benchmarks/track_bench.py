"""Cache benchmark: a second ``build_ledger`` run with one new round does only the new work.

Builds a synthetic history in a temporary folder — a git repository of small modules with
``--commits`` commits and ``--rounds`` rounds × 3 reviewers × ``--findings`` findings — in two
layouts, and times each run (wall time, parse and link cache hits / reuses / misses):

* reviews *beside* the repository (adding a round does not move HEAD): cold, warm, one new round;
* reviews *committed into* the repository (``reviews/``; each round is a commit, so HEAD moves):
  cold, warm, one new round committed (older rounds' link results carried over by the rule in
  ``reviewkit.track.relink``), then a code commit (HEAD moves with code: everything links again).

Run by hand:

    .venv/bin/python benchmarks/track_bench.py [--rounds 30] [--findings 12] [--commits 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from reviewkit.gitio import RepoWriter, init_repo
from reviewkit.track.cache import StageCache
from reviewkit.track.ledger import build_ledger_with
from reviewkit.track.records import Ledger

REVIEWERS = ("grok", "gemini", "gpt")
TOPICS = (
    "session store has no lock", "retry loop is unbounded", "secret has an insecure default",
    "cache never expires entries", "health probe hits the wrong endpoint", "timeout missing on the LLM call",
    "PII leaks through streamed tokens", "rate limiter keeps state in memory", "webhook lacks signature check",
    "error handler swallows exceptions", "dispatch tie-break is arbitrary", "config reload races with reads",
)  # fmt: skip
EPOCH = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)


def make_repo(path: Path, commits: int) -> RepoWriter:
    writer = init_repo(path)
    for n in range(commits):
        module = f"src/mod{n % 20}.py"
        body = "\n".join(f"def f{k}(x):\n    return x + {n + k}\n" for k in range(30))
        writer.commit(f"change {n}", {module: body}, when=EPOCH + dt.timedelta(hours=n))
    return writer


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


def timed(label: str, cache_dir: Path, repo: Path, reviews: Path) -> Ledger:
    cache = StageCache(cache_dir)
    start = time.perf_counter()
    ledger = build_ledger_with(cache, repo, reviews)
    seconds = time.perf_counter() - start
    s = cache.stats
    print(
        f"{label:<34} {seconds:6.2f}s  parse hit/miss {s.parse_hits:>4}/{s.parse_misses:<3} "
        f"link hit/reused/miss {s.link_hits:>3}/{s.link_reused:>3}/{s.link_misses:<3} rounds {len(ledger.rounds)} "
        f"findings {len(ledger.findings)} issues {len(ledger.issues)}"
    )
    return ledger


def commit_round(repo: Path, round_no: int, findings: int, writer: RepoWriter) -> None:
    files = {
        f"reviews/round-{round_no:03d}/{reviewer}-review.md": review_text(round_no, reviewer, findings)
        for reviewer in REVIEWERS
    }
    writer.commit(f"Review round {round_no}", files, when=EPOCH + dt.timedelta(days=30 + round_no))


def beside(root: Path, args: argparse.Namespace) -> None:
    repo, reviews, cache = root / "repo", root / "reviews", root / "cache"
    make_repo(repo, args.commits)
    for n in range(1, args.rounds + 1):
        add_round(reviews, n, args.findings)
    print("reviews beside the repository (HEAD does not move):")
    timed("  cold (empty cache)", cache, repo, reviews)
    timed("  warm (nothing changed)", cache, repo, reviews)
    add_round(reviews, args.rounds + 1, args.findings)
    timed("  one new round", cache, repo, reviews)


def committed(root: Path, args: argparse.Namespace) -> None:
    repo, cache = root / "inrepo", root / "cache-inrepo"
    writer = make_repo(repo, args.commits)
    for n in range(1, args.rounds + 1):
        commit_round(repo, n, args.findings, writer)
    reviews = repo / "reviews"
    print("reviews committed into the repository (each round moves HEAD):")
    timed("  cold (empty cache)", cache, repo, reviews)
    timed("  warm (nothing changed)", cache, repo, reviews)
    commit_round(repo, args.rounds + 1, args.findings, writer)
    warm = timed("  one new round committed", cache, repo, reviews)
    cold = timed("  the same, cold (for comparison)", root / "cache-check", repo, reviews)
    same = warm.model_dump(exclude={"warnings"}) == cold.model_dump(exclude={"warnings"})
    print(f"  carried-over ledger equals the cold one: {same}")
    writer.commit("Refactor mod3", {"src/mod3.py": "def g(x):\n    return x\n"}, when=EPOCH + dt.timedelta(days=400))
    timed("  a code commit (all link again)", cache, repo, reviews)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--findings", type=int, default=12)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"{args.rounds} rounds x {len(REVIEWERS)} reviewers x {args.findings} findings, {args.commits} commits")
    with tempfile.TemporaryDirectory() as tmp:
        beside(Path(tmp), args)
        committed(Path(tmp), args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
