"""One very large review document (``--findings`` findings, ~1 KB each), for the "20 MB review" check.

Words are drawn from a Zipf-like vocabulary, so the document has the word statistics of prose
(a few words everywhere, most words rare), and one finding in ten restates an earlier one.

    .venv/bin/python benchmarks/big_review.py /tmp/big/reviews/round-01/big.md --findings 20000 [--reviewers 4]
    /usr/bin/time -v .venv/bin/reviewkit backlog --reviews /tmp/big/reviews --format json > /dev/null
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)]


def document(findings: int, seed: int = 7, reviewer: str = "Bulk") -> str:
    """A review of ``findings`` findings; documents of one ``seed`` and other reviewers share their problems."""
    words = _vocabulary(random.Random(seed), 20_000)
    rng = random.Random(f"{seed}:{reviewer}")
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    lines = ["# Big review — Round 1", "", f"**Reviewer**: {reviewer}", "**Commit**: abc1234", "", "## Findings", ""]
    for n in range(1, findings + 1):
        base = rng.randrange(n) if n > 10 and rng.random() < 0.1 else n
        local = random.Random(base)
        title = " ".join(local.choices(words, weights, k=8))
        module = f"src/pkg{base % 97}/mod_{base % 1009}.py"
        body = " ".join(rng.choices(words, weights, k=120))
        lines += [
            f"#### F-{n:05d}: {title}",
            "",
            f"**File**: `{module}:{10 + base % 400}`",
            f"**Severity**: {SEVERITIES[base % 4]}",
            "",
            f"`handler_{base}()` {body}",
            "",
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--findings", type=int, default=20_000)
    parser.add_argument("--reviewers", type=int, default=1, help="split the findings over this many documents")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    each = args.findings // args.reviewers
    for k in range(args.reviewers):
        out = args.out if args.reviewers == 1 else args.out.with_name(f"{args.out.stem}-{k + 1}{args.out.suffix}")
        out.write_text(document(each, reviewer=f"Bulk {k + 1}"), encoding="utf-8")
        print(f"{out}: {out.stat().st_size / 1e6:.1f} MB, {each} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
