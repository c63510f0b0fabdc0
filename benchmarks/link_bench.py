"""Benchmark ``link_documents`` on a synthetic history (run by hand, figures go in the notes).

Targets (issue 3): 10,000 commits and 5,000 findings in <= 30 s and <= 1 GB peak memory on a
2-core machine; doubling the commits costs at most 2.2x the time.

    .venv/bin/python benchmarks/link_bench.py                    # 10k and 20k commits, 5k findings
    .venv/bin/python benchmarks/link_bench.py --commits 2000 --no-double --tracemalloc

Peak memory is ru_maxrss of this process (git children reported apart); ``--tracemalloc``
adds the Python heap peak (and slows the run, so its time is not the one to quote).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_repo import build

from reviewkit.link import link_documents
from reviewkit.model import FindingStatus


def run(commits: int, findings: int, *, trace: bool, keep: Path | None) -> float:
    with tempfile.TemporaryDirectory(prefix="linkbench-") as tmp:
        repo = (keep or Path(tmp)) / f"repo-{commits}"
        t0 = time.perf_counter()
        docs, truth = build(repo, commits=commits, findings=findings)
        built = time.perf_counter() - t0
        if trace:
            tracemalloc.start()
        t0 = time.perf_counter()
        result = link_documents(repo, docs)
        elapsed = time.perf_counter() - t0
        heap = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()
    linked = {(lf.document, lf.finding.id): lf for lf in result.findings}
    found = {k: lf.fix.commit for k, lf in linked.items() if lf.fix is not None}
    right = sum(1 for k, sha in found.items() if truth.get(k) == sha)
    statuses = {s.value: sum(lf.status is s for lf in result.findings) for s in FindingStatus}
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"commits={commits} findings={len(result.findings)} (repo built in {built:.1f}s)")
    print(
        f"  link_documents: {elapsed:.2f} s; peak RSS {self_rss:.0f} MB (largest git child {child_rss:.0f} MB)"
        + (f"; Python heap peak {heap / 2**20:.0f} MB" if heap is not None else "")
    )
    print(
        f"  statuses {statuses}; planted fixes {len(truth)}; linked {len(found)}; "
        f"recall {right / max(1, len(truth)):.3f}; precision {right / max(1, len(found)):.3f}"
    )
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--findings", type=int, default=5_000)
    parser.add_argument("--no-double", action="store_true", help="skip the 2x-commits run")
    parser.add_argument("--tracemalloc", action="store_true", help="also report the Python heap peak (slower)")
    parser.add_argument("--keep", type=Path, help="build the repositories here instead of a temp dir")
    args = parser.parse_args()
    base = run(args.commits, args.findings, trace=args.tracemalloc, keep=args.keep)
    if not args.no_double:
        double = run(args.commits * 2, args.findings, trace=args.tracemalloc, keep=args.keep)
        print(f"doubling commits: {double / base:.2f}x the time (target <= 2.2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
