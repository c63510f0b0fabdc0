"""Identity time alone, and how it grows with the number of findings (target: 10× the findings ≤ 12× the time).

Reads one or more folders of review rounds (e.g. two sets written by ``real_findings.py`` for one history at
1× and 10× the findings), parses them once and links them locally (no git), then times, per folder, the
identity stage alone — the features of every occurrence and ``assign_identity`` (consensus inside each round
and matching across rounds) — as the median of ``--runs`` runs, with the candidate pairs blocking proposed.
Each line gives the folder's findings and times as multiples of the first folder's; on a shared machine the
CPU time (``time.process_time``) is the steadier of the two.

    .venv/bin/python benchmarks/real_findings.py /tmp/pytest /tmp/rk-1x --findings 750
    .venv/bin/python benchmarks/real_findings.py /tmp/pytest /tmp/rk-10x --findings 7500
    .venv/bin/python benchmarks/identity_bench.py /tmp/rk-1x /tmp/rk-10x [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.model import Document, LinkedFinding
from reviewkit.track import build_ledger, link_locally
from reviewkit.track.blocking import block_keys, candidate_pairs
from reviewkit.track.citations import cite_occurrences
from reviewkit.track.fingerprint import features_of
from reviewkit.track.identity import Occurrence, assign_identity
from reviewkit.track.rounds import order_rounds, review_reviewer, round_of


@dataclass(frozen=True, slots=True)
class _Inputs:
    documents: list[Document]
    linked: list[LinkedFinding]
    """In the order ``track_documents`` gives identity: round, document, review, line."""
    rounds: list[str]
    round_keys: list[str]
    reviewers: list[str]


def _inputs(reviews: Path) -> _Inputs:
    documents = list(build_ledger(None, reviews).documents)
    rounds = order_rounds(documents, DEFAULT_VOCABULARY)
    rank = {r.key: r.order for r in rounds}
    by_path = {d.path: d for d in documents}
    key_of = {d.path: round_of(d).key for d in documents}
    linked = sorted(
        (f for f in link_locally(documents) if key_of.get(f.document) in rank),
        key=lambda f: (rank[key_of[f.document]], f.document, f.review_index, f.finding.line),
    )
    reviewers = [
        review_reviewer(by_path[f.document], by_path[f.document].reviews[f.review_index], DEFAULT_VOCABULARY)
        for f in linked
    ]
    return _Inputs(documents, linked, [r.key for r in rounds], [key_of[f.document] for f in linked], reviewers)


def _identity(inputs: _Inputs) -> list[Occurrence]:
    """The identity stage as ``track_documents`` runs it: features, summary citations, ``assign_identity``."""
    occurrences = [
        Occurrence(key, reviewer, (f.document, f.finding.line), f"{key}|{f.document}|{n}", features_of(f))
        for n, (f, key, reviewer) in enumerate(zip(inputs.linked, inputs.round_keys, inputs.reviewers, strict=True))
    ]
    occurrences = cite_occurrences(occurrences, inputs.linked, inputs.documents)
    assign_identity(occurrences, inputs.rounds)
    return occurrences


def _time_identity(reviews: Path, runs: int) -> tuple[int, float, float, int]:
    """(findings, median wall and CPU seconds of the identity stage, candidate pairs blocking proposed in rounds)."""
    inputs = _inputs(reviews)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        occurrences = _identity(inputs)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    by_round: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        by_round.setdefault(occ.round_key, []).append(occ)
    pairs = sum(len(candidate_pairs([block_keys(o.features) for o in group])) for group in by_round.values())
    return len(occurrences), statistics.median(wall), statistics.median(cpu), pairs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reviews", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    base: tuple[int, float, float] | None = None
    for folder in args.reviews:
        n, wall, cpu, pairs = _time_identity(folder, args.runs)
        base = base or (n, wall, cpu)
        print(f"{folder}: {n} findings ({n / base[0]:.1f}×), {pairs} candidate pairs; identity (median of "
              f"{args.runs}) wall {wall:.2f} s ({wall / base[1]:.1f}×), "
              f"CPU {cpu:.2f} s ({cpu / base[2]:.1f}×)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
