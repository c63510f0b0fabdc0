"""Parse throughput over a corpus, beside markdown-it-py's own bare parse time (the floor).

Usage::

    .venv/bin/python benchmarks/parse_bench.py [CORPUS_DIR] [--repeat N] [--profile]

Prints documents/s and MB/s for reviewkit's full parse and for markdown-it alone on
the same text, and their ratio in-process (issue 12's target: ≤ 1.3x the floor), then the
same two as whole processes, as a user runs them: ``reviewkit parse CORPUS --format json``
against a bare ``python -c`` that imports markdown-it and parses the same files (target
≤ 1.8x; median of ``--runs``, the two alternating so machine load hits both alike; ``--runs 0``
skips it). ``--profile`` adds the top functions by cumulative time so the expensive stage is
visible.

Every repetition parses every document from its text: heading facts are kept on the
document's own section tree and the lead and plain-text caches are emptied before each
run, so nothing learnt in one run helps the next.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reviewkit.parse import parse_document
from reviewkit.parse.findings.lead import forget_leads
from reviewkit.parse.tree import markdown_parser
from reviewkit.sources import ReviewSource, collect_sources

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hey-seven" / "reviews"


def _shared_corpus() -> Path | None:
    """``shared/corpus/hey-seven/reviews`` beside the checkout or beside its worktree folder."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus" / "hey-seven" / "reviews"
        if candidate.is_dir():
            return candidate
    return None


def _best_of_interleaved(
    repeat: int, floor: Callable[[], None], full: Callable[[], None], clock: Callable[[], float] = time.perf_counter
) -> tuple[float, float]:
    """Best times of ``floor`` and ``full``, run alternately so machine load hits both alike."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, run in enumerate((floor, full)):
            start = clock()
            run()
            best[i] = min(best[i], clock() - start)
    return best[0], best[1]


_BARE_PARSE = """
import sys
from pathlib import Path
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    md.parse(path.read_text(encoding="utf-8", errors="replace"))
"""


def _process_seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, cwd=tempfile.gettempdir())
    return time.perf_counter() - start


def _whole_process(corpus: Path, runs: int) -> tuple[float, float]:
    """Median wall time of a bare markdown-it process and of ``reviewkit parse`` over ``corpus``."""
    floor = [sys.executable, "-c", _BARE_PARSE, str(corpus)]
    full = [sys.executable, "-m", "reviewkit", "parse", str(corpus), "--format", "json"]
    times: list[list[float]] = [[], []]
    for _ in range(runs):
        for i, argv in enumerate((floor, full)):
            times[i].append(_process_seconds(argv))
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs (0: skip)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--cpu", action="store_true", help="time CPU of this process, not wall clock (steadier on a shared machine)"
    )
    args = parser.parse_args()
    if args.corpus == DEFAULT_CORPUS and not args.corpus.is_dir():
        args.corpus = _shared_corpus() or args.corpus

    sources: list[ReviewSource] = collect_sources([args.corpus])
    total_mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    md = markdown_parser()

    def floor() -> None:
        for s in sources:
            md.parse(s.text)

    def full() -> None:
        forget_leads()
        for s in sources:
            parse_document(s)

    full()  # warm caches (regexes, parser instance)
    floor_s, full_s = _best_of_interleaved(
        args.repeat, floor, full, time.process_time if args.cpu else time.perf_counter
    )
    n = len(sources)
    print(f"corpus: {args.corpus} — {n} documents, {total_mb:.2f} MB (best of {args.repeat})")
    print(
        f"markdown-it bare parse : {floor_s * 1000:8.1f} ms  {n / floor_s:8.1f} docs/s  {total_mb / floor_s:6.2f} MB/s"
    )
    print(f"reviewkit full parse   : {full_s * 1000:8.1f} ms  {n / full_s:8.1f} docs/s  {total_mb / full_s:6.2f} MB/s")
    print(f"ratio (full / floor)   : {full_s / floor_s:8.2f}x   (target ≤ 1.30x)")
    if args.runs > 0:
        bare_s, cli_s = _whole_process(args.corpus.resolve(), args.runs)
        print(
            f"whole process          : bare {bare_s:.2f} s, `reviewkit parse --format json` {cli_s:.2f} s, "
            f"ratio {cli_s / bare_s:.2f}x   (target ≤ 1.80x; median of {args.runs})"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(full)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
