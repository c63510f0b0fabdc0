"""Cold and warm wall time of the ledger commands as a user runs them (run by hand; figures in README.md).

Each command runs in its own process: *cold* with the repository's ``.git/reviewkit-cache`` removed, *warm*
right after (nothing changed; one settling run between, since ``status`` records issue keys on its first
run). Median of ``--runs``. With ``--before TREE`` (a ``git archive`` of an older commit's ``reviewkit/``)
the same commands run from that tree too, alternating with this one, so both see the same machine load.

    .venv/bin/python benchmarks/cli_bench.py --repo /tmp/hs/repo --reviews /tmp/hs/reviews \\
        --check-repo /tmp/hs-in/repo --before /tmp/rk-base --runs 3

``--check-repo`` is a repository with the reviews committed in ``reviews/`` (``check`` reads them at the base).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reviewkit", *args],
        env=env,
        cwd=tempfile.gettempdir(),  # not this checkout: `-m` would import it ahead of PYTHONPATH
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, required=True)
    parser.add_argument("--reviews", type=Path, required=True)
    parser.add_argument("--check-repo", type=Path, help="a repository with the reviews committed (for `check`)")
    parser.add_argument("--before", type=Path, help="an older reviewkit tree to compare with (its parent dir)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    here = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    envs = {"now": here} | ({"before": here | {"PYTHONPATH": str(args.before)}} if args.before else {})
    ledger = ["--repo", str(args.repo), "--reviews", str(args.reviews)]
    report = Path(tempfile.gettempdir()) / "cli_bench_report.html"
    commands: dict[str, tuple[list[str], Path]] = {
        "status": (["status", *ledger, "--format", "json"], args.repo),
        "backlog": (["backlog", *ledger], args.repo),
        "report": (["report", *ledger, "-o", str(report)], args.repo),
    }
    if args.check_repo is not None:
        commands["check"] = (["check", "--repo", str(args.check_repo), "--format", "json"], args.check_repo)
        commands["check --base HEAD~1"] = ([*commands["check"][0], "--base", "HEAD~1"], args.check_repo)
    for name, (argv, repo) in commands.items():
        cache = repo / ".git" / "reviewkit-cache"
        times: dict[tuple[str, str], list[float]] = {(v, k): [] for v in envs for k in ("cold", "warm")}
        for _ in range(args.runs):
            for version, env in envs.items():
                shutil.rmtree(cache, ignore_errors=True)
                times[version, "cold"].append(_run(argv, env))
                _run(argv, env)
                times[version, "warm"].append(_run(argv, env))
        cells = [
            f"{v}: cold {statistics.median(times[v, 'cold']):.2f} s, warm {statistics.median(times[v, 'warm']):.2f} s"
            for v in envs
        ]
        print(f"{name:<20} " + " | ".join(cells), flush=True)
    start = time.perf_counter()
    floor = ["git", "-C", str(args.repo), "log", "-p", "--no-color", "HEAD"]
    subprocess.run(floor, stdout=subprocess.DEVNULL, check=True)
    print(f"floor in the same run: git log -p {time.perf_counter() - start:.2f} s; load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
