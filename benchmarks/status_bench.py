"""What ``reviewkit status`` costs on a real history, stage by stage (run by hand; figures in benchmarks/README.md).

Each run is a fresh process that goes through the public pipeline the command uses and records, after each
stage, the wall time of the stage and the peak RSS of the process so far (``ru_maxrss``: a peak never goes
down, so a stage's figure is the most the process held up to its end):

* ``parse``   — ``parse_paths`` of the reviews folder;
* ``history`` — ``RepoReader.history``: the whole ``git log -p`` read into records (timed alone, then dropped);
* ``link``    — ``link_documents`` *minus* the history read it does itself (the history figure above);
* ``track``   — ``track_documents``: rounds, identity, evidence, triage.

Then the whole command as a user runs it (``reviewkit status --format json``, a separate process, wall time
and peak RSS from ``/usr/bin/time``), and the floors it is judged against: ``git log -p`` of the same
history to /dev/null and a bare markdown-it parse of the same review files, each in its own process.
Every figure is the median of ``--runs`` runs (default 3). Nothing is cached between runs: each ``status``
run gets an empty ``--cache-dir`` (a cold run, as in a fresh CI clone).

    .venv/bin/python benchmarks/status_bench.py --repo /tmp/hs/repo --reviews /tmp/hs/reviews
    .venv/bin/python benchmarks/status_bench.py --repo /tmp/pytest/repo --reviews /tmp/pytest/reviews --runs 3
    .venv/bin/python benchmarks/status_bench.py --synth 10000 --findings 5000      # generated, real-weight commits

The real public history is not part of the project: fetch a clone beside it and generate its reviews with
``benchmarks/real_findings.py``; ``--synth N`` builds a generated one (``benchmarks/synth_repo.py``).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("parse", "history", "link", "track")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(repo: Path, reviews: Path) -> dict[str, float]:
    """One run of the pipeline in this process: ``{stage}_s`` wall seconds and ``{stage}_mib`` peak so far."""
    from reviewkit.gitio import open_repo
    from reviewkit.link import link_documents
    from reviewkit.parse import parse_paths
    from reviewkit.track import track_documents

    out: dict[str, float] = {"start_mib": _rss_mib()}
    t0 = time.perf_counter()
    documents = parse_paths([reviews])
    out["parse_s"], out["parse_mib"] = time.perf_counter() - t0, _rss_mib()
    t0 = time.perf_counter()
    commits = open_repo(repo).history("HEAD")
    out["commits"] = float(sum(1 for _ in commits))
    del commits
    out["history_s"], out["history_mib"] = time.perf_counter() - t0, _rss_mib()
    t0 = time.perf_counter()
    result = link_documents(repo, documents, reviews_root=reviews)
    out["link_s"], out["link_mib"] = max(time.perf_counter() - t0 - out["history_s"], 0.0), _rss_mib()
    t0 = time.perf_counter()
    ledger = track_documents(documents, result.findings)
    out["track_s"], out["track_mib"] = time.perf_counter() - t0, _rss_mib()
    out["findings"], out["issues"] = float(len(ledger.findings)), float(len(ledger.issues))
    return out


def _timed(cmd: list[str], **kwargs: object) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of a command, from GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as f:
        subprocess.run(
            ["/usr/bin/time", "-o", f.name, "-f", "%e %M", *cmd],
            check=True,
            stdout=subprocess.DEVNULL,
            **kwargs,  # type: ignore[arg-type]
        )
        wall, kib = f.read().split()[-2:]
    return float(wall), int(kib) / 1024


def _bare_parse(reviews: Path) -> list[str]:
    code = (
        "import sys, pathlib; from markdown_it import MarkdownIt; md = MarkdownIt('commonmark').enable('table'); "
        "[md.parse(p.read_text(encoding='utf-8', errors='replace'))"
        " for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md'))]"
    )
    return [sys.executable, "-c", code, str(reviews)]


def measure(repo: Path, reviews: Path, runs: int) -> dict[str, float]:
    """Median of ``runs`` runs of every figure."""
    rows: list[dict[str, float]] = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--repo", str(repo), "--reviews", str(reviews)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        with tempfile.TemporaryDirectory() as cold:
            cli = [str(Path(sys.executable).with_name("reviewkit")), "status", "--repo", str(repo), "--reviews"]
            row["status_s"], row["status_mib"] = _timed([*cli, str(reviews), "--format", "json", "--cache-dir", cold])
        row["gitlog_s"], row["gitlog_mib"] = _timed(["git", "-C", str(repo), "log", "-p", "--no-color", "HEAD"])
        row["bare_parse_s"], row["bare_parse_mib"] = _timed(_bare_parse(reviews))
        rows.append(row)
    return {k: statistics.median(r[k] for r in rows) for k in rows[0]}


def report(name: str, m: dict[str, float]) -> str:
    floor = m["gitlog_s"] + m["bare_parse_s"]
    lines = [
        f"{name}: {m['commits']:.0f} commits, {m['findings']:.0f} findings, {m['issues']:.0f} issues",
        f"  {'stage':<10} {'wall s':>8} {'peak MiB':>9}",
    ]
    lines += [f"  {s:<10} {m[f'{s}_s']:>8.2f} {m[f'{s}_mib']:>9.0f}" for s in STAGES]
    lines += [
        f"  {'status':<10} {m['status_s']:>8.2f} {m['status_mib']:>9.0f}   (the whole command, its own process)",
        f"  floor: git log -p {m['gitlog_s']:.2f} s + bare parse {m['bare_parse_s']:.2f} s = {floor:.2f} s;"
        f" status / floor = {m['status_s'] / floor:.2f}x",
    ]
    return "\n".join(lines)


def _synth(commits: int, findings: int, keep: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(HERE))
    from synth_repo import build

    repo, reviews = keep / f"synth-{commits}" / "repo", keep / f"synth-{commits}" / "reviews"
    if not repo.exists():
        documents, _ = build(repo, commits=commits, findings=findings)
        for doc in documents:  # the reviews as files, as a user has them
            target = reviews / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            review = doc.reviews[0]
            body = [f"# Review {review.round}", "", "**Reviewer**: Grok", f"**Commit**: {review.commit}", ""]
            for f in review.findings:
                loc = f.locations[0]
                body += [f"#### {f.id}: {f.title}", "", f"**File**: `{loc.path}:{loc.start}-{loc.end}`", ""]
                body += ["```python", *f.snippets, "```", ""]
            target.write_text("\n".join(body), encoding="utf-8")
    return repo, reviews


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path)
    parser.add_argument("--reviews", type=Path)
    parser.add_argument("--synth", type=int, metavar="COMMITS", help="measure a generated history instead")
    parser.add_argument("--findings", type=int, default=5000, help="findings of the generated history")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "reviewkit-bench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.repo, args.reviews)))
        return 0
    if args.synth:
        args.repo, args.reviews = _synth(args.synth, args.findings, args.keep)
    if args.repo is None or args.reviews is None:
        parser.error("give --repo and --reviews, or --synth COMMITS")
    if shutil.which("/usr/bin/time") is None:
        parser.error("needs GNU time (/usr/bin/time)")
    print(report(f"{args.repo}", measure(args.repo, args.reviews, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
