"""Why the parser read a document as it did: ``reviewkit parse --explain DOC``.

Per document: the kind and the votes of each kind signal behind it. Per finding: the
recognizer that produced it and the source lines it came from. The document is parsed
exactly as :func:`reviewkit.parse.parse_document` does; the explanation re-reads the
same section tree, so what it shows is what the parse did.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reviewkit.config import DEFAULT_VOCABULARY, Vocabulary
from reviewkit.model import Document, DocumentKind, Finding
from reviewkit.parse import parse_document, scope_findings
from reviewkit.parse.findings.sections import annotate
from reviewkit.parse.kind import SIGNALS, gather_evidence
from reviewkit.parse.legend import legend_vocabulary
from reviewkit.parse.segment import split_reviews
from reviewkit.parse.tree import build_sections, parse_markdown
from reviewkit.sources import ReviewSource


@dataclass(frozen=True)
class ExplainedFinding:
    """One finding with the recognizer that produced it."""

    finding: Finding
    recognizer: str
    reviewer: str | None


@dataclass
class Explanation:
    """A parsed document and the reasons behind it."""

    document: Document
    signals: list[tuple[str, Counter[DocumentKind]]] = field(default_factory=list)
    findings: list[ExplainedFinding] = field(default_factory=list)


def explain(source: ReviewSource, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> Explanation:
    """Parse ``source`` and say which signals decided its kind and which recognizer made each finding."""
    document = parse_document(source, vocabulary)
    explanation = Explanation(document)
    if not source.text.strip():
        return explanation
    vocabulary = legend_vocabulary(source.text, vocabulary)  # as the parse did
    root = build_sections(parse_markdown(source.text), source.text.count("\n") + 1)
    annotate(root, vocabulary)
    scopes = split_reviews(root, vocabulary)
    evidence = gather_evidence(root, source.path, vocabulary, scopes)
    explanation.signals = [(name, signal(evidence)) for name, signal in SIGNALS]
    made: dict[tuple[int, str], str] = {}
    for scope in scopes:
        result = scope_findings(scope, vocabulary, document.kind)
        for finding, name in zip(result.findings, result.recognizers, strict=True):
            made[(finding.line, finding.title)] = name
    for review in document.reviews:
        for finding in review.findings:
            name = made.get((finding.line, finding.title), "?")
            explanation.findings.append(ExplainedFinding(finding, name, review.reviewer))
    return explanation


def render(explanation: Explanation) -> str:
    """The explanation as text for a person: kind and signals, then one line per finding."""
    doc = explanation.document
    lines = [f"{doc.path}: kind {doc.kind.value}"]
    for name, votes in explanation.signals:
        said = ", ".join(f"{kind.value} {n:+d}" for kind, n in sorted(votes.items(), key=lambda kv: kv[0].value) if n)
        lines.append(f"  signal {name:18} {said or '-'}")
    if doc.kind is not DocumentKind.REVIEW and not doc.reviews:
        lines.append(
            f"  no findings read: this document is {doc.kind.value}, and only findings with a block of their own"
            " (a heading, bold block or tagged paragraph each) are read from it"
        )
    for item in explanation.findings:
        f = item.finding
        severity = f.severity.value if f.severity else "no severity"
        where = ", ".join(loc.path or "" for loc in f.locations)
        lines.append(
            f"  lines {f.line}-{f.end_line}  {item.recognizer:20} {f.id or '-'} [{severity}"
            f"{' from ' + repr(f.severity_raw) if f.severity_raw else ''}] {f.title}"
            + (f"  @ {where}" if where else "")
            + (f"  (reviewer {item.reviewer})" if item.reviewer else "")
        )
    lines.append(f"  {len(explanation.findings)} findings")
    lines += [f"  warning{' line ' + str(w.line) if w.line else ''}: {w.message}" for w in doc.warnings]
    return "\n".join(lines)


__all__ = ["ExplainedFinding", "Explanation", "explain", "render"]
