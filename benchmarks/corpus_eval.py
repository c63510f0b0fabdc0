"""Parser accuracy on the generalization corpus (``tests/corpus``): documents of other projects.

Run by hand::

    .venv/bin/python benchmarks/corpus_eval.py LABELS_DIR [LABELS_DIR …] [--verbose] [--fetched-root DIR]

Each ``LABELS_DIR`` (``tests/corpus/labels/train``, ``…/test``) holds one JSON object per
document in the format of ``../shared/docs/label-brief.md`` plus a ``source`` block. The
document is looked up under the corpus root (the folder above ``labels/``): at its ``path``,
or under ``docs/``. A label whose document is not vendored (index-only: fetch it by commit)
is skipped and named — unless ``--fetched-root DIR`` holds it, fetched by its source commit
(``DIR/<owner>__<repo>/<path>``, the label's ``path``; such texts are never committed).

Scoring is ``benchmarks/parse_eval.py``'s (same matching by id, then title words): finding
recall and precision, severity on matched findings, first-location path, dimension scores,
overall score — plus document kind.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from reviewkit.parse import parse_document
from reviewkit.sources import source_from_bytes


def _parse_eval() -> ModuleType:
    name = "parse_eval"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("parse_eval.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@dataclass
class Result:
    """Tallies per document, kind agreement, and the labels skipped (with why)."""

    tallies: dict[str, Any] = field(default_factory=dict)
    kind_right: int = 0
    kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Per document: (kind read, kind labelled)."""
    skipped: dict[str, str] = field(default_factory=dict)

    def figures(self) -> dict[str, float]:
        total = _parse_eval().Tally()
        for tally in self.tallies.values():
            total.add(tally)
        figures: dict[str, float] = total.figures()
        figures["kind"] = self.kind_right / len(self.tallies) if self.tallies else 1.0
        return figures


def corpus_root(labels_dir: Path) -> Path:
    """``tests/corpus`` for ``tests/corpus/labels/train``."""
    for parent in labels_dir.resolve().parents:
        if parent.name == "labels":
            return parent.parent
    return labels_dir.resolve().parent


def document_of(label: dict[str, Any], root: Path, fetched: Path | None = None) -> Path | None:
    """The vendored (or fetched) document a label describes, or None (index-only)."""
    source = label.get("source") or {}
    names = [label.get("path"), source.get("vendored"), source.get("local_path"), source.get("file")]
    bases = [root, root / "docs", *([fetched] if fetched is not None else [])]
    for name in (n for n in names if isinstance(n, str) and n):
        for base in bases:
            candidate = base / name
            if candidate.is_file():
                return candidate
    return None


def to_spec(label: dict[str, Any]) -> dict[str, Any]:
    """A label-brief object in ``parse_eval``'s spec shape (rows of id, severity, first path, title)."""
    reviews = []
    for review in label.get("reviews") or []:
        findings = [
            [
                f.get("id"),
                f.get("severity"),
                (f.get("locations") or [{}])[0].get("path"),
                f.get("title") or "",
            ]
            for f in review.get("findings") or []
        ]
        dimensions = [
            [d.get("key"), d.get("name") or "", d["score"]]
            for d in review.get("dimensions") or []
            if d.get("score") is not None
        ]
        score, scale = review.get("overall_score"), review.get("overall_scale")
        reviews.append(
            {
                "findings": findings,
                "dimensions": dimensions,
                "overall": [score, scale or 100] if score is not None else None,
            }
        )
    return {"reviews": reviews or [{"findings": [], "dimensions": [], "overall": None}]}


def evaluate(labels_dirs: list[Path], fetched: Path | None = None) -> Result:
    """Parse every vendored (or fetched) labelled document and score it against its label."""
    pe = _parse_eval()
    result = Result()
    for labels_dir in labels_dirs:
        root = corpus_root(labels_dir)
        for path in sorted(labels_dir.glob("*.json")):
            label = json.loads(path.read_text(encoding="utf-8"))
            doc_path = document_of(label, root, fetched)
            key = f"{labels_dir.name}/{path.stem}"
            if doc_path is None:
                result.skipped[key] = "index-only: the document is not vendored (fetch it by its source commit)"
                continue
            base = root if doc_path.is_relative_to(root) else fetched
            rel = doc_path.relative_to(base or root).as_posix()
            document = parse_document(source_from_bytes(rel, doc_path.read_bytes()))
            result.tallies[key] = pe._score(document, to_spec(label))
            result.kind_right += document.kind.value == label.get("kind")
            result.kinds[key] = (document.kind.value, str(label.get("kind")))
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Parser accuracy on the generalization corpus.")
    parser.add_argument("labels_dirs", nargs="+", type=Path, metavar="LABELS_DIR")
    parser.add_argument("--verbose", action="store_true", help="list misses, extras and wrong fields")
    parser.add_argument("--fetched-root", type=Path, default=None, metavar="DIR", help="fetched index-only documents")
    args = parser.parse_args(argv)
    verbose = args.verbose
    result = evaluate(args.labels_dirs, args.fetched_root)
    for name, tally in result.tallies.items():
        f = tally.figures()
        print(f"{name:50} rec {f['recall']:.2f} prec {f['precision']:.2f} sev {f['severity']:.2f} path {f['path']:.2f}")
        if verbose:
            for line in [*(f"  miss  {m}" for m in tally.misses), *(f"  extra {e}" for e in tally.extras)]:
                print(line)
            for line in tally.wrong:
                print(f"  wrong {line}")
            read, labelled = result.kinds[name]
            if read != labelled:
                print(f"  wrong kind {read} (label {labelled})")
    for name, why in result.skipped.items():
        print(f"{name:50} skipped: {why}")
    f = result.figures()
    print(
        f"\n{len(result.tallies)} documents ({len(result.skipped)} skipped)\n"
        f"recall {f['recall']:.3f}  precision {f['precision']:.3f}  severity {f['severity']:.3f}  "
        f"locations {f['path']:.3f}  dimensions {f['dimensions']:.3f}  overall {f['overall']:.3f}  kind {f['kind']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
