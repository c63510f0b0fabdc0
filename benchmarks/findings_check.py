"""Finding recognizers: expected vs found per hand-verified corpus document, and their cost.

Run by hand (not a test)::

    .venv/bin/python benchmarks/findings_check.py [CORPUS_DIR]

Prints, for every document in ``tests/golden/corpus_findings.yaml``, the expected and
found finding counts (and a mark when severities or ids differ), the totals, and the time
spent in markdown-it's bare parse versus section building + ``find_findings`` over the
whole corpus.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from reviewkit.config import DEFAULT_VOCABULARY
from reviewkit.parse.findings import find_findings
from reviewkit.parse.findings.sections import annotate
from reviewkit.parse.tree import build_sections, markdown_parser, parse_markdown

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "hey-seven" / "reviews"


def check(corpus: Path) -> None:
    golden = yaml.safe_load((ROOT / "tests" / "golden" / "corpus_findings.yaml").read_text(encoding="utf-8"))
    total_expected = total_found = total_matched = 0
    for name, expected in golden.items():
        text = (corpus / name).read_text(encoding="utf-8")
        root = build_sections(parse_markdown(text), text.count("\n") + 1)
        annotate(root, DEFAULT_VOCABULARY)
        findings = find_findings(root, DEFAULT_VOCABULARY).findings
        severities = dict(Counter(f.severity.value if f.severity else "none" for f in findings))
        ids = [f.id for f in findings]
        marks = "" if severities == expected["severity"] else " severity-differs"
        marks += "" if ids == expected["ids"] else " ids-differ"
        total_expected += expected["total"]
        total_found += len(findings)
        total_matched += min(expected["total"], len(findings))
        print(f"{name:45} expected {expected['total']:3}  found {len(findings):3}{marks}")
    print(
        f"\n{len(golden)} documents: expected {total_expected}, found {total_found}, "
        f"count-recall {total_matched / total_expected:.3f}, count-precision {total_matched / max(total_found, 1):.3f}"
    )


def timing(corpus: Path) -> None:
    """CPU seconds (less noisy than wall time on a shared machine) for each stage over the corpus."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.md"))]
    md = markdown_parser()
    start = time.process_time()
    for text in texts:
        md.parse(text)
    bare = time.process_time() - start
    start = time.process_time()
    roots = [build_sections(parse_markdown(text), text.count("\n") + 1) for text in texts]
    tree = time.process_time() - start
    # All 173 trees stay alive here (unlike a real parse, which drops each one): freeze them so the
    # garbage collector does not walk ~700k held nodes on every collection and bill it to find_findings.
    gc.collect()
    gc.freeze()
    start = time.process_time()
    for root in roots:
        annotate(root, DEFAULT_VOCABULARY)  # as in parse_document: heading facts read once per section
        find_findings(root, DEFAULT_VOCABULARY)
    ours = time.process_time() - start
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"{len(texts)} documents, {size:.1f} MB (CPU s): markdown-it bare parse {bare:.2f}; "
        f"parse + syntax tree + sections {tree:.2f} ({tree / bare:.2f}x); "
        f"find_findings {ours:.2f} ({ours / bare:.2f}x the floor)"
    )


if __name__ == "__main__":
    corpus_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    check(corpus_dir)
    timing(corpus_dir)
