"""Reliability of `reviewkit status` fix links by confidence, on a history with hand-checked fix answers.

Usage (the hey-seven dev rounds)::

    python3 ../shared/corpus/hey-seven/history/prepare.py /tmp/hs
    .venv/bin/reviewkit status --repo /tmp/hs/repo --reviews /tmp/hs/reviews --format json > status.json
    .venv/bin/python benchmarks/link_calibration.py ../shared/corpus/hey-seven/history/fixgold-dev.json status.json

For every link on a finding the answers judge (fixed, or skipped), it counts whether the commit is the
one the answers name (for a skipped finding: a later commit the answers say addressed it), and prints,
per confidence floor, how many links reach it and the share that are right. Findings are matched to
answers by document and id, as the shared scorer does.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

FLOORS = (0.5, 0.6, 0.7, 0.8, 0.9)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and min(len(a), len(b)) >= 7 and (a.startswith(b) or b.startswith(a)))


def judged_links(gold: dict[str, Any], status: dict[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, right) of every link on a finding the answers judge."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for row in status["findings"]:
        rows.setdefault((row["document"], (row.get("id") or "").upper()), row)
    out = []
    for rnd in gold["rounds"]:
        for g in rnd["findings"]:
            row = rows.get((g["file"], (g["id"] or "").upper()))
            fix = (row or {}).get("fix")
            if g["status"] not in ("fixed", "skipped") or not fix:
                continue
            want = g["fix_commit"] if g["status"] == "fixed" else (g.get("later_addressed_by") or {}).get("sha")
            out.append((float(fix["confidence"]), _same(fix["commit"], want)))
    return out


def reliability(links: list[tuple[float, bool]]) -> list[tuple[float, int, float]]:
    """(floor, links at or above it, share right) per floor."""
    table = []
    for floor in FLOORS:
        chosen = [right for conf, right in links if conf >= floor]
        table.append((floor, len(chosen), sum(chosen) / len(chosen) if chosen else float("nan")))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("status", type=Path)
    parser.add_argument("--write", type=Path, help="Also write the table as JSON (reviewkit/link/reliability.json).")
    parser.add_argument("--label", default="hey-seven dev rounds", help="What the table was measured on.")
    args = parser.parse_args()
    links = judged_links(json.loads(args.gold.read_text()), json.loads(args.status.read_text()))
    print("| confidence ≥ | links | right |")
    print("|---:|---:|---:|")
    table = reliability(links)
    for floor, count, share in table:
        print(f"| {floor:.1f} | {count} | {share:.3f} |")
    if args.write is not None:
        rows = [{"floor": floor, "links": count, "right": round(share, 3)} for floor, count, share in table]
        args.write.write_text(json.dumps({"measured_on": args.label, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
