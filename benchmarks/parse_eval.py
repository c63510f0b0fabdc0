"""Parser accuracy against blind hand labels (``tests/golden/blind_labels.yaml``).

Run by hand::

    .venv/bin/python benchmarks/parse_eval.py [CORPUS_DIR] [--verbose]

The labels were written by reading each corpus document before looking at parser output, so
unlike the corpus goldens they are an independent measure. For every labelled document and
overall this prints: finding recall and precision, severity accuracy on matched findings,
first-location path accuracy on matched findings, dimension score accuracy and overall score
accuracy. ``tests/test_parse_blind.py`` imports :func:`evaluate` and keeps the figures above
their floors.

Matching: a label with an id pairs with a parser finding carrying that id (``|`` separates
accepted spellings); the remaining labels pair with unmatched parser findings by title word
overlap, preferring the nearest position in document order. Findings are pooled over all the
reviews of a document (multi-reviewer files are labelled per document).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reviewkit.model import Document, Finding
from reviewkit.parse import parse_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "hey-seven" / "reviews"
LABELS = ROOT / "tests" / "golden" / "blind_labels.yaml"
_WORD = re.compile(r"[a-z0-9_]+")
_STOP = frozenset({"the", "and", "for", "not", "with", "in", "of", "on", "to", "a", "is", "no", "by"})


_COUNTS = (
    "labels",
    "found",
    "matched",
    "severity_right",
    "path_right",
    "path_labelled",
    "path_labelled_right",
    "dims",
    "dims_right",
    "overall_right",
    "docs",
)


@dataclass(frozen=True)
class Label:
    ids: tuple[str, ...]
    severity: str | None
    path: str | None
    title: str


@dataclass
class Tally:
    """Counts for one document (or summed over all)."""

    labels: int = 0
    found: int = 0
    matched: int = 0
    severity_right: int = 0
    path_right: int = 0
    path_labelled: int = 0
    path_labelled_right: int = 0
    dims: int = 0
    dims_right: int = 0
    overall_right: int = 0
    docs: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "recall": ratio(self.matched, self.labels),
            "precision": ratio(self.matched, self.found),
            "severity": ratio(self.severity_right, self.matched),
            "path": ratio(self.path_right, self.matched),
            "path_labelled": ratio(self.path_labelled_right, self.path_labelled),
            "dimensions": ratio(self.dims_right, self.dims),
            "overall": ratio(self.overall_right, self.docs),
        }


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def evaluate(corpus: Path, labels: dict[str, dict[str, Any]] | None = None) -> dict[str, Tally]:
    """Score the parser on every labelled document; returns a tally per document path."""
    labels = labels if labels is not None else load_labels()
    documents = {d.path: d for d in parse_paths([corpus])}
    return {name: _score(documents[name], spec) for name, spec in labels.items()}


def _score(document: Document, spec: dict[str, Any]) -> Tally:
    tally = Tally(docs=1)
    labels = [_label(row) for row in _rows(spec, "findings")]
    findings = [f for r in document.reviews for f in r.findings]
    tally.labels, tally.found = len(labels), len(findings)
    pairs = _match(labels, findings)
    for index, label in enumerate(labels):
        finding = pairs.get(index)
        if finding is None:
            tally.misses.append(f"{'|'.join(label.ids) or '-'} {label.title}")
            continue
        tally.matched += 1
        severity = finding.severity.value if finding.severity else None
        tally.severity_right += severity == label.severity
        path = finding.locations[0].path if finding.locations else None
        path_ok = _same_path(label.path, path)
        tally.path_right += path_ok
        if label.path is not None:
            tally.path_labelled += 1
            tally.path_labelled_right += path_ok
        if severity != label.severity or not path_ok:
            tally.wrong.append(
                f"{finding.id or '-'} L{finding.line}: severity {severity} (label {label.severity}), "
                f"path {path} (label {label.path})"
            )
    used = {id(f) for f in pairs.values()}
    tally.extras = [f"{f.id or '-'} L{f.line} {f.title[:70]}" for f in findings if id(f) not in used]
    _score_dimensions(document, _rows(spec, "dimensions"), tally)
    _score_overall(document, _overall(spec), tally)
    return tally


def _rows(spec: dict[str, Any], key: str) -> list[Any]:
    rows = list(spec.get(key) or [])
    for review in spec.get("reviews") or []:
        rows += review.get(key) or []
    return rows


def _overall(spec: dict[str, Any]) -> list[float] | None:
    if "overall" in spec:
        value: list[float] | None = spec["overall"]
        return value
    reviews = spec.get("reviews") or [{}]
    first: list[float] | None = reviews[0].get("overall")
    return first


def _label(row: list[Any]) -> Label:
    ident, severity, path, title = row
    ids = tuple(str(ident).split("|")) if ident is not None else ()
    return Label(ids, severity, path, str(title))


def _match(labels: list[Label], findings: list[Finding]) -> dict[int, Finding]:
    pairs: dict[int, Finding] = {}
    free = list(range(len(findings)))
    for index, label in enumerate(labels):
        keys = {_id_key(i) for i in label.ids}
        hit = next((j for j in free if _id_key(findings[j].id or "") in keys), None)
        if hit is not None:
            pairs[index] = findings[hit]
            free.remove(hit)
    labelled_ids = {_id_key(i) for label in labels for i in label.ids}
    for index, label in enumerate(labels):
        if index in pairs:
            continue
        words = _words(label.title)
        best: tuple[float, int] | None = None
        for j in free:
            finding = findings[j]
            if finding.id and _id_key(finding.id) in labelled_ids:
                continue
            overlap = len(words & _words(f"{finding.title} {finding.body[:300]}")) / max(len(words), 1)
            if overlap < 0.5:
                continue
            closeness = -abs(j / max(len(findings), 1) - index / max(len(labels), 1))
            score = (overlap + 0.5 * closeness, j)
            best = score if best is None or score[0] > best[0] else best
        if best is not None:
            pairs[index] = findings[best[1]]
            free.remove(best[1])
    return pairs


def _id_key(ident: str) -> str:
    return ident.strip().replace("-", "").replace(" ", "") or "\0"  # an absent id never matches


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("-", " ")) if w not in _STOP}


def _same_path(label: str | None, found: str | None) -> bool:
    if label is None or found is None:
        return label is None and found is None
    a, b = label.strip("/"), found.strip("/")
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


def _dimension_key(key: Any) -> str | None:
    if key is None:
        return None
    text = str(key).upper()
    return text if text[:1].isalpha() else f"D{text}"


def _score_dimensions(document: Document, rows: list[Any], tally: Tally) -> None:
    found = [d for r in document.reviews for d in r.dimensions]
    for key, name, score in rows:
        tally.dims += 1
        wanted = _dimension_key(key)
        candidates = [
            d
            for d in found
            if (wanted is not None and _dimension_key(d.key) == wanted)
            or _words(d.name) >= _words(str(name))
            or _words(str(name)) >= _words(d.name)
        ]
        if any(abs(d.score - float(score)) < 0.01 for d in candidates):
            tally.dims_right += 1
        else:
            got = ", ".join(f"{d.key}={d.score}" for d in candidates) or "missing"
            tally.wrong.append(f"dimension {key or name}: {score} (found {got})")


def _score_overall(document: Document, label: list[float] | None, tally: Tally) -> None:
    found = [(r.overall_score, r.overall_scale) for r in document.reviews if r.overall_score is not None]
    ok = not found if label is None else any(abs(s / (c or 100) - label[0] / label[1]) < 0.0006 for s, c in found)
    tally.overall_right += ok
    if not ok:
        tally.wrong.append(f"overall {label} (found {found})")


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if a != "--verbose"]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    total = Tally()
    header = f"{'document':42} {'rec':>5} {'prec':>5} {'sev':>5} {'path':>5} {'dims':>5} {'ovr':>4}"
    print(header)
    for name, tally in evaluate(corpus).items():
        total.add(tally)
        f = tally.figures()
        print(
            f"{name:42} {f['recall']:5.2f} {f['precision']:5.2f} {f['severity']:5.2f} {f['path']:5.2f} "
            f"{f['dimensions']:5.2f} {tally.overall_right:4d}"
        )
        if verbose:
            for line in [*(f"  miss  {m}" for m in tally.misses), *(f"  extra {e}" for e in tally.extras)]:
                print(line)
            for line in tally.wrong:
                print(f"  wrong {line}")
    f = total.figures()
    print(
        f"\n{total.docs} documents, {total.labels} labelled findings, {total.found} found, {total.matched} matched\n"
        f"recall {f['recall']:.3f}  precision {f['precision']:.3f}  severity {f['severity']:.3f}  "
        f"path {f['path']:.3f} (labelled-path only {f['path_labelled']:.3f})  "
        f"dimensions {f['dimensions']:.3f}  overall {f['overall']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
